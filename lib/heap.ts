/**
 * The JavaScript heap limit of a build, sized to the machine.
 *
 * Why: Node caps the heap at about 4 GB whatever the machine, and a build keeps every article and
 * every rendered page until it ends (about 50 KB of heap and 28 KB of page bytes per article), so an
 * archive of 100,000 articles needs about 8 GB: with the default cap it would die of "heap out of
 * memory" on a machine with memory to spare. The build reruns itself once with a cap sized to the
 * archive, at most three quarters of the machine's memory (the rest is for Pagefind, sharp and the
 * system). Only when needed: with a larger cap V8 collects garbage later, and a 10,000-article build
 * that fits the default peaked at 2.0 GB instead of 1.2 GB.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import v8 from "node:v8";

/** Share of the machine's memory the build's heap may use. */
const SHARE = 0.75;

/**
 * Heap to allow per article, in MB, and for the rest: measured 57 KB of live heap per article at
 * 10,000 (data, page records; rendered pages are kept as bytes outside the heap), with room for
 * garbage between collections.
 */
const PER_ARTICLE_MB = 0.15;
const BASE_MB = 512;

/**
 * The `--max-old-space-size` (MB) to rerun with for `articles`, or undefined when the current limit
 * is already enough (or the caller set one).
 * @example heapLimitFor(100_000, 24 * 1024 ** 3, 4345 * 1024 ** 2, "") // 15512
 */
export function heapLimitFor(
  articles: number,
  totalBytes: number,
  currentLimitBytes: number,
  nodeOptions: string,
): number | undefined {
  if (/--max-old-space-size/.test(nodeOptions)) return undefined;
  const needed = Math.ceil(BASE_MB + articles * PER_ARTICLE_MB);
  const wanted = Math.min(needed, Math.floor((totalBytes * SHARE) / 1024 ** 2));
  return wanted > currentLimitBytes / 1024 ** 2 ? wanted : undefined;
}

/**
 * Reruns this script (`argv` without the Node binary) in a child with a larger heap when `articles`
 * need one and the machine allows it, and returns its exit code; undefined when this process should
 * go on itself.
 */
export function rerunWithHeapFor(argv: readonly string[], articles: number): number | undefined {
  const nodeOptions = process.env.NODE_OPTIONS ?? "";
  const limit = heapLimitFor(articles, os.totalmem(), v8.getHeapStatistics().heap_size_limit, nodeOptions);
  if (limit === undefined) return undefined;
  const child = spawnSync(process.execPath, [...process.execArgv, ...argv], {
    stdio: "inherit",
    env: { ...process.env, NODE_OPTIONS: `${nodeOptions} --max-old-space-size=${limit}`.trim() },
  });
  if (child.error) throw child.error;
  return child.status ?? 1;
}
