/**
 * Builds the Pagefind bundle from rendered article pages through Pagefind's Node API.
 *
 * Why the API and not the CLI crawling the output: the CLI reads every HTML file of the site itself
 * and holds the whole site; here pages are handed over from memory Eleventy already holds, and only
 * the indexed `<article>` of each article page is sent, its đ marked for the index (`d-stroke.ts`).
 * Pagefind's indexers are processes of their own, fed from worker threads (`IndexerThread`), so pages
 * handed over while Eleventy is still rendering are indexed on the other core.
 */
import { rmSync } from "node:fs";
import { cp, mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { IndexerThread } from "./indexer-thread.ts";
import { MergeThread } from "./merge-thread.ts";
import { indexerSettings, type IndexerOptions, type IndexerSettings } from "./options.ts";
import { indexRecord, sortValues } from "./page-text.ts";
import type { TierManifest } from "./tiers.ts";

/**
 * Pages sent to an indexer and not yet answered before the sender waits. Why a bound: when the
 * indexer falls behind, the pages would otherwise queue up in this process's memory.
 */
const IN_FLIGHT = 64;

export interface IndexedPage {
  /** Site-relative URL, e.g. `/tin-tuc/<slug>/`. */
  readonly url: string;
  readonly html: string;
}

export interface IndexSummary {
  readonly pages: number;
  /** Partial indexes Pagefind built, merged into the bundles readers load. */
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

/**
 * One search index filled page by page: `add` as pages are rendered, then `write` (or `abort`, for a
 * build that failed). Pages are dealt to the indexers in turn; each writes a partial index every
 * `partPages` pages, which the merge worker (`merge-worker.ts`) joins into bundles as they are
 * written, so readers download exactly what a Pagefind index of each bundle's pages would give them
 * (recent months and archive, `tiers.ts`). An indexer owns its worker threads, Pagefind processes and
 * temporary folder, and leaves none behind once written or aborted.
 */
export class SearchIndexer {
  private count = 0;
  private parts = 0;
  /** Partial indexes being written by Pagefind and taken over by the merge, one after another. */
  private merged: Promise<void> = Promise.resolve();
  private readonly started = performance.now();
  private done = false;
  /** Removes the temporary folder when the process ends mid-build (a failed build exits without `write`). */
  private readonly removeOnExit = (): void => rmSync(this.workDir, { recursive: true, force: true });

  private constructor(
    private readonly indexers: readonly IndexerThread[],
    private readonly merge: MergeThread,
    /** Errors of pages and partial indexes, shared with the indexers; reported together by `write`. */
    private readonly problems: string[],
    private readonly partPages: number,
    private readonly workDir: string,
  ) {
    process.once("exit", this.removeOnExit);
  }

  /** Starts the indexers' workers (each starts its Pagefind process with its first page) and the merge's. */
  static async open(settings: IndexerSettings): Promise<SearchIndexer> {
    const workDir = await mkdtemp(path.join(os.tmpdir(), "phuninh-search-"));
    const problems: string[] = [];
    const data = { language: settings.language, excludeSelectors: settings.excludeSelectors };
    const indexers = Array.from({ length: settings.lanes }, () => new IndexerThread(data, problems));
    const merge = new MergeThread({
      outputPath: path.join(workDir, "bundle"),
      recentPages: settings.recentPages,
    });
    return new SearchIndexer(indexers, merge, problems, settings.partPages, workDir);
  }

  /**
   * Hands one page to the indexer; pages without an indexed part are skipped. Resolves at once unless
   * too many pages are waiting for the indexer, which then slows the caller (back-pressure).
   */
  async add(page: IndexedPage): Promise<void> {
    const record = indexRecord(page.html);
    if (record === undefined) return;
    const indexer = this.indexers[this.count++ % this.indexers.length]!;
    this.merge.page(page.url, sortValues(record.content), record.marked);
    indexer.add({ url: page.url, content: record.content });
    if (indexer.inPart >= this.partPages) this.closePart(indexer);
    await indexer.room(IN_FLIGHT);
  }

  /**
   * Has the indexer write its current partial index once its pages are in (its worker then frees
   * Pagefind's memory of it and takes the next pages into a new index); the merge takes them over in
   * order.
   */
  private closePart(indexer: IndexerThread): void {
    const dir = path.join(this.workDir, `part-${this.parts++}`);
    const written = indexer.write(dir);
    this.merged = Promise.all([this.merged, written]).then(() => this.merge.part(dir));
    // A failed partial index fails the build at `write`, not as an unhandled rejection now.
    this.merged.catch(() => undefined);
  }

  /** Waits for every page, writes the bundle to `outputPath` and stops the workers; throws on any error. */
  async write(outputPath: string): Promise<IndexSummary> {
    const finishing = performance.now();
    let tiers: TierManifest | undefined;
    try {
      for (const indexer of this.indexers) if (indexer.inPart > 0) this.closePart(indexer);
      // No page at all: Pagefind's own empty bundle, from one indexer.
      if (this.parts === 0) this.closePart(this.indexers[0]!);
      // Each Pagefind process ends once its last partial index is written, before the merge's peak of memory.
      const closed = Promise.all(this.indexers.map((indexer) => indexer.close()));
      closed.catch(() => undefined);
      await this.merged;
      await closed;
      if (this.problems.length) throw new Error(`Search index failed:\n${this.problems.join("\n")}`);
      tiers = await this.merge.finish();
      await rm(outputPath, { recursive: true, force: true });
      await moveFolder(path.join(this.workDir, "bundle"), outputPath);
    } finally {
      // Done by now unless the build failed: then they are stopped.
      await this.abort();
    }
    const end = performance.now();
    return {
      pages: this.count,
      parts: this.parts,
      lanes: this.indexers.length,
      outputPath,
      milliseconds: end - this.started,
      finishMilliseconds: end - finishing,
      tiers,
    };
  }

  /** Stops the workers without writing (a build that failed) and removes the partial indexes. */
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
