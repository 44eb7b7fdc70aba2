// @ts-check
/**
 * The worker thread of `ImagePipeline.writeOutputs` (lib/images/pipeline.ts): publishes each image
 * output of a build, then answers with how many or with the error that stopped it. Plain JavaScript
 * importing nothing of the project, so it starts at once.
 *
 * Each file is a link to the same file in the version readers have now when that one is whole (the
 * URL names the cache key, so the same URL is the same image; the size check keeps a damaged copy
 * there from being carried on), else a copy of the cache file, never a link to it: a later change
 * to the cache (a re-encode, a truncation, a tool rewriting it in place) would change the published
 * site with it. `COPYFILE_FICLONE` makes the copy a reflink where the file system has them.
 * @typedef {import("./pipeline.ts").PublishWorkerData} PublishWorkerData
 */
import { copyFileSync, constants, linkSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";

const { siteDir, previous, outputs } = /** @type {PublishWorkerData} */ (workerData);
try {
  const made = new Set();
  for (const [url, cached] of outputs) {
    const target = path.join(siteDir, url);
    const dir = path.dirname(target);
    if (!made.has(dir)) mkdirSync(dir, { recursive: true });
    made.add(dir);
    publishFile(cached, target, previous === undefined ? undefined : path.join(previous, url));
  }
  parentPort?.postMessage({ published: outputs.length });
} catch (error) {
  const { message, code, path: file, syscall } = /** @type {NodeJS.ErrnoException} */ (error);
  parentPort?.postMessage({ error: { message: String(message ?? error), code, path: file, syscall } });
}

/**
 * Publishes `cached` at `target`: a link to `published` when that is whole, otherwise a copy. A file
 * already there (a dev server's rebuild writes into the folder it wrote before) is removed first
 * rather than overwritten: opening it for writing would truncate the cache file itself if it were a
 * link to it.
 * @param {string} cached
 * @param {string} target
 * @param {string | undefined} published
 */
function publishFile(cached, target, published) {
  if (published !== undefined) {
    try {
      if (statSync(published).size === statSync(cached).size) {
        linkSync(published, target);
        return;
      }
    } catch {
      // Not in the previous version (a new photo), or already there (a rebuild): copy.
    }
  }
  try {
    copyFileSync(cached, target, constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") throw error;
    rmSync(target, { force: true });
    copyFileSync(cached, target, constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL);
  }
}
