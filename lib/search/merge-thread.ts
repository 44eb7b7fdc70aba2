/**
 * The rendering thread's side of the merge worker (`merge-worker.ts`): what it is told of each page,
 * the parts in order, and the finish.
 */
import type { TierManifest } from "./tiers.ts";
import { WorkerLink } from "./worker-link.ts";

export interface MergeWorkerData {
  /** The bundle folder the merge writes (`tiers.json` included). */
  readonly outputPath: string;
  /** Pages of the recent bundle searched first (see `tiers.ts`). */
  readonly recentPages: number;
}

/** What the merge must know of a page: its sort values, and whether its đ was marked (`stroke.ts`). */
export interface PageFacts {
  readonly url: string;
  readonly sorts: readonly (readonly [key: string, value: string])[];
  readonly marked: boolean;
}

export type MergeRequest =
  | { readonly kind: "pages"; readonly pages: readonly PageFacts[] }
  /** Takes over a part Pagefind has written (in the order of the parts). */
  | { readonly kind: "part"; readonly dir: string }
  /** Merges the word lists and writes the bundles. */
  | { readonly kind: "finish" };

export type MergeAnswer =
  | { readonly kind: "taken"; readonly error?: string }
  | { readonly kind: "finished"; readonly tiers?: TierManifest; readonly error?: string };

/** Page facts sent to the worker in one message. */
const BATCH = 256;

export class MergeThread {
  private readonly link: WorkerLink<MergeRequest, MergeAnswer>;
  private facts: PageFacts[] = [];

  constructor(data: MergeWorkerData) {
    const module = new URL("./merge-worker.ts", import.meta.url).href;
    this.link = new WorkerLink(new URL("./typescript-worker.mjs", import.meta.url), { ...data, module });
  }

  /** Tells the merge of a page (before the part holding it is taken over). */
  page(url: string, sorts: ReadonlyMap<string, string>, marked: boolean): void {
    this.facts.push({ url, sorts: [...sorts], marked });
    if (this.facts.length >= BATCH) this.flush();
  }

  /** Has the merge take over a written part; resolves once it has. */
  async part(dir: string): Promise<void> {
    this.flush();
    await this.link.ask({ kind: "part", dir });
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
