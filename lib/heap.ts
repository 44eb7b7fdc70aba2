/**
 * The JavaScript heap limit of a build, sized to the archive and the machine.
 *
 * Why: a build keeps every article and every rendered page until it ends, and V8 collects garbage
 * only as the heap nears its limit. Node's default limit (a fixed share of the machine) is both too
 * small and too large: an archive of 100,000 articles dies of "heap out of memory" on a machine with
 * memory to spare, and a 10,000-article build lets its heap fill with garbage up to the default. So a
 * large archive is built in a worker thread whose heap is sized to it (about 1.4 times its live heap
 * per article), at most three quarters of the machine's memory (the rest is for Pagefind, sharp and
 * the system). A worker thread, not a second process: V8 takes a heap limit only when an isolate is
 * created, and a worker is the one isolate Node lets a running process create with its own limit.
 */
import os from "node:os";
import v8 from "node:v8";
import { Worker } from "node:worker_threads";

/** Share of the machine's memory the build's heap may use. */
const SHARE = 0.75;

/**
 * Heap to allow per article, in MB, and for the rest: 57 KB of live heap per article measured on a
 * 10,000-article generated archive (data, page records; rendered pages are kept as bytes outside the
 * heap, see lib/pages-as-bytes.ts), with room for garbage between collections.
 */
const PER_ARTICLE_MB = 0.08;
const BASE_MB = 256;

/** Below this many articles Node's default is kept: such a build peaks well under it. */
const SIZED_FROM_ARTICLES = 2000;

/**
 * The heap limit (MB) a build of `articles` should run under, or undefined when the archive is
 * small, the current limit is already that, or the caller set one in `nodeOptions`.
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

/** `heapLimitFor` on this machine and this process (its limit, `NODE_OPTIONS` and Node flags). */
export function heapLimitHere(articles: number): number | undefined {
  const nodeOptions = [process.env.NODE_OPTIONS ?? "", ...process.execArgv].join(" ");
  return heapLimitFor(articles, os.totalmem(), v8.getHeapStatistics().heap_size_limit, nodeOptions);
}

/**
 * Runs the TypeScript module `module` in a worker thread whose heap is limited to `limitMb`, with
 * `argv` as its command-line arguments, and resolves with its exit code. Its console output is this
 * process's. Running out of heap ends it with exit code 1 and a line saying so, or, where V8 cannot
 * stop the worker cleanly (nodejs/node#47224), aborts the process with V8's own "heap out of memory",
 * as a process started with that limit would: a failed build either way, and nothing published.
 */
export async function runWithHeapLimit(
  module: URL,
  argv: readonly string[],
  limitMb: number,
): Promise<number> {
  // On glibc, sharp must be loaded by the main thread before a worker loads it, or libvips is unloaded
  // under the worker's feet when it ends (lovell/sharp#2263, sharp's install docs).
  await import("sharp");
  const worker = new Worker(new URL("./search/typescript-worker.mjs", import.meta.url), {
    workerData: { module: module.href },
    argv: [...argv],
    // A worker's stdout is not a terminal: keep the progress lines a terminal would show.
    env: process.stdout.isTTY
      ? { ...process.env, PORTAL_PROGRESS: process.env.PORTAL_PROGRESS ?? "1" }
      : process.env,
    resourceLimits: { maxOldGenerationSizeMb: limitMb },
  });
  return new Promise((resolve) => {
    worker.on("error", (error: Error & { code?: string }) => {
      console.error(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `Hết bộ nhớ: bản dựng cần hơn ${limitMb} MB heap JavaScript (đặt NODE_OPTIONS=--max-old-space-size=… để nâng).`
          : error,
      );
    });
    worker.on("exit", resolve);
  });
}
