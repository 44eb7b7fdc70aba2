/**
 * The values offered in the search page's filters, rendered into the page at build time.
 *
 * Why not ask Pagefind in the browser: `pagefind.filters()` downloads every filter chunk before the
 * first query, while a search with no filter set loads none.
 */
import type { Article } from "../content/article.ts";
import { sortVietnamese } from "../text/collate.ts";
import { vietnamYear } from "../text/date.ts";

export interface SearchFacets {
  readonly units: readonly string[];
  readonly authors: readonly string[];
  /** Newest first, as strings (the filter values in the index). */
  readonly years: readonly string[];
}

/** Distinct units and authors in Vietnamese order, and years newest first, of `articles`. */
export function searchFacets(articles: readonly Article[]): SearchFacets {
  const distinct = (values: string[]): string[] => sortVietnamese([...new Set(values)], (v) => v);
  const years = [...new Set(articles.map((a) => String(vietnamYear(a.date.instant))))].sort().reverse();
  return {
    units: distinct(articles.map((a) => a.unit)),
    authors: distinct(articles.map((a) => a.author)),
    years,
  };
}
