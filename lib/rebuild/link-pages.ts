/**
 * Links the kept pages of the previous version into the new one on a worker thread, started as soon
 * as the pages are chosen: the folders and links are made while Eleventy renders the other pages and
 * while the post-build steps run (the search index above all), and the build waits for them only
 * before it publishes (lib/rebuild/page-rebuild.ts).
 *
 * Why a thread and not the build thread: a republish keeps nearly every page, one folder and one
 * link each, and on a journaling file system each `mkdir` costs a few hundred microseconds: seconds
 * for an archive, which the build thread would spend waiting. Why not `fs/promises`: each call then
 * costs the build thread a promise and a callback, about what the call itself does.
 *
 * Nothing reads a kept page from the new version while it is being linked: the search index reads
 * it from the previous version (the same file), the publish step knows kept pages by URL.
 */
import { Worker } from "node:worker_threads";

/** What lib/rebuild/link-worker.mjs is started with. */
export interface LinkWorkerData {
  /** The previous version's folder. */
  readonly previous: string;
  /** The new version's folder. */
  readonly output: string;
  /** Files to link, relative to both. */
  readonly files: readonly string[];
}

export type LinkAnswer =
  | { readonly linked: number }
  | { readonly error: { message: string; code?: string; path?: string; syscall?: string } };

export class PageLinks {
  private constructor(private readonly done: Promise<number>) {
    // Awaited by `finish`; a failure before then must not end the process as unhandled.
    done.catch(() => undefined);
  }

  /** Starts linking `files` (relative paths) from `previous` into `output`. */
  static start(previous: string, output: string, files: readonly string[]): PageLinks {
    const data: LinkWorkerData = { previous, output, files };
    const worker = new Worker(new URL("./link-worker.mjs", import.meta.url), { workerData: data });
    const done = new Promise<number>((resolve, reject) => {
      worker.once("message", (answer: LinkAnswer) => {
        if ("error" in answer) reject(Object.assign(new Error(answer.error.message), answer.error));
        else resolve(answer.linked);
      });
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`kept pages not linked (link worker exit ${code})`)));
    });
    return new PageLinks(done);
  }

  /** Resolves once every file is linked, with their number; rejects with what stopped the worker (a full disk names its file). */
  finish(): Promise<number> {
    return this.done;
  }
}
