/**
 * Pagination of list pages: chunks of 20, "Trang 2 / 7", and the links an accessible pager needs.
 */
import type { Article } from "./article.ts";

const PAGE_SIZE = 20;

export interface PageLink {
  readonly number: number;
  readonly url: string;
  readonly current: boolean;
}

export interface ListPage {
  /** 1-based. */
  readonly number: number;
  readonly total: number;
  readonly url: string;
  readonly articles: readonly Article[];
  readonly previousUrl?: string;
  readonly nextUrl?: string;
  /** Page numbers to show: first, last and two either side of the current one; gaps are `undefined`. */
  readonly links: readonly (PageLink | undefined)[];
}

/** The URL of page `n` of a list whose first page is `baseUrl` (`/the/x/`, `/the/x/trang/2/`). */
export function pageUrl(baseUrl: string, n: number): string {
  return n <= 1 ? baseUrl : `${baseUrl}trang/${n}/`;
}

/** Page numbers around `current`, with `undefined` where numbers are skipped. */
export function pageWindow(current: number, total: number, radius = 2): (number | undefined)[] {
  const shown: (number | undefined)[] = [];
  for (let n = 1; n <= total; n++) {
    if (n === 1 || n === total || Math.abs(n - current) <= radius) shown.push(n);
    else if (shown.at(-1) !== undefined) shown.push(undefined);
  }
  return shown;
}

/**
 * Splits a list into pages. An empty list still gets one (empty) page, so a category in the menu
 * never links to a missing page.
 * @example paginate("/the/x/", items).map((p) => p.url) // ["/the/x/", "/the/x/trang/2/"]
 */
export function paginate(baseUrl: string, articles: readonly Article[], size = PAGE_SIZE): ListPage[] {
  const total = Math.max(1, Math.ceil(articles.length / size));
  const pages: ListPage[] = [];
  for (let n = 1; n <= total; n++) {
    pages.push({
      number: n,
      total,
      url: pageUrl(baseUrl, n),
      articles: articles.slice((n - 1) * size, n * size),
      ...(n > 1 ? { previousUrl: pageUrl(baseUrl, n - 1) } : {}),
      ...(n < total ? { nextUrl: pageUrl(baseUrl, n + 1) } : {}),
      links: pageWindow(n, total).map((m) =>
        m === undefined ? undefined : { number: m, url: pageUrl(baseUrl, m), current: m === n },
      ),
    });
  }
  return pages;
}
