/**
 * The rendering thread's side of the merge worker (`merge-worker.ts`): partial indexes stored in the
 * cache as Pagefind writes them, then, once every page is in, the facts of the pages, the partial
 * indexes in bundle order, and the finish.
 */
import type {
  CachedPage,
  MergeAnswer,
  MergeRequest,
  MergeWorkerData,
  PageFacts,
  TypeScriptWorkerData,
} from "./messages.ts";
import type { TierManifest } from "./tiers.ts";
import { WorkerLink } from "./worker-link.ts";
import type { Verified } from "./part-cache.ts";

/** Page facts sent to the worker in one message. */
const BATCH = 256;

export class MergeThread {
  private readonly link: WorkerLink<MergeRequest, MergeAnswer>;
  private facts: PageFacts[] = [];
  /** Checks asked and not yet answered, by entry folder: how to answer, and the answer to come. */
  private readonly checking = new Map<string, (verified: Verified) => void>();
  private readonly checks = new Map<string, Promise<Verified>>();
  /** Stores asked and not yet answered, by entry folder. */
  private readonly storing = new Map<
    string,
    { resolve: (pages: readonly CachedPage[]) => void; reject: (error: Error) => void }
  >();

  constructor(data: MergeWorkerData) {
    const module = new URL("./merge-worker.ts", import.meta.url).href;
    const workerData: TypeScriptWorkerData<MergeWorkerData> = { ...data, module };
    this.link = new WorkerLink(new URL("./typescript-worker.mjs", import.meta.url), workerData, (answer) => {
      if (answer.kind === "checked") {
        const waiting = this.checking.get(answer.entry);
        this.checking.delete(answer.entry);
        this.link.settle(1);
        waiting?.(answer.verified);
        return true;
      }
      if (answer.kind !== "stored") return false;
      const waiting = this.storing.get(answer.entry);
      this.storing.delete(answer.entry);
      this.link.settle(1);
      if (answer.error) waiting?.reject(new Error(answer.error));
      else waiting?.resolve(answer.pages ?? []);
      return true;
    });
    this.link.onFailure(() => {
      for (const { reject } of this.storing.values()) reject(this.link.error!);
      this.storing.clear();
      for (const waiting of this.checking.values()) waiting({ damage: String(this.link.error) });
      this.checking.clear();
    });
  }

  /**
   * Stores the partial index Pagefind wrote at `dir` as the cache entry `entry` (see
   * `store-part.ts`); resolves with its pages as its manifest lists them.
   */
  store(dir: string, entry: string, unmarked: readonly string[]): Promise<readonly CachedPage[]> {
    if (this.storing.has(entry)) throw new Error(`${entry} is being stored already`);
    return new Promise((resolve, reject) => {
      this.storing.set(entry, { resolve, reject });
      this.link.expect({ kind: "store", dir, entry, unmarked }, 1);
    });
  }

  /**
   * Checks a cache entry against its manifest in the merge's thread. Why there: checking reads every
   * file of the entry, and on the rendering thread each read would wait for Eleventy to let go of it.
   */
  check(entry: string): Promise<Verified> {
    const asked = this.checks.get(entry);
    if (asked) return asked;
    const check = new Promise<Verified>((resolve) => {
      this.checking.set(entry, resolve);
      this.link.expect({ kind: "check", entry }, 1);
    });
    this.checks.set(entry, check);
    void check.then(() => this.checks.delete(entry));
    return check;
  }

  /** Tells the merge of a page (before the partial index holding it is taken over). */
  page(url: string, sorts: ReadonlyMap<string, string>): void {
    this.facts.push({ url, sorts: [...sorts] });
    if (this.facts.length >= BATCH) this.flush();
  }

  /** Has the merge take over a partial index (a cache entry when `pages` are given); resolves once it has. */
  async part(dir: string, pages?: readonly CachedPage[]): Promise<void> {
    this.flush();
    await this.link.ask(pages ? { kind: "part", dir, pages } : { kind: "part", dir });
  }

  /** Writes the bundles; resolves with the months of each (undefined for an empty index). */
  async finish(): Promise<TierManifest | undefined> {
    this.flush();
    const answer = await this.link.ask({ kind: "finish" });
    return answer.kind === "finished" ? answer.tiers : undefined;
  }

  terminate(): Promise<void> {
    return this.link.terminate();
  }

  private flush(): void {
    if (!this.facts.length) return;
    this.link.post({ kind: "pages", pages: this.facts });
    this.facts = [];
  }
}
