/**
 * Which article pages and list pages a build renders, and which it keeps from the previous version.
 * The content plugin asks `selectPages` for what its templates paginate; the search index and the
 * publish step ask `keptPages` for the pages this build did not render but publishes all the same.
 * Without a selector (the dev server, tests that start Eleventy themselves) every page is rendered.
 */
import { readFile } from "node:fs/promises";
import type { EleventyConfig } from "../eleventy.ts";
import type { Article } from "../content/article.ts";
import type { ListPageData } from "../content/listings.ts";
import type { PageKeyInputs } from "./page-keys.ts";

export interface PageSelection {
  /** What the article template paginates. */
  readonly articles: readonly Article[];
  /** What the list template paginates; each keeps its own numbering and pager links. */
  readonly listPages: readonly ListPageData[];
}

/** A page this build keeps from the previous version instead of rendering it. */
export interface KeptPage {
  readonly url: string;
  /**
   * Absolute path of its file in the previous version: the same bytes as its link in this build's
   * output, and readable while the links are still being made (lib/rebuild/link-pages.ts).
   */
  readonly source: string;
  readonly kind: "article" | "list";
  /** Its page key (`page-keys.ts`), the same as when the previous version rendered it. */
  readonly key: string;
}

/**
 * What decides a page's bytes: the code key (`code-key.ts`) and, once pages are selected, each
 * page's key. Two pages with the same URL and both keys are the same bytes, so facts derived from a
 * page's bytes (its search record, `lib/search/page-records.ts`) can be kept by these keys.
 */
export interface PageKeying {
  readonly codeKey: string;
  /** The key of a page this build publishes (rendered or kept); undefined before selection. */
  pageKey(url: string): string | undefined;
}

export interface PageSelector extends PageKeying {
  select(inputs: PageKeyInputs): PageSelection;
  /**
   * Pages this build keeps from the previous version: known once pages are selected, linked into the
   * output by the time Eleventy's `eleventy.after` listeners have all finished.
   */
  keptPages(): readonly KeptPage[];
}

const selectors = new WeakMap<EleventyConfig, PageSelector>();

/** Lets `selector` decide the pages of the builds of this configuration (lib/rebuild/page-rebuild.ts). */
export function setPageSelector(eleventyConfig: EleventyConfig, selector: PageSelector): void {
  selectors.set(eleventyConfig, selector);
}

/** The pages to render: those the selector picks, else all of them. */
export function selectPages(eleventyConfig: EleventyConfig, inputs: PageKeyInputs): PageSelection {
  return (
    selectors.get(eleventyConfig)?.select(inputs) ?? {
      articles: inputs.articles,
      listPages: inputs.listings.listPages,
    }
  );
}

/** Pages this build publishes without rendering them; empty for a full build. */
export function keptPages(eleventyConfig: EleventyConfig): readonly KeptPage[] {
  return selectors.get(eleventyConfig)?.keptPages() ?? [];
}

/** The keys that decide this build's pages; undefined without a selector (every page rendered, no keys). */
export function pageKeying(eleventyConfig: EleventyConfig): PageKeying | undefined {
  return selectors.get(eleventyConfig);
}

/**
 * `pages` with their HTML, in order; files are read a few ahead, so the reader is not kept waiting
 * on the disk.
 */
export async function* readPages<P extends KeptPage>(
  pages: readonly P[],
): AsyncGenerator<{ page: P; html: string }> {
  const reading = new Map<number, Promise<string>>();
  const read = (i: number): void => {
    const page = pages[i];
    if (page && !reading.has(i)) reading.set(i, readFile(page.source, "utf8"));
  };
  for (let i = 0; i < pages.length; i++) {
    for (let ahead = i; ahead < i + READ_AHEAD; ahead++) read(ahead);
    const html = await (reading.get(i) as Promise<string>);
    reading.delete(i);
    yield { page: pages[i] as P, html };
  }
}

const READ_AHEAD = 8;

/** The file a page URL is written to, relative to the output: `/a/b/` → `a/b/index.html`. */
export function pageFile(url: string): string {
  const relative = url.replace(/^\//, "");
  return relative === "" || relative.endsWith("/") ? `${relative}index.html` : relative;
}
