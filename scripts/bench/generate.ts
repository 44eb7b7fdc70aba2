/**
 * Synthetic articles for the benchmark: sentences of the seed article recombined into ~800-word
 * bodies, spread over the site's categories, ~40 units, ~200 authors, ~300 tags and ten years.
 *
 * A share of them carry a lead photo. Only a handful of distinct JPEGs are made and reused, so an
 * image cache keyed by content does each one once: the figures measure a site whose photos are
 * already processed, as a daily rebuild of the archive would be.
 */
import { cpSync, linkSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { splitFrontMatter } from "../../lib/content/front-matter.ts";
import { readSiteConfig } from "../../lib/content/site.ts";
import { slugify } from "../../lib/text/slug.ts";
import { Random } from "./random.ts";
import { authors, tags, units } from "./vocabulary.ts";

export interface GenerateOptions {
  /** The project's content folder: its `_data` is copied, its articles are the seed text. */
  readonly sourceDir: string;
  /** The content folder to create. */
  readonly targetDir: string;
  readonly count: number;
  readonly seed?: number;
  /** Share of articles with a lead photo. */
  readonly photoShare?: number;
  readonly wordsPerArticle?: number;
  /**
   * More content folders whose articles add their sentences to the pool (e.g. the test fixtures'
   * ~65 real articles). Why: with one seed article every generated article holds the same few hundred
   * words, so each common word's search-index chunk lists every page, which a real archive does not.
   */
  readonly moreSentenceDirs?: readonly string[];
}

/** What was written, for the edit-and-rebuild measurement. */
export interface GeneratedSite {
  readonly slugs: readonly string[];
  readonly photos: number;
}

const PHOTO_VARIANTS = 6;

/** Writes `count` articles (and `_data`) into `targetDir`; same options, same bytes. */
export async function generateSite(options: GenerateOptions): Promise<GeneratedSite> {
  const random = new Random(options.seed ?? 20251126);
  const photoShare = options.photoShare ?? 0.1;
  const words = options.wordsPerArticle ?? 800;
  const sentences = [options.sourceDir, ...(options.moreSentenceDirs ?? [])].flatMap(seedSentences);
  const site = readSiteConfig(options.sourceDir);
  const people = authors(random);
  const bodies = units(random);
  const tagPool = tags(random, sentences.join(" ").split(/\s+/));
  cpSync(path.join(options.sourceDir, "_data"), path.join(options.targetDir, "_data"), { recursive: true });
  const photoDir = path.join(options.targetDir, "..", "bench-photos");
  const photos = await makePhotos(photoDir, random);

  const slugs: string[] = [];
  const start = Date.UTC(2016, 0, 1);
  const span = Date.UTC(2025, 11, 31) - start;
  for (let i = 0; i < options.count; i++) {
    const title = titleFrom(random, sentences);
    const slug = `${slugify(title).split("-").slice(0, 10).join("-")}-${i + 1}`;
    const when = new Date(start + Math.floor(random.next() * span));
    // Wall-clock Vietnamese time written without offset: the schema reads it as Asia/Ho_Chi_Minh.
    const date = `${when.toISOString().slice(0, 10)}T${String(random.int(6, 20)).padStart(2, "0")}:${String(random.int(0, 59)).padStart(2, "0")}`;
    const withPhoto = random.next() < photoShare;
    const dir = path.join(options.targetDir, "articles", slug);
    mkdirSync(dir, { recursive: true });
    const front = [
      "---",
      `title: ${JSON.stringify(title)}`,
      `date: ${date}`,
      `author: ${random.pick(people)}`,
      `unit: ${random.pick(bodies)}`,
      `category: ${random.pick(site.categories).slug}`,
      "tags:",
      ...random.sample(tagPool, random.int(1, 4)).map((tag) => `  - ${tag}`),
    ];
    if (withPhoto) {
      const photo = random.int(0, photos.length - 1);
      front.push(
        "image:",
        "  src: anh-dai-dien.jpg",
        `  alt: ${JSON.stringify(`Ảnh minh họa số ${photo + 1}`)}`,
      );
      // Hard links: the same bytes in each bundle without the disk cost of 10,000 copies.
      linkSync(photos[photo] as string, path.join(dir, "anh-dai-dien.jpg"));
    }
    front.push("---", "");
    writeFileSync(path.join(dir, "index.md"), `${front.join("\n")}\n${bodyFrom(random, sentences, words)}`);
    slugs.push(slug);
  }
  return { slugs, photos: photos.length };
}

/** The sentences of every seed article, without image lines. */
export function seedSentences(sourceDir: string): string[] {
  const root = path.join(sourceDir, "articles");
  const sentences: string[] = [];
  for (const slug of readdirSync(root).sort()) {
    const { body } = splitFrontMatter(readFileSync(path.join(root, slug, "index.md"), "utf8"));
    for (const paragraph of body.split(/\n\s*\n/)) {
      if (paragraph.trim().startsWith("!") || paragraph.trim() === "") continue;
      sentences.push(...paragraph.split(/(?<=[.;!?])\s+/).filter((s) => s.split(/\s+/).length >= 6));
    }
  }
  return sentences;
}

function titleFrom(random: Random, sentences: readonly string[]): string {
  const words = random
    .pick(sentences)
    .replace(/[.;:!?"“”]+/g, "")
    .split(/\s+/);
  const length = random.int(6, 14);
  const from = random.int(0, Math.max(0, words.length - length));
  const text = words
    .slice(from, from + length)
    .join(" ")
    .replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, "");
  return text.charAt(0).toLocaleUpperCase("vi") + text.slice(1);
}

function bodyFrom(random: Random, sentences: readonly string[], target: number): string {
  const paragraphs: string[] = [];
  let count = 0;
  while (count < target) {
    const paragraph = Array.from({ length: random.int(3, 6) }, () => random.pick(sentences)).join(" ");
    count += paragraph.split(/\s+/).length;
    paragraphs.push(paragraph);
  }
  return `${paragraphs.join("\n\n")}\n`;
}

async function makePhotos(dir: string, random: Random): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < PHOTO_VARIANTS; i++) {
    const [width, height] = [960, 640];
    const pixels = Buffer.alloc(width * height * 3);
    const [r, g, b] = [random.int(40, 220), random.int(40, 220), random.int(40, 220)];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const at = (y * width + x) * 3;
        const shade = Math.sin(x / (20 + i * 7)) * 30 + (y / height) * 60;
        pixels[at] = r + shade;
        pixels[at + 1] = g - shade / 2;
        pixels[at + 2] = b + ((x * y) % 17);
      }
    }
    const file = path.join(dir, `anh-${i + 1}.jpg`);
    writeFileSync(
      file,
      await sharp(pixels, { raw: { width, height, channels: 3 } })
        .jpeg({ quality: 80 })
        .toBuffer(),
    );
    files.push(file);
  }
  return files;
}
