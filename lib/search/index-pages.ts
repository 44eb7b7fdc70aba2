/**
 * Builds the Pagefind bundle from rendered article pages through Pagefind's Node API.
 *
 * Why the API and not the CLI crawling the output: the CLI reads every HTML file of the site itself
 * and peaked above 3 GB at 10,000 articles; here pages are handed over from memory Eleventy already
 * holds, and only the indexed `<article>` of each article page is sent, its đ marked for the index
 * (`stroke.ts`). Pagefind's indexers are processes of their own, fed from worker threads
 * (`pagefind-lane.mjs`), so pages handed over while Eleventy is still rendering are indexed on the
 * other core (see `SearchIndexer`).
 */
import { rmSync } from "node:fs";
import { cp, mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MergeThread } from "./merge-thread.ts";
import { indexRecord, sortValues } from "./page-text.ts";
import { defaultRecentPages, type TierManifest } from "./tiers.ts";
import { WorkerLink } from "./worker-link.ts";

/**
 * Pages sent to a lane and not yet answered before the sender waits. Why a bound: when the indexer
 * falls behind, the pages would otherwise queue up in this process's memory.
 */
const IN_FLIGHT = 64;

/** How long a failed build waits for a lane to end its Pagefind process before terminating it. */
const STOP_TIMEOUT_MS = 5000;

/** Pages sent to a lane in one message. */
const BATCH = 16;

/**
 * Reading tools, share links and previous/next sit inside the article but are not its text; the
 * layout marks all of them `no-print` for the same reason.
 */
const EXCLUDE_SELECTORS = [".no-print"];

export interface IndexedPage {
  /** Site-relative URL, e.g. `/tin-tuc/<slug>/`. */
  readonly url: string;
  readonly html: string;
}

export interface IndexSummary {
  readonly pages: number;
  /** Pagefind indexes built, each of at most `partPages` pages, merged into the bundles readers load. */
  readonly parts: number;
  /** Pagefind indexers that ran side by side. */
  readonly lanes: number;
  readonly outputPath: string;
  /** Wall time from the first page handed over to the bundle written, in milliseconds. */
  readonly milliseconds: number;
  /** Of which after the last page was handed over (waiting for the indexer, writing the bundle). */
  readonly finishMilliseconds: number;
  /** The months of the recent bundle and of the archive, as written to `tiers.json`; undefined when empty. */
  readonly tiers: TierManifest | undefined;
}

export interface IndexerOptions {
  /** Language of the index; `vi` names it (no stemmer exists for Vietnamese). */
  readonly language?: string;
  /**
   * Pagefind indexers run side by side, each in a worker thread with its own Pagefind process
   * (`pagefind-lane.mjs`); pages are dealt to them in turn. Default `defaultLanes()`.
   */
  readonly lanes?: number;
  /**
   * Pages per Pagefind index before it is written and a new one started, in each lane. Why parts:
   * Pagefind holds an index in memory at about 360 KB per article page, so memory is bounded by the
   * parts, not the archive; each part is written while the next pages render. Default
   * `defaultPartPages(lanes)`.
   */
  readonly partPages?: number;
  /** Pages of the recent bundle searched first (see `tiers.ts`); default 1,000. */
  readonly recentPages?: number;
}

/**
 * Lanes unless told otherwise: two where the machine has two cores or more, since one Pagefind
 * service uses one core at most and the rendering thread left most of the second idle (measured at
 * 10,000 articles on 2 cores); `PORTAL_SEARCH_LANES` overrides it.
 */
export function defaultLanes(): number {
  const fromEnv = Number(process.env.PORTAL_SEARCH_LANES);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.min(2, os.availableParallelism());
}

/**
 * Pages per part unless told otherwise: 500 pages held by Pagefind in all, shared by the lanes (two
 * Pagefind processes of 110–130 MB each at 10,000 articles); `PORTAL_SEARCH_PART_PAGES` overrides it
 * (tests, benchmark).
 */
export function defaultPartPages(lanes = 1): number {
  const fromEnv = Number(process.env.PORTAL_SEARCH_PART_PAGES);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.ceil(500 / lanes);
}

/** What a lane is started with. */
interface LaneConfig {
  readonly language: string;
  readonly excludeSelectors: readonly string[];
}

/** What a lane is asked, in order (see `pagefind-lane.mjs`). */
type LaneRequest =
  | { readonly kind: "add"; readonly pages: readonly { readonly url: string; readonly content: string }[] }
  | { readonly kind: "write"; readonly dir: string }
  | { readonly kind: "close" }
  | { readonly kind: "stop" };

