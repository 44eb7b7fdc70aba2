/**
 * Progress lines for long builds: the stage, how many pages so far, elapsed time. At most one line
 * every few seconds, and only on a terminal or with `PORTAL_PROGRESS=1`, so CI logs stay short.
 */

export interface ProgressOptions {
  /** Whether to print at all; defaults to a TTY on stdout or `PORTAL_PROGRESS=1`. */
  readonly enabled?: boolean;
  /** Minimum milliseconds between two lines. */
  readonly intervalMs?: number;
  readonly write?: (line: string) => void;
  readonly now?: () => number;
}

/** A throttled progress reporter; `stage` and `tick` are cheap enough to call per page. */
export class Progress {
  readonly #enabled: boolean;
  readonly #intervalMs: number;
  readonly #write: (line: string) => void;
  readonly #now: () => number;
  readonly #started: number;
  #last: number;
  #stage = "khởi động";
  #pages = 0;
  #total: number | undefined;

  constructor(options: ProgressOptions = {}) {
    this.#enabled = options.enabled ?? (process.stdout.isTTY === true || process.env.PORTAL_PROGRESS === "1");
    this.#intervalMs = options.intervalMs ?? 3000;
    this.#write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.#now = options.now ?? (() => performance.now());
    this.#started = this.#now();
    this.#last = this.#started;
  }

  /** A new stage begins (named as in the timing report). */
  stage(name: string): void {
    this.#stage = name;
    this.#maybePrint();
  }

  /** How many articles the build publishes, once the content is loaded. */
  articles(count: number): void {
    this.#total = count;
  }

  /** One more page written. */
  tick(): void {
    this.#pages++;
    this.#maybePrint();
  }

  #maybePrint(): void {
    if (!this.#enabled) return;
    const now = this.#now();
    if (now - this.#last < this.#intervalMs) return;
    this.#last = now;
    const articles = this.#total === undefined ? "" : ` · ${this.#total} bài`;
    this.#write(
      `[phuninh] ${((now - this.#started) / 1000).toFixed(0)} s · ${this.#stage} · ${this.#pages} trang${articles}`,
    );
  }
}

/** The build's reporter. */
export const progress = new Progress();
