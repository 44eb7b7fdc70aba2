// @ts-check
/**
 * One Pagefind indexer in a worker thread: takes records from `SearchIndexer` (index-pages.ts) and
 * writes them as parts. Messages, in order: `{ kind: "add", pages: [{ url, content }] }`; `{ kind: "write", dir }`
 * (writes the pages added so far to `dir` as one Pagefind bundle, and starts a new index);
 * `{ kind: "close" }` (stops the service once everything before is done); `{ kind: "stop" }` (a
 * failed build: stops it at once). Answers: `added` for each message of pages (with their count),
 * `written` for each write, `closed`, `stopped`; each with the errors Pagefind gave.
 *
 * Why a worker: Pagefind's service indexes one page at a time (a single task reads its requests), so
 * one service is one core at most, and the rendering thread fed it only between pages: at 10,000
 * articles it waited on Pagefind 40 % of the time with a core to spare. Each worker loads its own copy
 * of Pagefind's Node API, so it starts its own service process, and it keeps that service's pipe full
 * while the rendering thread is busy.
 *
 * Why JavaScript: Node 20 applies no loader hooks (tsx) to worker threads, so a TypeScript worker
 * would not load.
 */
import childProcess from "node:child_process";
import { parentPort, workerData } from "node:worker_threads";
import * as pagefind from "pagefind";

/**
 * The Pagefind service processes this worker started. Why: Pagefind's `close()` kills its process
 * without waiting for it, and a child is reaped only by the event loop that started it; once this
 * worker ended, nothing ever did, and a dev server kept one defunct `pagefind` per rebuild. The
 * worker waits for each to exit (see `stopServices`). Pagefind starts it with `child_process.spawn`,
 * looked up when it starts, so wrapping it here (in this worker's own copy of the module) sees it.
 * @type {import("node:child_process").ChildProcess[]}
 */
const services = [];
const spawn = childProcess.spawn;
// @ts-expect-error the wrapper passes every overload's arguments through unchanged
childProcess.spawn = (...args) => {
  // @ts-expect-error as above
  const child = spawn(...args);
  services.push(child);
  return child;
};

/** Ends Pagefind's service and waits until each process it started has exited (and is reaped). */
async function stopServices() {
  await pagefind.close();
  await Promise.all(
    services.splice(0).map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      child.kill();
      return new Promise((resolve) => child.once("exit", resolve));
    }),
  );
}

const port = parentPort;
if (!port) throw new Error("pagefind-lane.mjs runs as a worker thread (see SearchIndexer)");
/** @type {{ language: string, excludeSelectors: string[] }} */
const config = workerData;
// Pagefind's allocator (jemalloc) keeps the pages of each part written and freed, for reuse: two
// services held ~220 MB each at 10,000 articles, ~140 MB with decay 0, which returns freed pages to
// the system at once (this thread's environment is what its Pagefind process inherits).
process.env._RJEM_MALLOC_CONF ??= "dirty_decay_ms:0,muzzy_decay_ms:0";

async function createIndex() {
  const { index, errors } = await pagefind.createIndex({
    forceLanguage: config.language,
    excludeSelectors: config.excludeSelectors,
  });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  return index;
}

/** @param {{ kind: "added" | "written" | "closed" | "stopped", pages?: number, dir?: string, errors?: string[] }} response */
const reply = (response) => port.postMessage(response);

/**
 * The index taking pages now, opened with its first page (or by a write of a lane without pages).
 * @type {ReturnType<typeof createIndex> | undefined}
 */
let index;
/** @type {Promise<void>[]} pages of the current index not yet answered */
let pending = [];
/** Writes and the close, one after another. */
let queue = Promise.resolve();

port.on(
  "message",
  (/** @type {{ kind: string, pages: { url: string, content: string }[], dir: string }} */ request) => {
    if (request.kind === "add") {
      index ??= createIndex();
      const open = index;
      const added = Promise.all(
        request.pages.map(({ url, content }) =>
          open
            .then((ready) => ready.addHTMLFile({ url, content }))
            .then(
              (result) => result.errors.map((e) => `${url}: ${e}`),
              (error) => [`${url}: ${String(error)}`],
            ),
        ),
      ).then((errors) => reply({ kind: "added", pages: request.pages.length, errors: errors.flat() }));
      pending.push(added);
    } else if (request.kind === "write") {
      const full = index ?? createIndex();
      const sent = pending;
      index = undefined;
      pending = [];
      queue = queue
        .then(async () => {
          await Promise.all(sent);
          const open = await full;
          const result = await open.writeFiles({ outputPath: request.dir });
          await open.deleteIndex();
          reply({ kind: "written", dir: request.dir, errors: result.errors });
        })
        .catch((error) => reply({ kind: "written", dir: request.dir, errors: [String(error)] }));
    } else if (request.kind === "stop") {
      // A failed build: end the service now, whatever is queued, then say so.
      void stopServices().then(() => reply({ kind: "stopped" }));
    } else {
      queue = queue.then(async () => {
        await stopServices();
        reply({ kind: "closed" });
        port.close();
      });
    }
  },
);
