/**
 * `npm run bench:images`: the image pipeline on photo-sized sources, printed as a table.
 *
 * Builds a generated site of N articles, each with its own 4000×3000 photo-like lead photo, twice
 * (cold cache, then warm), then runs a bare sharp loop doing the same encodes with the same settings
 * and parallelism, and computes the image bytes a browser downloads per article page from the
 * srcset/sizes in the built HTML.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  cpSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp, { type Sharp } from "sharp";
import { buildSite, projectDir } from "../../lib/build.ts";
import { Pool } from "../../lib/images/pool.ts";
import { ENCODERS, SHARE_SIZE, WIDTHS } from "../../lib/images/settings.ts";
import { articleUrl } from "../../lib/content/url-scheme.ts";

const { values } = parseArgs({ options: { count: { type: "string", default: "50" } } });
const count = Number(values.count);
const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-bench-images-"));
const content = path.join(root, "content");
const site = path.join(root, "_site");
const banner = path.join(projectDir, "assets", "images", "banner.png");

/**
 * A deterministic photo-like picture: value noise at four scales (broad colour fields down to
 * leaf-sized detail, as in a landscape) plus sensor grain, so encoders meet photo-like entropy.
 */
async function photo(seed: number, width = 4000, height = 3000): Promise<Buffer> {
  let state = seed * 2654435761;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const octaves = [
    { cols: 8, weight: 0.55 },
    { cols: 40, weight: 0.25 },
    { cols: 200, weight: 0.12 },
    { cols: 1000, weight: 0.08 },
  ];
  const sum = new Float32Array(width * height * 3);
  for (const { cols, weight } of octaves) {
    const rows = Math.round((cols * height) / width);
    const grid = Buffer.alloc(cols * rows * 3);
    for (let i = 0; i < grid.length; i++) grid[i] = Math.floor(random() * 256);
    const layer = await sharp(grid, { raw: { width: cols, height: rows, channels: 3 } })
      .resize(width, height, { kernel: "cubic" })
      .raw()
      .toBuffer();
    for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (layer[i] as number) * weight;
  }
  const data = Buffer.alloc(sum.length);
  for (let i = 0; i < sum.length; i++) {
    const v = (sum[i] as number) + (random() - 0.5) * 16;
    data[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Writes N articles, each with its own lead photo and a short body; returns the photo paths. */
async function writeArticles(): Promise<string[]> {
  cpSync(path.join(projectDir, "content", "_data"), path.join(content, "_data"), { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const dir = path.join(content, "articles", `bai-thu-${i + 1}`);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "anh-dai-dien.jpg");
    // Generated sources are kept in .cache/bench (they take seconds each); the image cache is not.
    const kept = path.join(projectDir, ".cache", "bench", `photo-${i + 1}.jpg`);
    if (!existsSync(kept)) {
      mkdirSync(path.dirname(kept), { recursive: true });
      writeFileSync(kept, await photo(i + 1));
    }
    cpSync(kept, file);
    writeFileSync(
      path.join(dir, "index.md"),
      `---\ntitle: "Bài thử số ${i + 1}: Phú Ninh ra quân làm đường giao thông nông thôn"\ndate: "2025-03-02T07:30"\n` +
        `author: "Trần Thị Hoà"\nunit: "Huyện đoàn Phú Ninh"\ncategory: "xay-dung-dang"\n` +
        `image:\n  src: anh-dai-dien.jpg\n  alt: "Đoàn viên tập trung tại sân UBND xã"\n---\n\n` +
        "Đoàn viên thanh niên các xã đã ra quân làm đường giao thông nông thôn.\n",
    );
    files.push(file);
  }
  return files;
}

/** The slot width in CSS px that a `sizes` list gives at a viewport width (rem = 16 px). */
export function slotWidth(sizes: string, viewport: number): number {
  const px = (length: string): number => {
    const calc = /^calc\(100vw - ([\d.]+)rem\)$/.exec(length);
    if (calc) return viewport - Number(calc[1]) * 16;
    const [, n, unit] = /^([\d.]+)(rem|px|vw)$/.exec(length) ?? [];
    if (unit === "rem") return Number(n) * 16;
    if (unit === "vw") return (Number(n) * viewport) / 100;
    return Number(n);
  };
  for (const entry of sizes.split(/,\s*(?![^()]*\))/)) {
    const media = /^\(min-width: ([\d.]+)(rem|px)\)\s+(.+)$/.exec(entry.trim());
    if (!media) return px(entry.trim());
    const min = Number(media[1]) * (media[2] === "rem" ? 16 : 1);
    if (viewport >= min) return px(media[3] as string);
  }
  return viewport;
}

/** The candidate a browser picks: the smallest width covering slot × DPR, else the largest. */
export function pickCandidate(srcset: string, slot: number, dpr: number): string {
  const candidates = srcset
    .split(", ")
    .map((c) => c.split(" "))
    .map(([url, w]) => ({ url: url as string, width: Number(w?.slice(0, -1)) }))
    .sort((a, b) => a.width - b.width);
  const pick = candidates.find((c) => c.width >= slot * dpr) ?? candidates[candidates.length - 1];
  return pick?.url ?? "";
}

/** Mean bytes of the images an article page makes a browser fetch, per format. */
function bytesPerPage(viewport: number, dpr: number): Record<"avif" | "webp" | "jpeg", number> {
  const totals = { avif: 0, webp: 0, jpeg: 0 };
  for (let i = 0; i < count; i++) {
    const html = readFileSync(path.join(site, articleUrl(`bai-thu-${i + 1}`), "index.html"), "utf8");
    for (const picture of html.matchAll(/<picture>(.*?)<\/picture>/g)) {
      const markup = picture[1] as string;
      const sizes = /sizes="([^"]+)"/.exec(markup)?.[1] ?? "100vw";
      const slot = slotWidth(sizes, viewport);
      const srcsets = {
        avif: /type="image\/avif" srcset="([^"]+)"/.exec(markup)?.[1] ?? "",
        webp: /type="image\/webp" srcset="([^"]+)"/.exec(markup)?.[1] ?? "",
        jpeg: /<img [^>]*srcset="([^"]+)"/.exec(markup)?.[1] ?? "",
      };
      for (const format of ["avif", "webp", "jpeg"] as const) {
        totals[format] += statSync(
          path.join(site, decodeURI(pickCandidate(srcsets[format], slot, dpr))),
        ).size;
      }
    }
  }
  return { avif: totals.avif / count, webp: totals.webp / count, jpeg: totals.jpeg / count };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/** Runs one in-process build and reads the images line the plugin logs. */
