/**
 * `tsx scripts/bench/image-publish.ts [--files 3000] [--kb 60] [--dir <folder on the disk to measure>]`:
 * what publishing the image outputs and checking the cache cost, per file, on one file system.
 *
 * Measures, on the same synthetic cache (`--files` files of `--kb` KB, about the mean size of the
 * pipeline's outputs): hard links (the former way to publish), `copyFile` with `COPYFILE_FICLONE`
 * (a reflink where the file system has them, else a kernel copy; what `writeOutputs` does), and the
 * check before reuse (`ImageCache.verify`: stat, read, SHA-256 in the thread pool). The page cache
 * is warm, as it is for a cache the previous build just wrote or read.
 */
import { randomBytes } from "node:crypto";
import {
  constants,
  copyFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { copyFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ImageCache } from "../../lib/images/cache.ts";
import type { CacheEntry } from "../../lib/images/cache.ts";

const { values } = parseArgs({
  options: {
    files: { type: "string", default: "3000" },
    kb: { type: "string", default: "60" },
    dir: { type: "string", default: os.tmpdir() },
  },
});
const perEntry = 13; // 4 widths × 3 formats + the share image
const entries = Math.ceil(Number(values.files) / perEntry);
const root = mkdtempSync(path.join(values.dir, "phuninh-bench-publish-"));
const cache = new ImageCache(path.join(root, "cache"));

const widths = [360, 720, 1080, 1440];
const names = [...widths.flatMap((w) => [`${w}.avif`, `${w}.webp`, `${w}.jpg`]), "share.jpg"];
const stored: { key: string; entry: CacheEntry }[] = [];
for (let e = 0; e < entries; e++) {
  const key = `bench${e}`;
  const dir = cache.open(key);
  const files: Record<string, { size: number; sha256: string }> = {};
  for (const name of names) {
    const bytes = randomBytes(Number(values.kb) * 1024);
    writeFileSync(path.join(dir, name), bytes);
    const { createHash } = await import("node:crypto");
    files[name] = { size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
  }
  const entry: CacheEntry = {
    width: 1440,
    height: 1080,
    widths,
    fallback: "jpeg",
    colour: [0, 0, 0],
    share: true,
    files,
  };
  cache.commit(key, entry);
  stored.push({ key, entry });
}
const total = entries * names.length;

function publish(label: string, put: (from: string, to: string) => void): number {
  const site = path.join(root, label);
  const started = performance.now();
  for (const { key } of stored) {
    const dir = path.join(site, key);
    mkdirSync(dir, { recursive: true });
    for (const name of names) put(path.join(cache.entryDir(key), name), path.join(dir, name));
  }
  const ms = performance.now() - started;
  rmSync(site, { recursive: true, force: true });
  return ms;
}

/** The same copies through the thread pool, 8 in flight: overlaps the kernel's copies. */
async function publishAsync(label: string): Promise<number> {
  const site = path.join(root, label);
  const jobs = stored.flatMap(({ key }) => names.map((name) => ({ key, name })));
  const started = performance.now();
  for (const { key } of stored) mkdirSync(path.join(site, key), { recursive: true });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const { key, name } = jobs[next++]!;
      await copyFile(
        path.join(cache.entryDir(key), name),
        path.join(site, key, name),
        constants.COPYFILE_FICLONE,
      );
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const ms = performance.now() - started;
  rmSync(site, { recursive: true, force: true });
  return ms;
}

/**
 * What `writeOutputs` does on a republish: each file the version readers have now holds whole (same
 * size as the cache's) is hard-linked from there, so only new images are copied.
 */
function publishFromPrevious(label: string): number {
  const previous = path.join(root, "previous");
  for (const { key } of stored) {
    mkdirSync(path.join(previous, key), { recursive: true });
    for (const name of names)
      copyFileSync(path.join(cache.entryDir(key), name), path.join(previous, key, name));
  }
  const ms = publish(label, (from, to) => {
    const published = path.join(previous, path.relative(path.join(root, label), to));
    if (statSync(published).size === statSync(from).size) linkSync(published, to);
    else copyFileSync(from, to, constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL);
  });
  rmSync(previous, { recursive: true, force: true });
  return ms;
}

const rows: [string, number][] = [];
for (let round = 0; round < 2; round++) {
  rows.push([`hard links (round ${round + 1})`, publish("links", (a, b) => linkSync(a, b))]);
  rows.push([
    `copyFile FICLONE (round ${round + 1})`,
    publish("copies", (a, b) => copyFileSync(a, b, constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL)),
  ]);
  rows.push([`copyFile FICLONE, 8 at once (round ${round + 1})`, await publishAsync("async")]);
  rows.push([`links from the previous version (round ${round + 1})`, publishFromPrevious("relinks")]);
  const started = performance.now();
  const bad = (await Promise.all(stored.map(({ key, entry }) => cache.verify(key, entry)))).filter(Boolean);
  if (bad.length) throw new Error(`verify found damage in an intact cache: ${bad[0]}`);
  rows.push([`verify, size + SHA-256 (round ${round + 1})`, performance.now() - started]);
}
rmSync(root, { recursive: true, force: true });

console.log(`${total} files of ${values.kb} KB on ${values.dir}`);
console.log("| step | total ms | µs per file | ms per 18,000 files |");
console.log("| --- | ---: | ---: | ---: |");
for (const [label, ms] of rows) {
  console.log(
    `| ${label} | ${ms.toFixed(0)} | ${((ms * 1000) / total).toFixed(0)} | ${((ms / total) * 18000).toFixed(0)} |`,
  );
}
