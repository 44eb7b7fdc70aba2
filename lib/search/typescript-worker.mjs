// @ts-check
/**
 * Starts a TypeScript module as a worker thread: `new Worker(this file, { workerData: { module } })`.
 *
 * Why: Node 20 applies no loader hooks (tsx's, registered for the main thread) to worker threads, so
 * a worker registers tsx itself before it imports its TypeScript module (`module`, a file URL).
 * @typedef {import("./messages.ts").TypeScriptWorkerData<unknown>} TypeScriptWorkerData
 */
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(/** @type {TypeScriptWorkerData} */ (workerData).module);
