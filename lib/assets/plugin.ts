/**
 * Static assets (CSS, client JS, images in `assets/`): copied under content-hashed names so the CDN
 * can cache them for a year (`immutable`), while every page links the current file.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { outputDir, type EleventyConfig } from "../eleventy.ts";

export interface AssetsOptions {
  /** Folder of source assets; defaults to the project's `assets/`. */
  readonly sourceDir?: string;
}

/** The files of `assets/images` pages link as they are: the favicon, and the banner as the JSON-LD logo. */
const DESIGN_IMAGES = ["banner.png", "favicon.svg"] as const;

interface HashedAsset {
  readonly url: string;
  readonly body: Buffer;
}

/** Returns `name.<8 hex>.ext` for a file's bytes. */
function hashedName(file: string, body: Buffer): string {
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 8);
  const ext = path.extname(file);
  return `${path.basename(file, ext)}.${hash}${ext}`;
}

function collect(sourceDir: string): Map<string, HashedAsset> {
  const assets = new Map<string, HashedAsset>();
  for (const sub of ["css", "js"]) {
    const dir = path.join(sourceDir, sub);
    let files: string[] = [];
    try {
      files = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const file of files) {
      const body = readFileSync(path.join(dir, file));
      assets.set(`${sub}/${file}`, { url: `/assets/${sub}/${hashedName(file, body)}`, body });
    }
  }
  return assets;
}

export default function assetsPlugin(eleventyConfig: EleventyConfig, options: AssetsOptions = {}): void {
  const sourceDir = options.sourceDir ?? path.resolve("assets");
  let assets = collect(sourceDir);
  eleventyConfig.addWatchTarget(sourceDir);
  eleventyConfig.on("eleventy.before", () => {
    assets = collect(sourceDir);
  });
  /** `{{ "css/site.css" | asset }}` → `/assets/css/site.1a2b3c4d.css`. */
  eleventyConfig.addFilter("asset", (name: string) => {
    const asset = assets.get(name);
    if (!asset)
      throw new Error(`Unknown asset "${name}" (looked in ${path.relative(process.cwd(), sourceDir)})`);
    return asset.url;
  });
  // The design images by name, not the folder: the CMS's media library uploads into assets/images,
  // and an upload must never be published as it is. The images plugin makes responsive banners.
  for (const image of DESIGN_IMAGES)
    eleventyConfig.addPassthroughCopy({ [path.join(sourceDir, "images", image)]: `assets/images/${image}` });
  eleventyConfig.on("eleventy.after", () => {
    for (const asset of assets.values()) {
      const target = path.join(outputDir(eleventyConfig), asset.url);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, asset.body);
    }
  });
}
