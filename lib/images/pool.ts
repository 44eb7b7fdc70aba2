/**
 * A tiny priority limiter for sharp work.
 *
 * Why priorities: a photo's encodes are queued right after its decode, and earlier photos go first, so
 * only about `size` decoded photos are held in memory at once, however many a site has.
 */
interface Waiting {
  readonly priority: number;
  readonly order: number;
  readonly start: () => void;
}

export class Pool {
  private running = 0;
  private order = 0;
  private readonly waiting: Waiting[] = [];

  constructor(readonly size: number) {}

  /** Runs `task` when a slot is free; lower `priority` runs first, ties in arrival order. */
  run<T>(priority: number, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        this.running++;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.running--;
            this.next();
          });
      };
      this.waiting.push({ priority, order: this.order++, start });
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.size && this.waiting.length > 0) {
      let best = 0;
      for (let i = 1; i < this.waiting.length; i++) {
        const a = this.waiting[i] as Waiting;
        const b = this.waiting[best] as Waiting;
        if (a.priority < b.priority || (a.priority === b.priority && a.order < b.order)) best = i;
      }
      const [chosen] = this.waiting.splice(best, 1);
      chosen?.start();
    }
  }
}
