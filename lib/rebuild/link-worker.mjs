// @ts-check
/**
 * The worker thread of lib/rebuild/link-pages.ts: links each kept page of the previous version into
 * the new one (a copy where links are refused), then says it is done through the shared flag, the
 * outcome through the port. Plain JavaScript: it imports nothing of the project, so it starts at once.
 * @typedef {import("./link-pages.ts").LinkWorkerData} LinkWorkerData
 */
import { copyFileSync, constants, linkSync, mkdirSync } from "node:fs";
import path from "node:path";
import { workerData } from "node:worker_threads";

const { previous, output, files, flag, port } = /** @type {LinkWorkerData} */ (workerData);
const done = new Int32Array(flag);
try {
  const folders = new Set();
  for (const file of files) {
    const target = path.join(output, file);
    const folder = path.dirname(target);
    if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
    folders.add(folder);
    linkOrCopy(path.join(previous, file), target);
  }
  port.postMessage({ linked: files.length });
} catch (error) {
  const { message, code, path: file, syscall } = /** @type {NodeJS.ErrnoException} */ (error);
  port.postMessage({ error: { message: String(message ?? error), code, path: file, syscall } });
} finally {
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
  port.close();
}

/**
 * A hard link; a copy (a clone where the file system can) where links are refused.
 * @param {string} source
 * @param {string} target
 */
function linkOrCopy(source, target) {
  try {
    linkSync(source, target);
  } catch (error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    if (code !== "EXDEV" && code !== "EPERM" && code !== "EMLINK") throw error;
    copyFileSync(source, target, constants.COPYFILE_FICLONE);
  }
}
