/**
 * `sitemap.xml` (every page, with lastmod), the Google News sitemap (the last two days' articles)
 * and `robots.txt` pointing at both.
 */
import type { Article } from "../content/article.ts";
import type { SiteConfig } from "../content/site.ts";
import type { Listings } from "../content/listings.ts";
import { toVietnamISO } from "../text/date.ts";
import { absoluteUrl } from "./urls.ts";
import { element } from "./xml.ts";

/** The sitemaps protocol allows at most 50,000 URLs per file; past that the site needs an index. */
export const SITEMAP_LIMIT = 50_000;
/** Where the Google News sitemap is published, when there is news to list. */
export const NEWS_SITEMAP_PATH = "/news-sitemap.xml";
/** Google News only takes articles from the last two days. */
const NEWS_WINDOW_MS = 2 * 24 * 3600 * 1000;

const modified = (a: Article): Date => (a.updated ?? a.date).instant;

function newest(articles: readonly Article[]): Date | undefined {
  let max: Date | undefined;
  for (const a of articles) if (!max || modified(a) > max) max = modified(a);
  return max;
}

/** Every page of the site (articles, home, lists, indexes) with its last modification. */
export function sitemapEntries(
  articles: readonly Article[],
  listings: Listings,
): { url: string; lastmod?: Date }[] {
  const latest = newest(articles);
  const entries: { url: string; lastmod?: Date }[] = [{ url: "/", lastmod: latest }];
  for (const a of articles) entries.push({ url: a.url, lastmod: modified(a) });
  for (const page of listings.listPages) entries.push({ url: page.url, lastmod: newest(page.articles) });
  for (const index of listings.indexes) entries.push({ url: index.url, lastmod: latest });
  return entries;
}

/** One file's share of the sitemap: the URLs of `sitemap-<number>.xml` once the site needs an index. */
export interface SitemapPart {
  /** 1-based: `sitemap-1.xml`, `sitemap-2.xml`, … */
  readonly number: number;
  readonly entries: readonly { url: string; lastmod?: Date }[];
}

/**
 * The sitemap split into files of at most `limit` URLs; empty when one `sitemap.xml` holds them all.
 * Why split by position in a fixed order (home, articles newest first, lists, indexes) rather than by
 * year or section: any order gives valid files, and search engines read the index, not the names.
 */
export function sitemapParts(
  articles: readonly Article[],
  listings: Listings,
  limit = SITEMAP_LIMIT,
): SitemapPart[] {
  const entries = sitemapEntries(articles, listings);
  if (entries.length <= limit) return [];
  const parts: SitemapPart[] = [];
  for (let i = 0; i * limit < entries.length; i++) {
    parts.push({ number: i + 1, entries: entries.slice(i * limit, (i + 1) * limit) });
  }
  return parts;
}

/** A `urlset` of `entries`. */
export function urlsetXml(entries: readonly { url: string; lastmod?: Date }[], site: SiteConfig): string {
  const urls = entries.map(
    (e) =>
      `<url>${element("loc", absoluteUrl(e.url, site.url))}${e.lastmod ? element("lastmod", toVietnamISO(e.lastmod)) : ""}</url>`,
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    "</urlset>",
    "",
  ].join("\n");
}

/**
 * `sitemap.xml`: every page, or, past the protocol's 50,000 URLs (an archive of ~40,000 articles with
 * its list pages), a sitemap index of `sitemap-1.xml`, `sitemap-2.xml`, … (see `sitemapParts`). The
 * address robots.txt gives stays the same either way.
 */
export function sitemapXml(
  articles: readonly Article[],
  listings: Listings,
  site: SiteConfig,
  limit = SITEMAP_LIMIT,
): string {
  const parts = sitemapParts(articles, listings, limit);
  if (parts.length === 0) return urlsetXml(sitemapEntries(articles, listings), site);
  const files = parts.map((part) => {
    const lastmod = part.entries.reduce<Date | undefined>(
      (max, e) => (e.lastmod && (!max || e.lastmod > max) ? e.lastmod : max),
      undefined,
    );
    return `<sitemap>${element("loc", absoluteUrl(sitemapPartUrl(part.number), site.url))}${lastmod ? element("lastmod", toVietnamISO(lastmod)) : ""}</sitemap>`;
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...files,
    "</sitemapindex>",
    "",
  ].join("\n");
}

/** Address of one part of a split sitemap. */
export const sitemapPartUrl = (number: number): string => `/sitemap-${number}.xml`;

/** Articles published within the two days before `now`. */
export function recentArticles(articles: readonly Article[], now: Date): Article[] {
  const from = now.getTime() - NEWS_WINDOW_MS;
  return articles.filter(
    (a) => a.date.instant.getTime() >= from && a.date.instant.getTime() <= now.getTime(),
  );
}

/**
 * Google News sitemap of the last two days' articles. Only written when there is one: an empty
 * `<urlset>` fails the News sitemap schema, and an archive rarely has articles that recent.
 */
export function newsSitemapXml(articles: readonly Article[], site: SiteConfig, now: Date): string {
  const urls = recentArticles(articles, now).map((a) =>
    [
      "<url>",
      element("loc", absoluteUrl(a.url, site.url)),
      "<news:news>",
      `<news:publication>${element("news:name", site.shortName)}${element("news:language", "vi")}</news:publication>`,
      element("news:publication_date", toVietnamISO(a.date.instant)),
      element("news:title", a.title),
      "</news:news>",
      "</url>",
    ].join(""),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...urls,
    "</urlset>",
    "",
  ].join("\n");
}

/** `robots.txt`: everything open, the sitemap named, and the News sitemap when it is written. */
export function robotsTxt(site: SiteConfig, hasNews: boolean): string {
  return [
    "User-agent: *",
    "Allow: /",
    "",
    `Sitemap: ${absoluteUrl("/sitemap.xml", site.url)}`,
    ...(hasNews ? [`Sitemap: ${absoluteUrl(NEWS_SITEMAP_PATH, site.url)}`] : []),
    "",
  ].join("\n");
}
