/**
 * The JavaScript heap limit of a build, sized to the archive and the machine.
 *
 * Why: a build keeps every article and every rendered page until it ends (about 57 KB of heap and
 * 28 KB of page bytes per article), and V8 collects garbage only as the heap nears its limit. Node's
 * default limit (about 4 GB here) is both too small and too large: an archive of 100,000 articles
 * would die of "heap out of memory" on a machine with memory to spare, and a 10,000-article build
 * let its heap grow to 1.4 GB of mostly garbage (with Pagefind's indexer, 1.6 GB for the build).
 * So the build reruns itself once with a limit sized to the archive (about 1.4 times its live heap
 * per article), at most three quarters of the machine's memory (the rest is for Pagefind, sharp and
 * the system). Measured at 10,000 articles: Node 1.1 GB instead of 1.4 GB, for about 5 % more CPU.
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
const PER_ARTICLE_MB = 0.08;
const BASE_MB = 256;

/** Below this many articles Node's default is kept: such a build peaks under 1 GB, and a rerun costs half a second. */
const SIZED_FROM_ARTICLES = 2000;

/**
 * The `--max-old-space-size` (MB) to rerun with for `articles`, or undefined when the archive is
 * small, the current limit is already that, or the caller set one.
 * @example heapLimitFor(100_000, 24 * 1024 ** 3, 4345 * 1024 ** 2, "") // 8256
 */
export function heapLimitFor(
  articles: number,
  totalBytes: number,
  currentLimitBytes: number,
  nodeOptions: string,
): number | undefined {
  if (/--max-old-space-size/.test(nodeOptions) || articles < SIZED_FROM_ARTICLES) return undefined;
  const needed = Math.ceil(BASE_MB + articles * PER_ARTICLE_MB);
  const wanted = Math.min(needed, Math.floor((totalBytes * SHARE) / 1024 ** 2));
  return Math.abs(wanted - currentLimitBytes / 1024 ** 2) >= 1 ? wanted : undefined;
}

/**
 * Reruns this script (`argv` without the Node binary) in a child with the heap limit `articles`
 * call for, and returns its exit code; undefined when this process should go on itself.
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
