/**
 * SEO and syndication: feeds (RSS, Atom, JSON Feed), sitemaps, robots.txt, and the filters the
 * metadata partial (`layouts/partials/meta.njk`) uses for canonical URLs, Open Graph and JSON-LD.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { EleventyConfig } from "../eleventy.ts";
import type { Article } from "../content/article.ts";
import type { SiteConfig } from "../content/site.ts";
import type { Listings } from "../content/listings.ts";
import { absoluteUrl } from "./urls.ts";
import { buildNow } from "../clock.ts";
import { pageShareImage, type ShareImages } from "./share.ts";
import { breadcrumbList, jsonLdScript, newsArticle, webSite } from "./json-ld.ts";
import { atomFeed, FEED_LENGTH, jsonFeed, rssFeed } from "./feeds.ts";
import {
  newsSitemapXml,
  NEWS_SITEMAP_PATH,
  recentArticles,
  robotsTxt,
  sitemapPartUrl,
  sitemapParts,
  sitemapXml,
  SITEMAP_LIMIT,
  urlsetXml,
  type SitemapPart,
} from "./sitemaps.ts";

export interface SeoOptions {
  /** The build's moment, for the two-day Google News window; defaults to the build's start. */
  readonly now?: Date;
  /** Virtual templates (in `templates/`) to register; drop one to turn that output off. */
  readonly outputs?: readonly string[];
  /** Share images with their sizes (lib/images); without it pages share the banner, feeds no image. */
  readonly shareImages?: ShareImages;
}

const DEFAULT_OUTPUTS = ["site-feeds", "category-rss", "category-atom", "sitemap", "news-sitemap", "robots"];
const templatesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "templates");

export type FeedFormat = "rss" | "atom" | "json";
const FEED_FILES: Record<FeedFormat, string> = { rss: "feed.xml", atom: "atom.xml", json: "feed.json" };

/** The feed file of a page: `/` → `/feed.xml`, `/chuyen-muc/x/` → `/chuyen-muc/x/atom.xml`. */
export function feedPath(pageUrl: string, format: FeedFormat): string {
  return `${pageUrl}${FEED_FILES[format]}`;
}

export default function seoPlugin(eleventyConfig: EleventyConfig, options: SeoOptions = {}): void {
  let now = options.now ?? buildNow();
  eleventyConfig.on("eleventy.before", () => {
    now = options.now ?? buildNow();
  });

  eleventyConfig.addFilter("absoluteUrl", (url: string, siteUrl: string) => absoluteUrl(url, siteUrl));
  const share = (article: Article | undefined, site: SiteConfig) =>
    pageShareImage(article, site, options.shareImages);
  /** `{% set image = article | shareImage(site) %}`: `image.url`, `.width`, `.height`, `.type`, `.alt`. */
  eleventyConfig.addFilter("shareImage", share);
  eleventyConfig.addFilter("jsonLd", (value: unknown) => jsonLdScript(value));
  eleventyConfig.addFilter("newsArticleLd", (article: Article, site: SiteConfig, authorUrl?: string) =>
    newsArticle(article, site, authorUrl, share(article, site)),
  );
  eleventyConfig.addFilter("breadcrumbLd", (crumbs: { name: string; url: string }[], site: SiteConfig) =>
    breadcrumbList(crumbs, site),
  );
  eleventyConfig.addFilter("webSiteLd", (site: SiteConfig) => webSite(site));
  eleventyConfig.addFilter("feedPath", (pageUrl: string, format: FeedFormat) => feedPath(pageUrl, format));

  /** `{{ articles | feed("rss", site, "/", "Kinh tế") }}`: a whole feed document. */
  eleventyConfig.addFilter(
    "feed",
    (
      articles: readonly Article[],
      format: FeedFormat,
      site: SiteConfig,
      pageUrl: string,
      section?: string,
      siteArticles: readonly Article[] = articles,
    ) => {
      // An empty feed is dated by the site's newest article, not the build's clock: two builds of
      // the same content must be byte-identical (the determinism gate).
      const newest = siteArticles.reduce<Date | undefined>((max, a) => {
        const date = (a.updated ?? a.date).instant;
        return !max || date > max ? date : max;
      }, undefined);
      const spec = {
        site,
        title: section ? `${section} – ${site.name}` : site.name,
        description: section
          ? `Tin bài mới nhất chuyên mục ${section}`
          : `Tin bài mới nhất – ${site.tagline}`,
        pageUrl,
        selfUrl: feedPath(pageUrl, format),
        articles: articles.slice(0, FEED_LENGTH),
        shareImage: (article: Article) => options.shareImages?.article(article),
        now: newest ?? new Date(0),
      };
      return format === "rss" ? rssFeed(spec) : format === "atom" ? atomFeed(spec) : jsonFeed(spec);
    },
  );
  // The protocol's 50,000 URLs per file; PORTAL_SITEMAP_LIMIT lets a test split a small site.
  const sitemapLimit = Number(process.env.PORTAL_SITEMAP_LIMIT) || SITEMAP_LIMIT;
  eleventyConfig.addFilter(
    "sitemapXml",
    (articles: readonly Article[], listings: Listings, site: SiteConfig) =>
      sitemapXml(articles, listings, site, sitemapLimit),
  );
  eleventyConfig.addFilter("newsSitemapXml", (articles: readonly Article[], site: SiteConfig) =>
    newsSitemapXml(articles, site, now),
  );
  eleventyConfig.addFilter("robotsTxt", (site: SiteConfig, articles: readonly Article[]) =>
    robotsTxt(site, recentArticles(articles, now).length > 0),
  );
  eleventyConfig.addFilter("urlsetXml", (part: SitemapPart, site: SiteConfig) =>
    urlsetXml(part.entries, site),
  );

  const outputs = options.outputs ?? DEFAULT_OUTPUTS;
  for (const name of outputs.filter((output) => output !== "news-sitemap")) {
    eleventyConfig.addTemplate(`${name}.njk`, readFileSync(path.join(templatesDir, `${name}.njk`), "utf8"));
  }
  if (outputs.includes("news-sitemap")) {
    // Written only when the last two days have articles (robots.txt names it only then).
    eleventyConfig.addTemplate("news-sitemap.njk", "{{ articles | newsSitemapXml(site) | safe }}", {
      eleventyExcludeFromCollections: true,
      permalink: (data: { articles: readonly Article[] }) =>
        recentArticles(data.articles, now).length > 0 ? NEWS_SITEMAP_PATH : false,
    });
  }
  if (outputs.includes("sitemap")) {
    // The files of a split sitemap (none until the site passes 50,000 URLs): the pagination's list is
    // made from the whole data, since the parts depend on articles and listings together.
    eleventyConfig.addTemplate("sitemap-parts.njk", "{{ part | urlsetXml(site) | safe }}", {
      eleventyExcludeFromCollections: true,
      pagination: {
        data: "articles",
        size: 1,
        alias: "part",
        before: (_articles: unknown, data: { articles: readonly Article[]; listings: Listings }) =>
          sitemapParts(data.articles, data.listings, sitemapLimit),
      },
      permalink: (data: { part: SitemapPart }) => sitemapPartUrl(data.part.number),
    });
  }
}
