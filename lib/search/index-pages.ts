/**
 * Builds the Pagefind bundle from rendered article pages through Pagefind's Node API.
 *
 * Why the API and not the CLI crawling the output: the CLI reads every HTML file of the site itself
 * and peaked above 3 GB at 10,000 articles; here pages are handed over from memory Eleventy already
 * holds, only the indexed `<article>` of each article page is sent, and each gets its hidden đ-folded
 * copy. Pagefind's indexer is a separate process, so pages handed over while Eleventy is still
 * rendering are indexed on the second core (see `SearchIndexer`).
 */
import path from "node:path";
import * as pagefind from "pagefind";
import { indexRecord } from "./page-text.ts";

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
  readonly outputPath: string;
  /** Wall time from the first page handed over to the bundle written, in milliseconds. */
  readonly milliseconds: number;
  /** Of which after the last page was handed over (waiting for the indexer, writing the bundle). */
  readonly finishMilliseconds: number;
}

/**
 * One Pagefind index filled page by page: `add` as pages are rendered, then `write`. Only one may be
 * open at a time (Pagefind's Node API shares one indexer process, and `write` closes it).
 */
export class SearchIndexer {
  private readonly pending = new Set<Promise<void>>();
  private readonly problems: string[] = [];
  private count = 0;
  private readonly started = performance.now();

  private constructor(private readonly index: pagefind.PagefindIndex) {}

  /** Starts Pagefind's indexer; language `vi` names the index (no stemmer exists for Vietnamese). */
  static async open(language = "vi"): Promise<SearchIndexer> {
    // Reading tools, share links and previous/next sit inside the article but are not its text; the
    // layout marks all of them `no-print` for the same reason.
    const { index, errors } = await pagefind.createIndex({
      forceLanguage: language,
      excludeSelectors: [".no-print"],
    });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    return new SearchIndexer(index);
  }

  /**
   * Hands one page to the indexer; pages without an indexed part are skipped. Resolves at once unless
   * too many pages are waiting for the indexer, which then slows the caller (back-pressure).
   */
  async add(page: IndexedPage): Promise<void> {
    const content = indexRecord(page.html);
    if (content === undefined) return;
    this.count++;
    const sent: Promise<void> = this.index.addHTMLFile({ url: page.url, content }).then(
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
    if (this.pending.size >= IN_FLIGHT) await Promise.race(this.pending);
  }

  /** Waits for every page, writes the bundle to `outputPath` and stops the indexer; throws on any error. */
  async write(outputPath: string): Promise<IndexSummary> {
    const finishing = performance.now();
    try {
      await Promise.all(this.pending);
      const written = await this.index.writeFiles({ outputPath: path.resolve(outputPath) });
      this.problems.push(...written.errors);
    } finally {
      await pagefind.close();
    }
    if (this.problems.length) throw new Error(`Search index failed:\n${this.problems.join("\n")}`);
    const end = performance.now();
    return {
      pages: this.count,
      outputPath,
      milliseconds: end - this.started,
      finishMilliseconds: end - finishing,
    };
  }

  /** Stops the indexer without writing (a build that failed). */
  static async abort(): Promise<void> {
    await pagefind.close();
  }
}

/** Indexes `pages` (language `vi`) and writes the bundle to `outputPath`; throws on any Pagefind error. */
export async function indexPages(
  pages: Iterable<IndexedPage>,
  outputPath: string,
  language = "vi",
): Promise<IndexSummary> {
  const indexer = await SearchIndexer.open(language);
  try {
    for (const page of pages) await indexer.add(page);
  } catch (error) {
    await SearchIndexer.abort();
    throw error;
  }
  return indexer.write(outputPath);
}
