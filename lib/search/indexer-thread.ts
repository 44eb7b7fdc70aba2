/**
 * The rendering thread's side of one Pagefind indexer (`indexer-worker.mjs`): partial indexes sent
 * whole, indexed one after another in the worker's Pagefind process.
 */
import type { IndexerAnswer, IndexerPage, IndexerRequest, IndexerWorkerData } from "./messages.ts";
import { WorkerLink } from "./worker-link.ts";

/** How long a failed build waits for an indexer to end its Pagefind process before terminating it. */
const STOP_TIMEOUT_MS = 5000;

export class IndexerThread {
  /** Partial indexes sent and not yet written. */
  queuedParts = 0;
  /** Asked to close or stop: its worker ends by itself. */
  private closing = false;
  private readonly link: WorkerLink<IndexerRequest, IndexerAnswer>;
  /** Resolves when the worker says it stopped (answered out of turn: requests before it may never be). */
  private readonly stopped: Promise<void>;

  constructor(data: IndexerWorkerData) {
    let onStopped = (): void => undefined;
    this.stopped = new Promise((resolve) => (onStopped = resolve));
    this.link = new WorkerLink<IndexerRequest, IndexerAnswer>(
      new URL("./indexer-worker.mjs", import.meta.url),
      data,
      (answer) => {
        if (answer.kind !== "stopped") return false;
        onStopped();
        return true;
      },
    );
  }

  /** Indexes `pages` (in this order) as one partial index written to `dir`; resolves with Pagefind's errors. */
  async index(dir: string, pages: readonly IndexerPage[]): Promise<readonly string[]> {
    this.queuedParts++;
    try {
      const answer = await this.link.ask({ kind: "index", dir, pages });
      return answer.kind === "indexed" ? answer.errors : [];
    } finally {
      this.queuedParts--;
    }
  }

  /** Ends the Pagefind process once its partial indexes are written. */
  async close(): Promise<void> {
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
      this.link.post({ kind: "stop" });
      await Promise.race([
        this.stopped,
        new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref()),
      ]);
    }
    await this.link.terminate();
  }
}
