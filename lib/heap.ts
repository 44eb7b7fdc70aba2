/**
 * The JavaScript heap limit of a build, sized to the machine.
 *
 * Why: Node caps the heap at about 4 GB whatever the machine, and a build keeps every article and
 * every rendered page until it ends (about 50 KB of heap and 28 KB of page bytes per article), so an
 * archive of 100,000 articles needs about 8 GB: with the default cap it would die of "heap out of
 * memory" on a machine with memory to spare. The build reruns itself once with a cap of three
 * quarters of the machine's memory (the rest is for Pagefind, sharp and the system).
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import v8 from "node:v8";

/** Share of the machine's memory the build's heap may use. */
const SHARE = 0.75;

/**
 * The `--max-old-space-size` (MB) to rerun with, or undefined when the current limit is already at
 * least that large (or the caller set one).
 * @example heapLimitFor(24 * 1024 ** 3, 4345 * 1024 ** 2, "") // 18432
 */
export function heapLimitFor(
  totalBytes: number,
  currentLimitBytes: number,
  nodeOptions: string,
): number | undefined {
  if (/--max-old-space-size/.test(nodeOptions)) return undefined;
  const wanted = Math.floor((totalBytes * SHARE) / 1024 ** 2);
  return wanted > currentLimitBytes / 1024 ** 2 ? wanted : undefined;
}

/**
 * Reruns this script (`argv` without the Node binary) in a child with a larger heap when the machine
 * allows one, and returns its exit code; undefined when this process should go on itself.
 */
export function rerunWithHeapFor(argv: readonly string[]): number | undefined {
  const nodeOptions = process.env.NODE_OPTIONS ?? "";
  const limit = heapLimitFor(os.totalmem(), v8.getHeapStatistics().heap_size_limit, nodeOptions);
  if (limit === undefined) return undefined;
  const child = spawnSync(process.execPath, [...process.execArgv, ...argv], {
    stdio: "inherit",
    env: { ...process.env, NODE_OPTIONS: `${nodeOptions} --max-old-space-size=${limit}`.trim() },
  });
  if (child.error) throw child.error;
  return child.status ?? 1;
}