/** What a lane answers, in the order asked. */
type LaneAnswer =
  | { readonly kind: "added"; readonly pages: number; readonly errors: readonly string[] }
  | { readonly kind: "written"; readonly dir: string; readonly errors: readonly string[] }
  | { readonly kind: "closed" }
  | { readonly kind: "stopped" };

/** One Pagefind indexer in a worker thread (`pagefind-lane.mjs`), as the rendering thread sees it. */
class Lane {
  /** Pages sent or batched and not yet answered. */
  private inFlight = 0;
  /** Pages in the part being filled. */
  inPart = 0;
  /** Asked to close or stop: its worker ends by itself. */
  private closing = false;
  /** Pages not yet sent: a message per page cost the rendering thread 3 s at 10,000 articles. */
  private batch: { url: string; content: string }[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly link: WorkerLink<LaneRequest, LaneAnswer>;

  constructor(config: LaneConfig, problems: string[]) {
    this.link = new WorkerLink<LaneRequest, LaneAnswer>(
      new URL("./pagefind-lane.mjs", import.meta.url),
      config,
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

  add(url: string, content: string): void {
    if (this.link.error) throw this.link.error;
    this.inFlight++;
    this.inPart++;
    this.batch.push({ url, content });
    if (this.batch.length >= BATCH) this.flush();
  }

  /** Resolves once fewer than `limit` pages wait for this lane's indexer. */
  async room(limit: number): Promise<void> {
    if (this.inFlight < limit) return;
    this.flush();
    while (this.inFlight >= limit && !this.link.error) await new Promise<void>((r) => this.waiting.push(r));
    if (this.link.error) throw this.link.error;
  }

  /** Writes the part being filled to `dir` (after its pages are in). */
  async write(dir: string): Promise<void> {
    this.inPart = 0;
    this.flush();
    await this.link.ask({ kind: "write", dir });
  }

  /** Ends the lane's Pagefind process once its writes are done. */
  async close(): Promise<void> {
    this.flush();
    this.closing = true;
    await this.link.ask({ kind: "close" });
  }

  /**
   * Stops the worker. One not closed yet (a failed build) first ends its Pagefind process and waits
   * for it to exit, since terminating the worker would leave that process unreaped (see
   * `pagefind-lane.mjs`); a worker that does not answer in time is terminated anyway.
   */
  async terminate(): Promise<void> {
    if (!this.closing && !this.link.error) {
      this.closing = true;
      const stopped = this.link.ask({ kind: "stop" }).catch(() => undefined);
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref())]);
    }
    await this.link.terminate();
  }

  /** Sends the pages batched so far. */
  private flush(): void {
    if (!this.batch.length) return;
    this.link.expect({ kind: "add", pages: this.batch }, this.batch.length);
    this.batch = [];
  }

  private wake(): void {
    this.waiting.splice(0).forEach((wake) => wake());
  }
}

/**
 * One search index filled page by page: `add` as pages are rendered, then `write`. Pages are dealt to
 * the lanes in turn; each lane indexes in parts (see `IndexerOptions.partPages`), which the merge
 * worker (`merge-worker.ts`) joins into bundles as they are written, so readers download exactly what
 * a Pagefind index of each bundle's pages would give them (recent months and archive, `tiers.ts`).
 */
export class SearchIndexer {
  private count = 0;
  private parts = 0;
  /** Parts being written by Pagefind and taken over by the merge, one after another. */
  private merged: Promise<void> = Promise.resolve();
  private readonly started = performance.now();

  private constructor(
    private readonly lanes: readonly Lane[],
    private readonly merge: MergeThread,
    /** Errors of pages and parts, shared with the lanes; reported together by `write`. */
    private readonly problems: string[],
    private readonly partPages: number,
    private readonly workDir: string,
  ) {}

  /** Starts the lanes' workers (each starts its Pagefind process with its first page) and the merge's. */
  static async open(options: IndexerOptions = {}): Promise<SearchIndexer> {
    const language = options.language ?? "vi";
    const lanes = options.lanes ?? defaultLanes();
    const workDir = await mkdtemp(path.join(os.tmpdir(), "phuninh-search-"));
    if (SearchIndexer.workDirs.size === 0) process.once("exit", SearchIndexer.removeWorkDirs);
    SearchIndexer.workDirs.add(workDir);
    const problems: string[] = [];
    const config: LaneConfig = { language, excludeSelectors: EXCLUDE_SELECTORS };
    const open = Array.from({ length: lanes }, () => new Lane(config, problems));
    const merge = new MergeThread({
      outputPath: path.join(workDir, "bundle"),
      recentPages: options.recentPages ?? defaultRecentPages(),
    });
    SearchIndexer.running.push(...open, merge);
    return new SearchIndexer(open, merge, problems, options.partPages ?? defaultPartPages(lanes), workDir);
  }