async function timedBuild(cacheDir: string): Promise<{ ms: number; imageMs: number; encoded: number }> {
  process.env.IMAGE_CACHE_DIR = cacheDir;
  const logged: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void logged.push(args.join(" "));
  const started = performance.now();
  try {
    await buildSite({ input: content, output: site });
  } finally {
    console.log = log;
  }
  const ms = performance.now() - started;
  const line = logged.find((l) => l.includes("encoded")) ?? "";
  const match = /(\d+) encoded, \d+ cached, \d+ files, (\d+) ms/.exec(line);
  if (!match) throw new Error(`No images line in the build log: ${logged.join("\n")}`);
  return { ms, encoded: Number(match[1]), imageMs: Number(match[2]) };
}

/** The same encodes as the pipeline, written the way a sharp user would: one pipeline, clone() per output. */
async function bareLoop(sources: string[]): Promise<number> {
  const pool = new Pool(os.availableParallelism());
  const started = performance.now();
  await Promise.all(
    sources.map((file, index) =>
      pool.run(index, async () => {
        const base = sharp(file).rotate();
        const { width = 0 } = await base.metadata();
        const widths = WIDTHS.filter((w) => w <= width);
        const outputs: (() => Promise<Buffer>)[] = [];
        for (const w of widths) {
          const resized = (): Sharp => base.clone().resize({ width: w });
          outputs.push(() => resized().avif(ENCODERS.avif).toBuffer());
          outputs.push(() => resized().webp(ENCODERS.webp).toBuffer());
          outputs.push(() => resized().jpeg(ENCODERS.jpeg).toBuffer());
        }
        outputs.push(() =>
          base
            .clone()
            .resize(SHARE_SIZE.width, SHARE_SIZE.height, { fit: "cover" })
            .jpeg(ENCODERS.share)
            .toBuffer(),
        );
        // One output at a time per slot, `cores` slots: the same parallelism as the pipeline's pool.
        for (const output of outputs) await output();
      }),
    ),
  );
  return performance.now() - started;
}

try {
  console.log(`Sinh ${count} ảnh 4000×3000 (generating ${count} photo-like 4000×3000 sources)…`);
  const sources = await writeArticles();
  const cacheDir = path.join(root, "cache");
  const cold = await timedBuild(cacheDir);
  const bare = await bareLoop([...sources, banner]);
  const warm = await timedBuild(cacheDir);
  const rows: [string, string][] = [
    ["sources", `${count} × 4000×3000 JPEG + banner`],
    ["outputs per photo", `${WIDTHS.length} widths × AVIF/WebP/JPEG + 1200×630 share`],
    [
      "parallel sharp operations",
      `${os.availableParallelism()} (libvips threads each: ${sharp.concurrency()})`,
    ],
    ["cold build (whole site)", `${seconds(cold.ms)} s`],
    ["cold image time", `${seconds(cold.imageMs)} s (${cold.encoded} sources encoded)`],
    ["warm build (whole site)", `${seconds(warm.ms)} s`],
    ["warm image time", `${seconds(warm.imageMs)} s (${warm.encoded} sources encoded)`],
    ["warm/cold (image time)", `${(warm.imageMs / cold.imageMs).toFixed(3)} (goal < 0.1)`],
    ["warm/cold (whole build)", (warm.ms / cold.ms).toFixed(3)],
    ["bare sharp loop, same encodes", `${seconds(bare)} s`],
    ["throughput vs bare loop", `${(bare / cold.imageMs).toFixed(2)} (goal ≥ 0.9)`],
  ];
  for (const [viewport, dpr] of [
    [360, 2],
    [360, 1],
    [1280, 1],
    [1280, 2],
  ] as const) {
    const b = bytesPerPage(viewport, dpr);
    rows.push([
      `image bytes/page ${viewport} px @${dpr}x`,
      `AVIF ${kb(b.avif)} · WebP ${kb(b.webp)} · JPEG ${kb(b.jpeg)}`,
    ]);
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n"));
} finally {
  rmSync(root, { recursive: true, force: true });
}
