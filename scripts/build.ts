/**
 * `npm run build`: the production build of `content/` into `_site/`.
 * Exits non-zero with every content problem listed when the content is invalid.
 */
import { parseArgs } from "node:util";
import { readdirSync } from "node:fs";
import path from "node:path";
import { isMainThread } from "node:worker_threads";
import { heapLimitHere, runWithHeapLimit } from "../lib/heap.ts";

// --input/--output let tests and the benchmark build other content folders with the same code;
// --full renders every page even when the previous version holds most of them (lib/rebuild).
const { values } = parseArgs({
  options: { input: { type: "string" }, output: { type: "string" }, full: { type: "boolean" } },
});

// A large archive needs a heap sized to it, not Node's default: this script then runs again as a
// worker thread with that limit (see lib/heap.ts).
const limit = isMainThread ? heapLimitHere(countArticles(values.input ?? "content")) : undefined;
if (limit !== undefined)
  process.exitCode = await runWithHeapLimit(new URL(import.meta.url), process.argv.slice(2), limit);
else await build();

async function build(): Promise<void> {
  // Loaded only where the build runs, so a main thread that hands it to a worker does not load Eleventy.
  const { buildSite } = await import("../lib/build.ts");
  const started = performance.now();
  try {
    const output = await buildSite({
      input: values.input,
      output: values.output,
      quiet: !process.env.VERBOSE,
      ...(values.full ? { full: true } : {}),
    });
    console.log(`Đã xuất bản vào ${output} trong ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    const root = rootCause(error);
    console.error(root instanceof Error ? root.message : String(root));
    process.exitCode = 1;
  }
}

/** Eleventy wraps errors from data and templates; authors need the innermost message. */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && current.cause !== undefined && current.name !== "ContentError")
    current = current.cause;
  return current;
}

/** Article folders under `<input>/articles` (0 when missing: the build then reports it properly). */
function countArticles(input: string): number {
  try {
    return readdirSync(path.join(input, "articles")).length;
  } catch {
    return 0;
  }
}
