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
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { BundleMerger } from "./merge-index.ts";
import { indexRecord, sortValues } from "./page-text.ts";
import { unmarkStroke } from "./stroke.ts";
import { defaultRecentPages, splitByMonth, TIERS_FILE, type TierManifest } from "./tiers.ts";

/**
 * Pages sent to a lane and not yet answered before the sender waits. Why a bound: when the indexer
 * falls behind, the pages would otherwise queue up in this process's memory.
 */
const IN_FLIGHT = 64;

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
 * Pages per part unless told otherwise: 500 pages held by Pagefind in all, shared by the lanes (about
 * 280 MB of Pagefind's memory at 10,000 articles); `PORTAL_SEARCH_PART_PAGES` overrides it (tests,
 * benchmark).
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
  | { readonly kind: "close" };

/** What a lane answers, in the order asked. */
type LaneResponse =
  | { readonly kind: "added"; readonly pages: number; readonly errors: readonly string[] }
  | { readonly kind: "written"; readonly dir: string; readonly errors: readonly string[] }
  | { readonly kind: "closed" };

/** One Pagefind indexer in a worker thread (`pagefind-lane.mjs`), as the rendering thread sees it. */
class Lane {
  /** Pages sent or batched and not yet answered. */
  private inFlight = 0;
  /** Pages not yet sent: a message per page cost the rendering thread 3 s at 10,000 articles. */
  private batch: { url: string; content: string }[] = [];
  /** Pages in the part being filled. */
  inPart = 0;
  private readonly waiting: (() => void)[] = [];
  /** Writes and the close not yet answered, oldest first (the lane answers them in order). */
  private readonly asked: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private failure: Error | undefined;
  private readonly worker: Worker;

  constructor(
    config: LaneConfig,
    private readonly problems: string[],
  ) {
    this.worker = new Worker(new URL("./pagefind-lane.mjs", import.meta.url), { workerData: config });
    this.worker.on("message", (response: LaneResponse) => this.answer(response));
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => {
      if (this.asked.length || this.inFlight) this.fail(new Error(`Pagefind lane stopped (exit ${code})`));
    });
    // Idle lanes must not keep a failed build's process alive; `post` holds it while answers are due.
    // (After the listeners: adding a "message" listener holds the worker again.)
    this.worker.unref();
  }

  add(url: string, content: string): void {
    if (this.failure) throw this.failure;
    this.inFlight++;
    this.inPart++;
    this.batch.push({ url, content });
    if (this.batch.length >= BATCH) this.flush();
  }

  /** Resolves once fewer than `limit` pages wait for this lane's indexer. */
  async room(limit: number): Promise<void> {
    if (this.inFlight < limit) return;
    this.flush();
    while (this.inFlight >= limit && !this.failure) await new Promise<void>((r) => this.waiting.push(r));
    if (this.failure) throw this.failure;
  }

  /** Sends the pages batched so far. */
  private flush(): void {
    if (!this.batch.length) return;
    this.post({ kind: "add", pages: this.batch });
    this.batch = [];
  }

  /** Writes the part being filled to `dir` (after its pages are in). */
  write(dir: string): Promise<void> {
    this.inPart = 0;
    return this.ask({ kind: "write", dir });
  }

  close(): Promise<void> {
    return this.ask({ kind: "close" });
  }

  /** Stops the worker and its Pagefind process at once (a build that failed). */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private ask(request: LaneRequest): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.asked.push({ resolve, reject });
      this.flush();
      this.post(request);
    });
  }

  private post(request: LaneRequest): void {
    this.worker.ref();
    this.worker.postMessage(request);
  }

  private answer(response: LaneResponse): void {
    if (response.kind === "added") {
      this.inFlight -= response.pages;
      this.problems.push(...response.errors);
      this.waiting.splice(0).forEach((wake) => wake());
    } else {
      if (response.kind === "written") this.problems.push(...response.errors);
      this.asked.shift()?.resolve();
    }
    if (!this.inFlight && !this.asked.length) this.worker.unref();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.waiting.splice(0).forEach((wake) => wake());
    for (const { reject } of this.asked.splice(0)) reject(this.failure);
    this.worker.unref();
  }
}

/**
 * One search index filled page by page: `add` as pages are rendered, then `write`. Pages are dealt to
 * the lanes in turn; each lane indexes in parts (see `IndexerOptions.partPages`), which
 * `merge-index.ts` joins into bundles, so readers download exactly what a Pagefind index of each
 * bundle's pages would give them (recent months and archive, `tiers.ts`).
 */
export class SearchIndexer {
  private count = 0;
  private parts = 0;
  /** Parts being written by Pagefind and taken over by the merger, one after another. */
  private merged: Promise<void> = Promise.resolve();
  private readonly started = performance.now();

  private constructor(
    private readonly lanes: readonly Lane[],
    /** Errors of pages and parts, shared with the lanes; reported together by `write`. */
    private readonly problems: string[],
    private readonly partPages: number,
    private readonly workDir: string,
    private readonly merger: BundleMerger,
    private readonly sorts: Map<string, Map<string, string>>,
    private readonly unmarked: Set<string>,
    private readonly tiers: { manifest?: TierManifest },
  ) {}

