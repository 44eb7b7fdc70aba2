/**
 * The rendering thread's side of the merge worker (`merge-worker.ts`): what it is told of each page,
 * the partial indexes in order, and the finish.
 */
import type {
  MergeAnswer,
  MergeRequest,
  MergeWorkerData,
  PageFacts,
  TypeScriptWorkerData,
} from "./messages.ts";
import type { TierManifest } from "./tiers.ts";
import { WorkerLink } from "./worker-link.ts";

/** Page facts sent to the worker in one message. */
const BATCH = 256;

export class MergeThread {
  private readonly link: WorkerLink<MergeRequest, MergeAnswer>;
  private facts: PageFacts[] = [];

  constructor(data: MergeWorkerData) {
    const module = new URL("./merge-worker.ts", import.meta.url).href;
    const workerData: TypeScriptWorkerData<MergeWorkerData> = { ...data, module };
    this.link = new WorkerLink(new URL("./typescript-worker.mjs", import.meta.url), workerData);
  }

  /** Tells the merge of a page (before the partial index holding it is taken over). */
  page(url: string, sorts: ReadonlyMap<string, string>, marked: boolean): void {
    this.facts.push({ url, sorts: [...sorts], marked });
    if (this.facts.length >= BATCH) this.flush();
  }

  /** Has the merge take over a written partial index; resolves once it has. */
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
