/**
 * Builds the Pagefind bundle from rendered article pages through Pagefind's Node API.
 *
 * Why the API and not the CLI crawling the output: the CLI reads every HTML file of the site itself
 * and peaked above 3 GB at 10,000 articles; here pages are handed over one at a time from memory
 * Eleventy already holds, only article pages are offered, and each gets its hidden đ-folded copy.
 */
import path from "node:path";
import * as pagefind from "pagefind";
import { withFoldedCopy } from "./page-text.ts";

/** Pages handed to Pagefind before waiting for its answers. */
const BATCH = 32;

export interface IndexedPage {
  /** Site-relative URL, e.g. `/tin-tuc/<slug>/`. */
  readonly url: string;
  readonly html: string;
}

export interface IndexSummary {
  readonly pages: number;
  readonly outputPath: string;
  /** Wall time of indexing and writing, in milliseconds. */
  readonly milliseconds: number;
}

/** Indexes `pages` (language `vi`) and writes the bundle to `outputPath`; throws on any Pagefind error. */
export async function indexPages(
  pages: Iterable<IndexedPage>,
  outputPath: string,
  language = "vi",
): Promise<IndexSummary> {
  const started = performance.now();
  // Reading tools, share links and previous/next sit inside the article but are not its text; the
  // layout marks all of them `no-print` for the same reason.
  const { index, errors } = await pagefind.createIndex({
    forceLanguage: language,
    excludeSelectors: [".no-print"],
  });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  const problems: string[] = [...errors];
  let count = 0;
  try {
    // A few pages in flight at once keep Pagefind's service busy instead of waiting on each reply.
    const batch: Promise<void>[] = [];
    for (const page of pages) {
      batch.push(
        index.addHTMLFile({ url: page.url, content: withFoldedCopy(page.html) }).then((added) => {
          problems.push(...added.errors.map((error) => `${page.url}: ${error}`));
        }),
      );
      count++;
      if (batch.length === BATCH) await Promise.all(batch.splice(0));
    }
    await Promise.all(batch);
    const written = await index.writeFiles({ outputPath: path.resolve(outputPath) });
    problems.push(...written.errors);
  } finally {
    await pagefind.close();
  }
  if (problems.length) throw new Error(`Search index failed:\n${problems.join("\n")}`);
  return { pages: count, outputPath, milliseconds: performance.now() - started };
}
