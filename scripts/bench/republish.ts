/**
 * The one-edit republish: after a production build, one article's text changes and `npm run build`
 * runs again into the same output (lib/rebuild keeps every page the edit does not reach). Then a full
 * build of the same content into a fresh folder, and the two trees compared byte for byte.
 */
import { createHash } from "node:crypto";
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { TimingReport } from "../../lib/timing.ts";
import { measure, type Measured } from "./measure.ts";

/** The build's caches, as the environment names them (`SEARCH_CACHE_DIR`, `CONTENT_CACHE_DIR`). */
export type BuildCaches = Readonly<Record<string, string>>;

export interface Republished {
  readonly run: Measured;
  readonly timings: TimingReport;
  /** Files that differ from a full build of the same content (names, or contents); empty: identical. */
  readonly differences: readonly string[];
}

/** Edits `slug`'s body, republishes `output` from `content`, and checks it against a full build. */
export async function measureRepublish(
  tsx: string,
  projectDir: string,
  content: string,
  output: string,
  slug: string,
  root: string,
  /** The caches the cold build filled. */
  caches: BuildCaches,
): Promise<Republished> {
  appendFileSync(
    path.join(content, "articles", slug, "index.md"),
    "\nĐoạn văn thêm vào để đo thời gian xuất bản lại sau khi sửa một bài.\n",
  );
  const timingsFile = path.join(root, "republish-timings.json");
  const build = ["scripts/build.ts", "--input", content];
  const run = await measure(tsx, [...build, "--output", output], {
    cwd: projectDir,
    env: { PORTAL_TIMINGS: timingsFile, ...caches },
  });
  const timings = JSON.parse(readFileSync(timingsFile, "utf8")) as TimingReport;
  const clean = path.join(root, "clean", "_site");
  // Its own empty caches: the clean build shares nothing with the republish.
  await measure(tsx, [...build, "--output", clean, "--full"], {
    cwd: projectDir,
    env: {
      SEARCH_CACHE_DIR: mkdtempSync(path.join(root, "clean-search-cache-")),
      CONTENT_CACHE_DIR: mkdtempSync(path.join(root, "clean-content-cache-")),
    },
  });
  const differences = differingFiles(output, clean);
  rmSync(path.dirname(clean), { recursive: true, force: true });
  return { run, timings, differences };
}

/** Relative paths present in one tree only, or with other bytes. */
export function differingFiles(first: string, second: string): string[] {
  const a = hashes(first);
  const b = hashes(second);
  const differing = [...a].filter(([file, hash]) => b.get(file) !== hash).map(([file]) => file);
  return [...differing, ...[...b.keys()].filter((file) => !a.has(file))].sort();
}

function hashes(root: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    result.set(path.relative(root, file), createHash("sha256").update(readFileSync(file)).digest("hex"));
  }
  return result;
}