  /**
   * Hands one page to the indexer; pages without an indexed part are skipped. Resolves at once unless
   * too many pages are waiting for the lane's indexer, which then slows the caller (back-pressure).
   */
  async add(page: IndexedPage): Promise<void> {
    const record = indexRecord(page.html);
    if (record === undefined) return;
    const lane = this.lanes[this.count++ % this.lanes.length]!;
    this.merge.page(page.url, sortValues(record.content), record.marked);
    lane.add(page.url, record.content);
    if (lane.inPart >= this.partPages) this.closePart(lane);
    await lane.room(IN_FLIGHT);
  }

  /**
   * Has the lane write its current part once its pages are in (its worker then frees Pagefind's
   * memory of it and takes the next pages into a new index); the merge takes parts over in order.
   */
  private closePart(lane: Lane): void {
    const dir = path.join(this.workDir, `part-${this.parts++}`);
    const written = lane.write(dir);
    this.merged = Promise.all([this.merged, written]).then(() => this.merge.part(dir));
    // A failed part fails the build at `write`, not as an unhandled rejection now.
    this.merged.catch(() => undefined);
  }

  /** Waits for every page, writes the bundle to `outputPath` and stops the workers; throws on any error. */
  async write(outputPath: string): Promise<IndexSummary> {
    const finishing = performance.now();
    let tiers: TierManifest | undefined;
    try {
      for (const lane of this.lanes) if (lane.inPart > 0) this.closePart(lane);
      // No page at all: Pagefind's own empty bundle, from one lane.
      if (this.parts === 0) this.closePart(this.lanes[0]!);
      // Each Pagefind process ends once its last part is written, before the merge's peak of memory.
      const closed = Promise.all(this.lanes.map((lane) => lane.close()));
      closed.catch(() => undefined);
      await this.merged;
      await closed;
      if (this.problems.length) throw new Error(`Search index failed:\n${this.problems.join("\n")}`);
      tiers = await this.merge.finish();
      await rm(outputPath, { recursive: true, force: true });
      await moveFolder(path.join(this.workDir, "bundle"), outputPath);
    } finally {
      // Done by now unless the build failed: then they are stopped.
      await SearchIndexer.stop([...this.lanes, this.merge]);
      await rm(this.workDir, { recursive: true, force: true });
      SearchIndexer.workDirs.delete(this.workDir);
    }
    const end = performance.now();
    return {
      pages: this.count,
      parts: this.parts,
      lanes: this.lanes.length,
      outputPath,
      milliseconds: end - this.started,
      finishMilliseconds: end - finishing,
      tiers,
    };
  }

  /** Stops every open indexer without writing (a build that failed), and removes its parts. */
  static async abort(): Promise<void> {
    await SearchIndexer.stop([...SearchIndexer.running]);
    for (const dir of SearchIndexer.workDirs) await rm(dir, { recursive: true, force: true });
    SearchIndexer.workDirs.clear();
  }

  /** Worker threads of indexers not yet written, for `abort`. */
  private static readonly running: { terminate(): Promise<void> }[] = [];

  private static async stop(workers: readonly { terminate(): Promise<void> }[]): Promise<void> {
    await Promise.all(workers.map((worker) => worker.terminate()));
    for (const worker of workers) {
      const at = SearchIndexer.running.indexOf(worker);
      if (at >= 0) SearchIndexer.running.splice(at, 1);
    }
  }

  /** Folders of indexers not yet written, for `abort` and for a process that ends mid-build. */
  private static readonly workDirs = new Set<string>();

  /** Removes what unfinished indexers left in the temp folder (a failed build exits without `write`). */
  private static removeWorkDirs(): void {
    for (const dir of SearchIndexer.workDirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** Renames `from` to `to`, copying when they are on different file systems. */
async function moveFolder(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    await cp(from, to, { recursive: true });
  }
}

/** Indexes `pages` (language `vi`) and writes the bundle to `outputPath`; throws on any Pagefind error. */
export async function indexPages(
  pages: Iterable<IndexedPage>,
  outputPath: string,
  options: IndexerOptions = {},
): Promise<IndexSummary> {
  const indexer = await SearchIndexer.open(options);
  try {
    for (const page of pages) await indexer.add(page);
  } catch (error) {
    await SearchIndexer.abort();
    throw error;
  }
  return indexer.write(outputPath);
}
