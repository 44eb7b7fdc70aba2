// @ts-check
/**
 * The worker thread of lib/rebuild/link-pages.ts: links each kept page of the previous version into
 * the new one (a copy where links are refused), then posts the outcome. Plain JavaScript: it imports
 * nothing of the project, so it starts at once.
 * @typedef {import("./link-pages.ts").LinkWorkerData} LinkWorkerData
 */
import { copyFileSync, constants, linkSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";

const { previous, output, files } = /** @type {LinkWorkerData} */ (workerData);
const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
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
}

/**
 * A hard link; a copy (a clone where the file system can) where links are refused. Never over an
 * existing file: a page this build rendered is not replaced, and the failure says which.
 * @param {string} source
 * @param {string} target
 */
function linkOrCopy(source, target) {
  try {
    linkSync(source, target);
  } catch (error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    if (code !== "EXDEV" && code !== "EPERM" && code !== "EMLINK") throw error;
    copyFileSync(source, target, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
  }
}