  /** Starts the lanes' workers (each starts its Pagefind process with its first page). */
  static async open(options: IndexerOptions = {}): Promise<SearchIndexer> {
    const language = options.language ?? "vi";
    const lanes = options.lanes ?? defaultLanes();
    const workDir = await mkdtemp(path.join(os.tmpdir(), "phuninh-search-"));
    if (SearchIndexer.workDirs.size === 0) process.once("exit", SearchIndexer.removeWorkDirs);
    SearchIndexer.workDirs.add(workDir);
    // Pagefind does not store sort values, and merging the parts' sort orders needs them.
    const sorts = new Map<string, Map<string, string>>();
    // Pages indexed as written (they hold ḏ themselves, see stroke.ts): their fragments stay as they are.
    const unmarked = new Set<string>();
    const tiers: { manifest?: TierManifest } = {};
    const recentPages = options.recentPages ?? defaultRecentPages();
    const merger = new BundleMerger(path.join(workDir, "bundle"), {
      restoreFragment: (url, json) => (unmarked.has(url) ? json : unmarkStroke(json)),
      sortValues: (url, key) => sorts.get(url)?.get(key),
      split: (urls) => {
        const split = splitByMonth(
          urls.map((url) => pageMonth(url, sorts)),
          recentPages,
        );
        tiers.manifest = split.manifest;
        return split;
      },
    });
    const problems: string[] = [];
    const config: LaneConfig = { language, excludeSelectors: EXCLUDE_SELECTORS };
    const open = Array.from({ length: lanes }, () => new Lane(config, problems));
    SearchIndexer.openLanes.push(...open);
    const indexer = new SearchIndexer(
      open,
      problems,
      options.partPages ?? defaultPartPages(lanes),
      workDir,
      merger,
      sorts,
      unmarked,
      tiers,
    );
    return indexer;
  }

  /**
   * Hands one page to the indexer; pages without an indexed part are skipped. Resolves at once unless
   * too many pages are waiting for the lane's indexer, which then slows the caller (back-pressure).
   */
  async add(page: IndexedPage): Promise<void> {
    const record = indexRecord(page.html);
    if (record === undefined) return;
    const lane = this.lanes[this.count++ % this.lanes.length]!;
    if (!record.marked) this.unmarked.add(page.url);
    this.sorts.set(page.url, sortValues(record.content));
    lane.add(page.url, record.content);
    if (lane.inPart >= this.partPages) this.closePart(lane);
    await lane.room(IN_FLIGHT);
  }

  /**
   * Has the lane write its current part once its pages are in (its worker then frees Pagefind's
   * memory of it and takes the next pages into a new index); the merger takes parts over in order.
   */
  private closePart(lane: Lane): void {
    const dir = path.join(this.workDir, `part-${this.parts++}`);
    const written = lane.write(dir);
    this.merged = Promise.all([this.merged, written]).then(() => this.merger.addPart(dir));
    // A failed part fails the build at `write`, not as an unhandled rejection now.
    this.merged.catch(() => undefined);
  }

  /** Waits for every page, writes the bundle to `outputPath` and stops the lanes; throws on any error. */
  async write(outputPath: string): Promise<IndexSummary> {
    const finishing = performance.now();
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
      await this.merger.finish();
      // The search page reads which years each bundle holds; an empty index has no years to tell.
      const manifest: TierManifest | { recent: null; archive: null } = this.tiers.manifest ?? {
        recent: null,
        archive: null,
      };
      await writeFile(path.join(this.workDir, "bundle", TIERS_FILE), JSON.stringify(manifest));
      await rm(outputPath, { recursive: true, force: true });
      await moveFolder(path.join(this.workDir, "bundle"), outputPath);
    } finally {
      // Closed by now unless the build failed: then they are stopped.
      await Promise.all(this.lanes.map((lane) => lane.terminate()));
      SearchIndexer.forget(this.lanes);
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
      tiers: this.tiers.manifest,
    };
  }

  /** Stops every open indexer without writing (a build that failed), and removes its parts. */
  static async abort(): Promise<void> {
    await Promise.all(SearchIndexer.openLanes.splice(0).map((lane) => lane.terminate()));
    for (const dir of SearchIndexer.workDirs) await rm(dir, { recursive: true, force: true });
    SearchIndexer.workDirs.clear();
  }

  /** Lanes of indexers not yet written, for `abort`. */
  private static readonly openLanes: Lane[] = [];

  private static forget(lanes: readonly Lane[]): void {
    for (const lane of lanes) {
      const at = SearchIndexer.openLanes.indexOf(lane);
      if (at >= 0) SearchIndexer.openLanes.splice(at, 1);
    }
  }

  /** Folders of indexers not yet written, for `abort` and for a process that ends mid-build. */
  private static readonly workDirs = new Set<string>();

  /** Removes what unfinished indexers left in the temp folder (a failed build exits without `write`). */
  private static removeWorkDirs(): void {
    for (const dir of SearchIndexer.workDirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** The month (`YYYY-MM`) of an indexed page, from its date sort value (ISO 8601 with +07:00: Vietnam time). */
function pageMonth(url: string, sorts: ReadonlyMap<string, ReadonlyMap<string, string>>): string {
  const month = sorts.get(url)?.get("date")?.slice(0, 7) ?? "";
  if (!/^\d{4}-\d{2}$/.test(month)) {
    throw new Error(`Search index: ${url} has no date (data-pagefind-sort="date:…")`);
  }
  return month;
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
