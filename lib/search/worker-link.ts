/**
 * The rendering thread's side of a search worker thread (a Pagefind indexer, the merge): requests in
 * order, answers in the order asked, failures passed on to whoever waits.
 *
 * Why a class of its own: a worker that is idle must not keep a failed build's process alive, yet one
 * whose answers are awaited must (else Node exits with the build unfinished); and a worker that dies
 * must fail every request waiting on it instead of leaving the build hanging.
 */
import { Worker } from "node:worker_threads";
import type { WorkerAnswer } from "./messages.ts";

export class WorkerLink<Request, Answer extends WorkerAnswer> {
  private readonly worker: Worker;
  /** Requests awaiting their answer, oldest first. */
  private readonly asked: { resolve: (answer: Answer) => void; reject: (error: Error) => void }[] = [];
  /** Answers due that are not replies to `ask` (counted by `expect`, settled by the listener). */
  private expected = 0;
  private failure: Error | undefined;
  private readonly failed: (() => void)[] = [];

  /**
   * @param file the worker's module (JavaScript, or TypeScript through `typescript-worker.mjs`)
   * @param onAnswer sees every answer first; returns true when it took it (an answer not to an `ask`)
   */
  constructor(
    file: URL,
    workerData: unknown,
    private readonly onAnswer: (answer: Answer) => boolean = () => false,
  ) {
    this.worker = new Worker(file, { workerData });
    this.worker.on("message", (answer: Answer) => this.receive(answer));
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => {
      if (this.asked.length || this.expected) this.fail(new Error(`search worker stopped (exit ${code})`));
    });
    // After the listeners: adding a "message" listener holds the worker again.
    this.worker.unref();
  }

  /** The error the worker failed with, if it did. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Sends a request that gets no answer of its own. */
  post(request: Request): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage(request);
  }

  /** Sends a request that gets `count` answers through `onAnswer`; `settle` them as they come. */
  expect(request: Request, count: number): void {
    this.post(request);
    this.expected += count;
    this.worker.ref();
  }

  settle(count: number): void {
    this.expected -= count;
    this.release();
  }

  /** Sends a request and resolves with its answer (rejects when the answer is an error). */
  ask(request: Request): Promise<Answer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Answer>((resolve, reject) => {
      this.asked.push({ resolve, reject });
      this.worker.ref();
      this.worker.postMessage(request);
    });
  }

  /** Resolves when the worker fails (for waits that are not an `ask`). */
  onFailure(wake: () => void): void {
    if (this.failure) wake();
    else this.failed.push(wake);
  }

  /** Stops the worker at once (a build that failed, or one whose worker is done). */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private receive(answer: Answer): void {
    if (!this.onAnswer(answer)) {
      const waiting = this.asked.shift();
      if (answer.error) waiting?.reject(new Error(answer.error));
      else waiting?.resolve(answer);
    }
    this.release();
  }

  private release(): void {
    if (!this.asked.length && this.expected <= 0) this.worker.unref();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.asked.splice(0)) reject(this.failure);
    this.failed.splice(0).forEach((wake) => wake());
    this.worker.unref();
  }
}
