/**
 * Builds the Pagefind bundle from rendered article pages through Pagefind's Node API, in partial
 * indexes by quarter (`parts.ts`) that are cached between builds (`part-cache.ts`) and merged into the
 * bundles readers download (`merge-index.ts`).
 *
 * Why the API and not the CLI crawling the output: the CLI reads every HTML file of the site itself
 * and holds the whole site; here pages are handed over from memory Eleventy already holds, and only
 * the indexed `<article>` of each article page is sent, its đ marked for the index (`d-stroke.ts`).
 * Pagefind's indexers are processes of their own, fed from worker threads (`IndexerThread`), so
 * partial indexes are indexed on the other core while Eleventy renders the next pages.
 */
import { rmSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ensureCheckedLibrary } from "./format-check.ts";
import { IndexerThread } from "./indexer-thread.ts";
import { MergeThread } from "./merge-thread.ts";
import { indexerSettings, type IndexerOptions, type IndexerSettings } from "./options.ts";
import { indexRecord, sortValues } from "./page-text.ts";
import { PartCache, settingsKey, type Verified } from "./part-cache.ts";
import { pageMonth, pageRecord, periodParts, quarterOf, type PartPages, type PageRecord } from "./parts.ts";
import type { CachedPage } from "./messages.ts";
import type { TierManifest } from "./tiers.ts";
import { mapLimit } from "./map-limit.ts";
import { writingIntoVersion } from "../output/pending-writes.ts";
import { PageRecordBook } from "./page-records.ts";
import type { KeptPage, PageKeying } from "../rebuild/selection.ts";

/**
 * Pages of other periods after a period's last page before it is taken as complete. Why not one:
 * Eleventy renders several pages at once, so pages come newest first only roughly.
 */
const QUIET_PAGES = 64;

/**
 * Pages handed over between two turns of the event loop. Why: rendering is a run of promises that
 * never waits for the loop, so without a turn no lookup, message or answer of the search workers
 * would be handled before the last page.
 */
const PAGES_PER_TURN = 8;

/** Partial indexes an indexer is sent ahead of the one it is indexing. */
const QUEUED_PARTS = 2;

/** Pages that came for periods already taken as complete, after which the indexer stops guessing. */
const REOPENED_LIMIT = 8;

/** Cache entries checked at a time ahead of `write` (each reads its files a few at a time itself). */
const CHECKS_AHEAD = 2;

export interface IndexedPage {
  /** Site-relative URL, e.g. `/tin-tuc/<slug>/`. */
  readonly url: string;
  readonly html: string;
}

export interface IndexSummary {
  readonly pages: number;
  /** Partial indexes merged into the bundles readers load. */
  readonly parts: number;
  /** Of which Pagefind indexed in this build (the others came from the cache). */
  readonly indexedParts: number;
  /** Pagefind indexers that ran side by side. */
  readonly lanes: number;
  /** Pages kept from the previous version that went in from the last build's book, unread. */
  readonly keptUnread: number;
  /** Of which read back all the same, because their partial index was indexed again. */
  readonly readBack: number;
  readonly outputPath: string;
  /** Wall time from the first page handed over to the bundle written, in milliseconds. */
  readonly milliseconds: number;
  /** Of which after the last page was handed over (waiting for the indexer, writing the bundle). */
  readonly finishMilliseconds: number;
  /** The months of the recent bundle and of the archive, as written to `tiers.json`; undefined when empty. */
  readonly tiers: TierManifest | undefined;
}

/**
 * One search index filled page by page: `add` every indexed page (as it is rendered, or read from a
 * previous build's output), then `write` (or `abort`, for a build that failed).
 *
 * Pages are kept by quarter. Pages arrive roughly newest first as Eleventy renders them, so a period
 * no page came for in a while is most likely complete: its partial indexes are looked up in the
 * cache and the missing ones indexed and stored while rendering goes on. A page that arrives later
 * for such a period only makes that work wasted (and, past a few, stops the guessing, since pages then
 * come in no order): `write` forms every period's partial indexes from all its pages, and uses the
 * cache entry of each key. An indexer owns its worker threads, Pagefind processes and temporary
 * folder, and leaves none behind once written or aborted.
 */
