/**
 * The rendering thread's side of one Pagefind indexer (`indexer-worker.mjs`): pages batched and
 * sent, back-pressure when the indexer falls behind, partial indexes written on request.
 */
import type { IndexerAnswer, IndexerPage, IndexerRequest, IndexerWorkerData } from "./messages.ts";
import { WorkerLink } from "./worker-link.ts";

/** How long a failed build waits for an indexer to end its Pagefind process before terminating it. */
const STOP_TIMEOUT_MS = 5000;

/** Pages sent in one message: a message per page costs the rendering thread more than the page. */
const BATCH = 16;

export class IndexerThread {
  /** Pages sent or batched and not yet answered. */
  private inFlight = 0;
  /** Pages in the partial index being filled. */
  inPart = 0;
  /** Asked to close or stop: its worker ends by itself. */
  private closing = false;
  private batch: IndexerPage[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly link: WorkerLink<IndexerRequest, IndexerAnswer>;

  /** @param problems where Pagefind's errors about pages and partial indexes are collected */
  constructor(data: IndexerWorkerData, problems: string[]) {
    this.link = new WorkerLink<IndexerRequest, IndexerAnswer>(
      new URL("./indexer-worker.mjs", import.meta.url),
      data,
      (answer) => {
        if (answer.kind === "written") problems.push(...answer.errors);
        if (answer.kind !== "added") return false;
        problems.push(...answer.errors);
        this.inFlight -= answer.pages;
        this.link.settle(answer.pages);
        this.wake();
        return true;
      },
    );
    this.link.onFailure(() => this.wake());
  }

  add(page: IndexerPage): void {
    if (this.link.error) throw this.link.error;
    this.inFlight++;
    this.inPart++;
    this.batch.push(page);
    if (this.batch.length >= BATCH) this.flush();
  }

  /** Resolves once fewer than `limit` pages wait for this indexer. */
  async room(limit: number): Promise<void> {
    if (this.inFlight < limit) return;
    this.flush();
    while (this.inFlight >= limit && !this.link.error) await new Promise<void>((r) => this.waiting.push(r));
    if (this.link.error) throw this.link.error;
  }

  /** Writes the partial index being filled to `dir` (after its pages are in). */
  async write(dir: string): Promise<void> {
    this.inPart = 0;
    this.flush();
    await this.link.ask({ kind: "write", dir });
  }

  /** Ends the Pagefind process once its writes are done. */
  async close(): Promise<void> {
    this.flush();
    this.closing = true;
    await this.link.ask({ kind: "close" });
  }

  /**
   * Stops the worker. One not closed yet (a failed build) first ends its Pagefind process and waits
   * for it to exit, since terminating the worker would leave that process unreaped (see
   * `indexer-worker.mjs`); a worker that does not answer in time is terminated anyway.
   */
  async terminate(): Promise<void> {
    if (!this.closing && !this.link.error) {
      this.closing = true;
      const stopped = this.link.ask({ kind: "stop" }).catch(() => undefined);
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref())]);
    }
    await this.link.terminate();
  }

  private flush(): void {
    if (!this.batch.length) return;
    this.link.expect({ kind: "add", pages: this.batch }, this.batch.length);
    this.batch = [];
  }

  private wake(): void {
    this.waiting.splice(0).forEach((wake) => wake());
  }
}
