/**
 * Builds the Pagefind bundle from rendered article pages through Pagefind's Node API.
 *
 * Why the API and not the CLI crawling the output: the CLI reads every HTML file of the site itself
 * and peaked above 3 GB at 10,000 articles; here pages are handed over from memory Eleventy already
 * holds, and only the indexed `<article>` of each article page is sent, its đ marked for the index
 * (`stroke.ts`). Pagefind's indexer is a separate process, so pages handed over while Eleventy is still
 * rendering are indexed on the second core (see `SearchIndexer`).
 */
import { rmSync } from "node:fs";
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as pagefind from "pagefind";
import { BundleMerger } from "./merge-index.ts";
import { indexRecord, sortValues } from "./page-text.ts";
import { unmarkStroke } from "./stroke.ts";
import { defaultRecentPages, splitByMonth, TIERS_FILE, type TierManifest } from "./tiers.ts";

/**
 * Pages sent to Pagefind and not yet answered before the sender waits. Why a bound: when the indexer
 * falls behind, the pages would otherwise queue up in this process's memory.
 */
const IN_FLIGHT = 64;

export interface IndexedPage {
  /** Site-relative URL, e.g. `/tin-tuc/<slug>/`. */
  readonly url: string;
  readonly html: string;
}

export interface IndexSummary {
  readonly pages: number;
  /** Pagefind indexes built, each of at most `partPages` pages, merged into the bundles readers load. */
  readonly parts: number;
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
   * Pages per Pagefind index before it is written and a new one started. Why parts: Pagefind holds
   * an index in memory at about 360 KB per article page, so memory is bounded by the part, not the
   * archive; each part is written while the next pages render. Default 500 (about 280 MB of
   * Pagefind's memory at 10,000 articles, against 456 MB for parts of 1,000).
   */
  readonly partPages?: number;
  /** Pages of the recent bundle searched first (see `tiers.ts`); default 1,000. */
  readonly recentPages?: number;
}

/** Pages per part unless told otherwise; `PORTAL_SEARCH_PART_PAGES` overrides it (tests, benchmark). */
export function defaultPartPages(): number {
  const fromEnv = Number(process.env.PORTAL_SEARCH_PART_PAGES);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 500;
}

/**
 * One search index filled page by page: `add` as pages are rendered, then `write`. Pagefind indexes
 * in parts (see `IndexerOptions.partPages`), which `merge-index.ts` joins into bundles, so readers
 * download exactly what a Pagefind index of each bundle's pages would give them (recent months and archive, `tiers.ts`). Only one may be open at a time
 * (Pagefind's Node API shares one indexer process, and `write` stops it).
 */
export class SearchIndexer {
  private readonly pending = new Set<Promise<void>>();
  private readonly problems: string[] = [];
  private count = 0;
  private inPart = 0;
  private parts = 0;
  /** Parts being written by Pagefind and taken over by the merger, one after another. */
  private merged: Promise<void> = Promise.resolve();
  private readonly started = performance.now();

  private constructor(
    private index: pagefind.PagefindIndex,
    private readonly language: string,
    private readonly partPages: number,
    private readonly workDir: string,
    private readonly merger: BundleMerger,
    private readonly sorts: Map<string, Map<string, string>>,
    private readonly unmarked: Set<string>,
    private readonly tiers: { manifest?: TierManifest },
  ) {}

  /** Starts Pagefind's indexer. */
  static async open(options: IndexerOptions = {}): Promise<SearchIndexer> {
    const language = options.language ?? "vi";
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
    return new SearchIndexer(
      await SearchIndexer.createIndex(language),
      language,
      options.partPages ?? defaultPartPages(),
      workDir,
      merger,
      sorts,
      unmarked,
      tiers,
    );
  }

  private static async createIndex(language: string): Promise<pagefind.PagefindIndex> {
    // Reading tools, share links and previous/next sit inside the article but are not its text; the
    // layout marks all of them `no-print` for the same reason.
    const { index, errors } = await pagefind.createIndex({
      forceLanguage: language,
      excludeSelectors: [".no-print"],
    });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    return index;
  }

  /**
   * Hands one page to the indexer; pages without an indexed part are skipped. Resolves at once unless
   * too many pages are waiting for the indexer, which then slows the caller (back-pressure).
   */
  async add(page: IndexedPage): Promise<void> {
    const record = indexRecord(page.html);
    if (record === undefined) return;
    this.count++;
    if (!record.marked) this.unmarked.add(page.url);
    this.sorts.set(page.url, sortValues(record.content));
    const sent: Promise<void> = this.index.addHTMLFile({ url: page.url, content: record.content }).then(
      (added) => {
        this.problems.push(...added.errors.map((error) => `${page.url}: ${error}`));
        this.pending.delete(sent);
      },
      (error: unknown) => {
        this.problems.push(`${page.url}: ${String(error)}`);
        this.pending.delete(sent);
      },
    );
    this.pending.add(sent);
    if (++this.inPart >= this.partPages) await this.closePart();
    if (this.pending.size >= IN_FLIGHT) await Promise.race(this.pending);
  }

  /**
   * Writes the current part once its pages are in and frees Pagefind's memory of it, while a new
   * index takes the next pages; the merger takes parts over in order.
   */
  private async closePart(last = false): Promise<void> {
    const index = this.index;
    const sent = [...this.pending];
    const dir = path.join(this.workDir, `part-${this.parts++}`);
    this.inPart = 0;
    if (!last) this.index = await SearchIndexer.createIndex(this.language);
    const written = (async () => {
      await Promise.all(sent);
      const result = await index.writeFiles({ outputPath: dir });
      this.problems.push(...result.errors);
      await index.deleteIndex();
    })();
    this.merged = Promise.all([this.merged, written]).then(() => this.merger.addPart(dir));
    // A failed part fails the build at `write`, not as an unhandled rejection now.
    this.merged.catch(() => undefined);
  }

  /** Waits for every page, writes the bundle to `outputPath` and stops the indexer; throws on any error. */
  async write(outputPath: string): Promise<IndexSummary> {
    const finishing = performance.now();
    try {
      if (this.inPart > 0 || this.parts === 0) await this.closePart(true);
      await this.merged;
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
      await pagefind.close();
      await rm(this.workDir, { recursive: true, force: true });
      SearchIndexer.workDirs.delete(this.workDir);
    }
    const end = performance.now();
    return {
      pages: this.count,
      parts: this.parts,
      outputPath,
      milliseconds: end - this.started,
      finishMilliseconds: end - finishing,
      tiers: this.tiers.manifest,
    };
  }

  /** Stops the indexer without writing (a build that failed), and removes its parts. */
  static async abort(): Promise<void> {
    await pagefind.close();
    for (const dir of SearchIndexer.workDirs) await rm(dir, { recursive: true, force: true });
    SearchIndexer.workDirs.clear();
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