export class SearchIndexer {
  private readonly periods = new Map<string, Map<string, PageRecord>>();
  /** The period of each page added, to move a page added twice. */
  private readonly periodOf = new Map<string, string>();
  /** Periods whose partial indexes were looked up since their last page arrived. */
  private readonly sealed = new Set<string>();
  /** Periods not looked up yet, with the number of pages added when their last page came. */
  private readonly open = new Map<string, number>();
  /** Pages that came for a period already looked up: work wasted; past a few, pages come in no order. */
  private reopened = 0;
  /** Keys of the partial indexes Pagefind indexed in this build. */
  private readonly indexed = new Set<string>();
  /** Cache entries being looked up, or made (then with their pages, which need no checking), by key. */
  private readonly entries = new Map<string, Promise<readonly CachedPage[] | undefined>>();
  /** Checks of cache entries started ahead, while pages render (see `checkAhead`), by key. */
  private readonly checks = new Map<string, Promise<Verified>>();
  private readonly problems: string[] = [];
  /** Partial indexes waiting for an indexer (see `idleIndexer`). */
  private readonly waitingForIndexer: (() => void)[] = [];
  private readonly started = performance.now();
  private sinceTurn = 0;
  private done = false;
  private keptUnread = 0;
  private readBack = 0;
  /** Removes the temporary folder when the process ends mid-build (a failed build exits without `write`). */
  private readonly removeOnExit = (): void => rmSync(this.workDir, { recursive: true, force: true });

  private constructor(
    private readonly settings: IndexerSettings,
    private readonly cache: PartCache,
    private readonly indexers: readonly IndexerThread[],
    private readonly merge: MergeThread,
    /** The format check and the library it keeps; cache entries are stored only after it passed. */
    private readonly library: Promise<void>,
    private readonly workDir: string,
    /** The keys of this build's pages; without them no book is read or written. */
    private readonly keying: PageKeying | undefined,
    /** What the last build indexed of each page (`page-records.ts`). */
    private readonly book: PageRecordBook,
  ) {
    process.once("exit", this.removeOnExit);
    this.checkAhead(book.parts);
  }

  /**
   * Starts the indexers' workers and the merge's, and the format check (once per Pagefind version).
   * With `keying`, the last build's book lets kept pages in unread (`addKept`), and its partial
   * indexes' cache entries are checked while the pages render.
   */
  static async open(settings: IndexerSettings, keying?: PageKeying): Promise<SearchIndexer> {
    const workDir = await mkdtemp(path.join(os.tmpdir(), "phuninh-search-"));
    const cache = new PartCache(settings.cacheDir, settingsKey(settings));
    const book = keying
      ? PageRecordBook.read(PageRecordBook.file(cache.dir, cache.settings), keying.codeKey, cache.settings)
      : PageRecordBook.empty;
    const data = { language: settings.language, excludeSelectors: settings.excludeSelectors };
    const indexers = Array.from({ length: settings.lanes }, () => new IndexerThread(data));
    const merge = new MergeThread({
      outputPath: path.join(workDir, "bundle"),
      recentPages: settings.recentPages,
      libraryDir: cache.libraryDir,
    });
    const library = ensureCheckedLibrary(cache, indexers[0]!);
    // A failed check fails the build at `write` (or when a partial index waits for it), not now.
    library.catch(() => undefined);
    return new SearchIndexer(settings, cache, indexers, merge, library, workDir, keying, book);
  }

  /**
   * Checks cache entries against their manifests, a few at a time, before `write` needs them. Why:
   * reading and hashing every file of an archive's partial indexes takes seconds, which the merge's
   * thread can spend while the rendering thread is busy with pages.
   */
  private checkAhead(keys: readonly string[]): void {
    let next = 0;
    const run = (): Promise<void> | undefined => {
      const key = keys[next++];
      if (key === undefined || this.done) return undefined;
      const check = this.merge.check(this.cache.entryDir(key));
      this.checks.set(key, check);
      return check.then(run, run);
    };
    for (let i = 0; i < CHECKS_AHEAD; i++) void run();
  }

  /**
   * Hands over a page this build kept from the previous version without reading it, when the last
   * build's book has its record under the same page key; false when it has not (then `add` it).
   */
  addKept(page: KeptPage): boolean {
    const facts = this.book.get(page.url, page.key);
    if (!facts) return false;
    this.place({ url: page.url, file: page.source, ...facts });
    this.keptUnread++;
    return true;
  }

