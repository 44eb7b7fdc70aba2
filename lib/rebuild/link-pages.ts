/**
 * Links the kept pages of the previous version into the new one on a worker thread, started as soon
 * as the pages are chosen, so the folders and links are made while Eleventy renders the other pages.
 *
 * Why a thread and not the build thread: a republish keeps nearly every page, one folder and one
 * link each, and each is a file-system call the build thread would wait for. Why not `fs/promises`:
 * each call then costs the build thread a promise and a callback, about what the call itself does.
 * Why `finish` blocks: it runs in a synchronous `eleventy.after` listener, because Eleventy starts
 * every `eleventy.after` listener at once without awaiting the earlier ones, and later listeners
 * read the output (the search index reads the kept pages).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

/** What lib/rebuild/link-worker.mjs is started with. */
export interface LinkWorkerData {
  /** The previous version's folder. */
  readonly previous: string;
  /** The new version's folder. */
  readonly output: string;
  /** Files to link, relative to both. */
  readonly files: readonly string[];
  /** One Int32 the worker sets to 1 when it has answered. */
  readonly flag: SharedArrayBuffer;
  readonly port: MessagePort;
}

type LinkAnswer =
  | { readonly linked: number }
  | { readonly error: { message: string; code?: string; path?: string; syscall?: string } };

/** Not expected (a link takes well under a millisecond), but a stuck disk must fail the build, not hang it. */
const TIMEOUT_MS = 10 * 60 * 1000;

export class PageLinks {
  private constructor(
    private readonly flag: Int32Array,
    private readonly port: MessagePort,
  ) {}

  /** Starts linking `files` (relative paths) from `previous` into `output`. */
  static start(previous: string, output: string, files: readonly string[]): PageLinks {
    const flag = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const data: LinkWorkerData = { previous, output, files, flag, port: port2 };
    const worker = new Worker(new URL("./link-worker.mjs", import.meta.url), {
      workerData: data,
      transferList: [port2],
    });
    // Its answer is read by `finish`; the build must not wait for the thread's exit to end.
    worker.unref();
    return new PageLinks(new Int32Array(flag), port1);
  }

  /** Waits until every file is linked; throws what stopped the worker (a full disk names its file). */
  finish(): number {
    if (Atomics.wait(this.flag, 0, 0, TIMEOUT_MS) === "timed-out")
      throw new Error("Kept pages not linked in time (lib/rebuild/link-worker.mjs did not answer)");
    const answer = receiveMessageOnPort(this.port)?.message as LinkAnswer | undefined;
    this.port.close();
    if (answer === undefined) throw new Error("Kept pages not linked (the link worker gave no answer)");
    if ("error" in answer) throw Object.assign(new Error(answer.error.message), answer.error);
    return answer.linked;
  }
}
