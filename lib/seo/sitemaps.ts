/**
 * `sitemap.xml` (every page, with lastmod), the Google News sitemap (the last two days' articles)
 * and `robots.txt` pointing at both.
 */
import type { Article } from "../content/article.ts";
import type { SiteConfig } from "../content/site.ts";
import type { Portal } from "../content/portal.ts";
import { toVietnamISO } from "../text/date.ts";
import { absoluteUrl } from "./urls.ts";
import { element } from "./xml.ts";

/** The sitemaps protocol allows at most 50,000 URLs per file; past that the site needs an index. */
export const SITEMAP_LIMIT = 50_000;
/** Google News only takes articles from the last two days. */
export const NEWS_WINDOW_MS = 2 * 24 * 3600 * 1000;

const modified = (a: Article): Date => (a.updated ?? a.date).instant;

function newest(articles: readonly Article[]): Date | undefined {
  let max: Date | undefined;
  for (const a of articles) if (!max || modified(a) > max) max = modified(a);
  return max;
}

/** Every page of the site (articles, home, lists, indexes) with its last modification. */
export function sitemapEntries(
  articles: readonly Article[],
  portal: Portal,
): { url: string; lastmod?: Date }[] {
  const entries: { url: string; lastmod?: Date }[] = [{ url: "/", lastmod: newest(articles) }];
  for (const a of articles) entries.push({ url: a.url, lastmod: modified(a) });
  for (const page of portal.listPages) entries.push({ url: page.url, lastmod: newest(page.articles) });
  for (const index of portal.indexes) entries.push({ url: index.url, lastmod: newest(articles) });
  return entries;
}

/** `sitemap.xml`. Fails clearly past the protocol's limit instead of writing an invalid file. */
export function sitemapXml(articles: readonly Article[], portal: Portal, site: SiteConfig): string {
  const entries = sitemapEntries(articles, portal);
  if (entries.length > SITEMAP_LIMIT) {
    throw new Error(
      `sitemap.xml: ${entries.length} địa chỉ, quá giới hạn ${SITEMAP_LIMIT}; cần chia thành chỉ mục sitemap`,
    );
  }
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

/** Articles published within the two days before `now`. */
export function recentArticles(articles: readonly Article[], now: Date): Article[] {
  const from = now.getTime() - NEWS_WINDOW_MS;
  return articles.filter(
    (a) => a.date.instant.getTime() >= from && a.date.instant.getTime() <= now.getTime(),
  );
}

/** Google News sitemap of the last two days' articles (an empty urlset is valid). */
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

/** `robots.txt`: everything open, both sitemaps named. */
export function robotsTxt(site: SiteConfig): string {
  return [
    "User-agent: *",
    "Allow: /",
    "",
    `Sitemap: ${absoluteUrl("/sitemap.xml", site.url)}`,
    `Sitemap: ${absoluteUrl("/news-sitemap.xml", site.url)}`,
    "",
  ].join("\n");
}