  /**
   * Hands one page to the indexer; pages without an indexed part are skipped, and a page added again
   * replaces the first. Cheap: the page's indexed text is kept until its partial index is known; now
   * and then it resolves only after a turn of the event loop, for the search workers' sake.
   */
  async add(page: IndexedPage): Promise<void> {
    this.take(page);
    if (++this.sinceTurn >= PAGES_PER_TURN) {
      this.sinceTurn = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private take(page: IndexedPage): void {
    const record = indexRecord(page.html);
    if (record === undefined) return;
    this.place(pageRecord(page.url, record.content, record.marked, sortValues(record.content)));
  }

  /** Files a page's record under its period, and takes periods no page came for in a while as complete. */
  private place(record: PageRecord): void {
    const month = pageMonth(record.sorts);
    if (month === undefined) {
      this.problems.push(`Search index: ${record.url} has no date (data-pagefind-sort="date:…")`);
      return;
    }
    const period = quarterOf(month);
    const before = this.periodOf.get(record.url);
    if (before !== undefined) {
      this.periods.get(before)!.delete(record.url);
      if (this.sealed.delete(before)) this.open.set(before, this.periodOf.size);
    }
    this.periodOf.set(record.url, period);
    let pages = this.periods.get(period);
    if (!pages) this.periods.set(period, (pages = new Map()));
    pages.set(record.url, record);
    // Work done for this period's pages so far was wasted; with pages in no order, all waits for `write`.
    if (this.sealed.delete(period)) this.reopened++;
    this.open.set(period, this.periodOf.size);
    if (this.reopened > REOPENED_LIMIT) return;
    for (const [other, last] of this.open) {
      if (this.periodOf.size - last > QUIET_PAGES) this.seal(other);
    }
  }

  /** Starts making the cache entries of a period's partial indexes that the cache does not hold. */
  private seal(period: string): void {
    this.open.delete(period);
    if (this.sealed.has(period)) return;
    this.sealed.add(period);
    for (const part of this.partsOf(period)) this.ensureEntry(part);
  }

  private partsOf(period: string): PartPages[] {
    return periodParts(
      period,
      this.periods.get(period)!.values(),
      this.settings.partPages,
      this.cache.settings,
    );
  }

  /**
   * Resolves once the cache holds an entry for `part`: found there, or indexed and stored now (then
   * with its pages).
   */
  private ensureEntry(part: PartPages): Promise<readonly CachedPage[] | undefined> {
    let made = this.entries.get(part.key);
    if (!made) {
      made = this.cache.has(part.key).then((found) => (found ? undefined : this.indexPart(part)));
      // A failed partial index fails the build at `write`, not as an unhandled rejection now.
      made.catch(() => undefined);
      this.entries.set(part.key, made);
    }
    return made;
  }

  private async indexPart(part: PartPages): Promise<readonly CachedPage[]> {
    const indexer = await this.idleIndexer();
    const dir = await this.cache.stagingDir();
    const pages = await mapLimit(part.records, 8, async (record) => ({
      url: record.url,
      content: record.content ?? (await this.readKept(record)),
    }));
    const errors = await indexer.index(dir, pages).finally(() => this.wakeOne());
    if (errors.length) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`Search index failed:\n${errors.join("\n")}`);
    }
    this.indexed.add(part.key);
    await this.library;
    const unmarked = part.records.filter((record) => !record.marked).map((record) => record.url);
    return this.merge.store(dir, this.cache.entryDir(part.key), unmarked);
  }

  /**
   * The indexed text of a kept page known from the book, read back because its partial index must be
   * indexed again; it must be what the book says, or the partial index's key would not be its pages'.
   */
  private async readKept(record: PageRecord): Promise<Buffer> {
    this.readBack++;
    const html = await readFile(record.file!, "utf8");
    const found = indexRecord(html);
    const again = found && pageRecord(record.url, found.content, found.marked, sortValues(found.content));
    if (!again?.content || !again.hash.equals(record.hash)) {
      // The next build then reads every kept page back instead of trusting the book; a full build
      // (`--full`) never consults it.
      await rm(PageRecordBook.file(this.cache.dir, this.cache.settings), { force: true });
      throw new Error(
        `Search index: ${record.url} (${record.file}) is not the page the last build indexed; ` +
          `the search cache's page records are removed: build again (or with --full)`,
      );
    }
    return again.content;
  }

  /**
   * The least busy indexer, once one has fewer than `QUEUED_PARTS` partial indexes to do. Why wait:
   * a partial index sent is copied into the worker, so sending all at once would hold every page
   * twice.
   */
  private async idleIndexer(): Promise<IndexerThread> {
    for (;;) {
      const least = this.indexers.reduce((a, b) => (b.queuedParts < a.queuedParts ? b : a));
      if (least.queuedParts < QUEUED_PARTS) return least;
      await new Promise<void>((resolve) => this.waitingForIndexer.push(resolve));
    }
  }

  private wakeOne(): void {
    this.waitingForIndexer.shift()?.();
  }

