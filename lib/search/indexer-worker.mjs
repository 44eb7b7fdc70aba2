// @ts-check
/**
 * One Pagefind indexer in a worker thread: indexes the partial indexes `IndexerThread`
 * (indexer-thread.ts) sends it, one after another, each in a Pagefind index of its own. The messages are `IndexerRequest` and `IndexerAnswer`
 * (messages.ts); every answer carries the errors Pagefind gave.
 *
 * Why a worker: Pagefind's service indexes one page at a time (a single task reads its requests), so
 * one service is one core at most, and fed from the rendering thread it got pages only between two
 * pages' rendering. Each worker loads its own copy of Pagefind's Node API, so it starts its own
 * service process, and it keeps that service's pipe full while the rendering thread is busy.
 *
 * Why JavaScript: Node 20 applies no loader hooks (tsx) to worker threads, and this worker starts
 * with every build; its types come from messages.ts all the same.
 * @typedef {import("./messages.ts").IndexerWorkerData} IndexerWorkerData
 * @typedef {import("./messages.ts").IndexerRequest} IndexerRequest
 * @typedef {import("./messages.ts").IndexerAnswer} IndexerAnswer
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
if (!port) throw new Error("indexer-worker.mjs runs as a worker thread (see IndexerThread)");
/** @type {IndexerWorkerData} */
const config = workerData;
// Pagefind's allocator (jemalloc) keeps the memory of each partial index written and freed for reuse;
// decay 0 returns it to the system at once, so a service holds one partial index, not the largest
// seen (this thread's environment is what its Pagefind process inherits).
process.env._RJEM_MALLOC_CONF ??= "dirty_decay_ms:0,muzzy_decay_ms:0";

/** @param {IndexerAnswer} answer */
const reply = (answer) => port.postMessage(answer);

const decoder = new TextDecoder();

/**
 * One partial index: a new Pagefind index of `pages`, written to `dir`, then freed.
 * @param {string} dir
 * @param {readonly import("./messages.ts").IndexerPage[]} pages
 * @returns {Promise<string[]>} Pagefind's errors
 */
async function indexPart(dir, pages) {
  const { index, errors } = await pagefind.createIndex({
    forceLanguage: config.language,
    excludeSelectors: [...config.excludeSelectors],
  });
  if (!index) return [`Pagefind could not start: ${errors.join("; ")}`];
  const problems = [];
  // Pagefind's service reads its requests one at a time; sending them all at once keeps its pipe full.
  const added = await Promise.all(
    pages.map(({ url, content }) =>
      index.addHTMLFile({ url, content: decoder.decode(content) }).then(
        (result) => result.errors.map((e) => `${url}: ${e}`),
        (error) => [`${url}: ${String(error)}`],
      ),
    ),
  );
  problems.push(...added.flat());
  const written = await index.writeFiles({ outputPath: dir });
  problems.push(...written.errors);
  await index.deleteIndex();
  return problems;
}

/** Partial indexes and the close, one after another. */
let queue = Promise.resolve();

port.on("message", (/** @type {IndexerRequest} */ request) => {
  if (request.kind === "index") {
    queue = queue.then(() =>
      indexPart(request.dir, request.pages).then(
        (errors) => reply({ kind: "indexed", dir: request.dir, errors }),
        (error) => reply({ kind: "indexed", dir: request.dir, errors: [String(error)] }),
      ),
    );
  } else if (request.kind === "stop") {
    // A failed build: end the service now, whatever is queued, then say so.
    void stopServices().then(() => reply({ kind: "stopped" }));
  } else if (request.kind === "close") {
    queue = queue.then(async () => {
      await stopServices();
      reply({ kind: "closed" });
      port.close();
    });
  }
});
