/**
 * The portal's URL scheme: where each kind of page lives. Every address prefix of the site is written
 * here and nowhere else; collections, layouts (through the `routes` global and the `taxonUrl`
 * filter), feeds, JSON-LD and the reserved alias routes derive theirs from it.
 *
 * Why one module: the archive's URLs must stay stable for decades, so a prefix is a contract; one
 * written in two places is one that can silently diverge.
 */

/** The kinds of list a reader browses. */
export type TaxonKind = "category" | "tag" | "author" | "unit" | "year";

/** A named link to a page of the site. */
export interface Link {
  readonly name: string;
  /** Site-relative URL. */
  readonly url: string;
}

/** Folder of every article page. */
export const ARTICLES_PATH = "/tin-tuc/";

/** URL prefix of each kind of list; its index page lives at the prefix itself. */
export const KIND_PATHS: Readonly<Record<TaxonKind, string>> = {
  category: "/chuyen-muc/",
  tag: "/the/",
  author: "/tac-gia/",
  unit: "/don-vi/",
  year: "/nam/",
};

/** Fixed pages the layouts link to, as the `routes` global data (`{{ routes.search }}`). */
export const ROUTES = Object.freeze({
  home: "/",
  /** The search page (its template is lib/search's). */
  search: "/tim-kiem/",
  /** Where the archive notice on every page leads; its wording comes from site.json, its address never. */
  archivePage: "/gioi-thieu/luu-tru/",
  tags: KIND_PATHS.tag,
  authors: KIND_PATHS.author,
  units: KIND_PATHS.unit,
  years: KIND_PATHS.year,
});

/**
 * The URL of an article from its slug. Stable for decades: derived only from the folder name.
 * @example articleUrl("hoi-nghi") // "/tin-tuc/hoi-nghi/"
 */
export function articleUrl(slug: string): string {
  return `${ARTICLES_PATH}${slug}/`;
}

/**
 * The first page of a list: a category, tag, author or unit by its slug, a year by its number.
 * @example taxonUrl("category", "tin-tuc-su-kien") // "/chuyen-muc/tin-tuc-su-kien/"
 */
export function taxonUrl(kind: TaxonKind, slug: string | number): string {
  return `${KIND_PATHS[kind]}${slug}/`;
}

/**
 * The article slug of a site-relative path inside an article's folder (`/tin-tuc/<slug>/…`), still
 * percent-encoded, or undefined.
 * @example articleSlugOf("/tin-tuc/hoi-nghi/anh.jpg") // "hoi-nghi"
 */
export function articleSlugOf(pathname: string): string | undefined {
  if (!pathname.startsWith(ARTICLES_PATH)) return undefined;
  const slug = pathname.slice(ARTICLES_PATH.length).split("/")[0];
  return slug ? slug : undefined;
}