  /** Waits for every partial index, writes the bundle to `outputPath` and stops the workers; throws on any error. */
  async write(outputPath: string): Promise<IndexSummary> {
    const finishing = performance.now();
    let tiers: TierManifest | undefined;
    let parts: PartPages[] = [];
    try {
      if (this.problems.length) throw new Error(this.problems.join("\n"));
      await this.library;
      // In bundle order: periods, and each period's pages by URL, whatever order they arrived in.
      const periods = [...this.periods.keys()].filter((period) => this.periods.get(period)!.size > 0).sort();
      parts = periods.flatMap((period) => this.partsOf(period));
      const entries = parts.map((part) => this.trustedEntry(part));
      // Awaited in bundle order below; one failing early fails the build there, not unhandled now.
      for (const entry of entries) entry.catch(() => undefined);
      // No page at all: Pagefind's own empty bundle.
      const empty = path.join(this.workDir, "empty");
      if (parts.length === 0) await this.indexers[0]!.index(empty, []);
      for (const part of parts) for (const record of part.records) this.merge.page(record.url, record.sorts);
      if (parts.length === 0) await this.merge.part(empty);
      // Each partial index is taken over as soon as it and those before it are ready: the merge
      // copies the cached ones while Pagefind indexes the quarters that changed.
      for (const [i, part] of parts.entries())
        await this.merge.part(this.cache.entryDir(part.key), await entries[i]);
      // Each Pagefind process ends before the merge's peak of memory.
      await Promise.all(this.indexers.map((indexer) => indexer.close()));
      tiers = await this.merge.finish();
      await writingIntoVersion(
        (async () => {
          await rm(outputPath, { recursive: true, force: true });
          await moveFolder(path.join(this.workDir, "bundle"), outputPath);
        })(),
      );
      await this.writeBook(parts);
      await this.cache.prune();
    } finally {
      // Done by now unless the build failed: then they are stopped.
      await this.abort();
    }
    const end = performance.now();
    return {
      pages: this.periodOf.size,
      parts: parts.length,
      indexedParts: parts.filter((part) => this.indexed.has(part.key)).length,
      lanes: this.indexers.length,
      keptUnread: this.keptUnread,
      readBack: this.readBack,
      outputPath,
      milliseconds: end - this.started,
      finishMilliseconds: end - finishing,
      tiers,
    };
  }

  /** Records what this build indexed of each page, by page key, for the next build (`page-records.ts`). */
  private async writeBook(parts: readonly PartPages[]): Promise<void> {
    const keying = this.keying;
    if (!keying) return;
    const pages = parts.flatMap((part) =>
      part.records.flatMap((record) => {
        const pageKey = keying.pageKey(record.url);
        return pageKey === undefined ? [] : [{ ...record, pageKey }];
      }),
    );
    const file = PageRecordBook.file(this.cache.dir, this.cache.settings);
    await PageRecordBook.write(
      file,
      keying.codeKey,
      this.cache.settings,
      parts.map((part) => part.key),
      pages,
    );
  }

  /** An entry checked against its manifest: the check started ahead if there is one, else now. */
  private async verified(key: string): Promise<Verified> {
    const ahead = this.checks.get(key);
    // Once only: an entry discarded and made again is checked anew.
    this.checks.delete(key);
    const found = await (ahead ?? this.merge.check(this.cache.entryDir(key)));
    if ("manifest" in found) await this.cache.markUsed(key);
    return found;
  }

  /**
   * The pages of a partial index's cache entry, once every file of it is as its manifest says; an
   * entry that is not (a cut-off write, a hand edit) is discarded and indexed again.
   */
  private async trustedEntry(part: PartPages): Promise<readonly CachedPage[]> {
    const made = await this.ensureEntry(part);
    if (made) return this.cache.keep(part.key, made);
    const found = await this.verified(part.key);
    if ("manifest" in found) return found.manifest.pages;
    await this.cache.discard(part.key);
    this.entries.delete(part.key);
    const remade = await this.ensureEntry(part);
    if (remade) return this.cache.keep(part.key, remade);
    const again = await this.verified(part.key);
    if ("manifest" in again) return again.manifest.pages;
    throw new Error(
      `Search index: the cache entry ${part.key} of ${part.period} is damaged: ${again.damage}`,
    );
  }

  /** Stops the workers without writing (a build that failed) and removes the temporary folder. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await Promise.all([...this.indexers, this.merge].map((worker) => worker.terminate()));
    await rm(this.workDir, { recursive: true, force: true });
    process.off("exit", this.removeOnExit);
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

/** Indexes `pages` and writes the bundle to `outputPath`; throws on any Pagefind error. */
export async function indexPages(
  pages: Iterable<IndexedPage>,
  outputPath: string,
  options: IndexerOptions = {},
): Promise<IndexSummary> {
  const indexer = await SearchIndexer.open(indexerSettings(options));
  try {
    for (const page of pages) await indexer.add(page);
  } catch (error) {
    await indexer.abort();
    throw error;
  }
  return indexer.write(outputPath);
}
