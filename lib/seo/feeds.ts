/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site and for each category, written by hand (one
 * escaping function, +07:00 dates, the article's photo as enclosure) rather than templated.
 */
import type { Article } from "../content/article.ts";
import type { SiteConfig } from "../content/site.ts";
import { toVietnamISO } from "../text/date.ts";
import { escapeHtml } from "../text/html.ts";
import type { ShareImage } from "../images/share-card.ts";
import { absoluteUrl } from "./urls.ts";
import { element, escapeXml, toRfc822Vietnam } from "./xml.ts";

/**
 * The image a feed entry carries: the share image of an article with a photo (lead photo, else first
 * photo), with its real size in bytes, which RSS enclosures and Atom links state; else none.
 */
function feedImage(article: Article, spec: FeedSpec): (ShareImage & { href: string }) | undefined {
  const image = spec.shareImage?.(article);
  return image ? { ...image, href: absoluteUrl(image.url, spec.site.url) } : undefined;
}

export interface FeedSpec {
  readonly site: SiteConfig;
  /** Feed title; the site name for the site feed. */
  readonly title: string;
  readonly description: string;
  /** Site-relative URL of the HTML page the feed mirrors (`/` or a category page). */
  readonly pageUrl: string;
  /** Site-relative URL of this feed file. */
  readonly selfUrl: string;
  /** Newest first, already cut to the feed's length. */
  readonly articles: readonly Article[];
  /** The feed's date when it has no articles. */
  readonly now: Date;
  /** An article's share image (lib/images); entries carry no image without it. */
  readonly shareImage?: (article: Article) => ShareImage | undefined;
}

/** How many articles the site feed and each category feed carry. */
export const FEED_LENGTH = 50;

const modified = (a: Article): Date => (a.updated ?? a.date).instant;

function lastUpdate(spec: FeedSpec): Date {
  return spec.articles.reduce(
    (max, a) => (modified(a) > max ? modified(a) : max),
    spec.articles[0] ? modified(spec.articles[0]) : spec.now,
  );
}

/** RSS 2.0 with `atom:link rel=self`, `dc:creator` and the article's photo as `<enclosure>` and `media:content`. */
export function rssFeed(spec: FeedSpec): string {
  const { site } = spec;
  const items = spec.articles.map((a) => {
    const url = absoluteUrl(a.url, site.url);
    const image = feedImage(a, spec);
    return [
      "<item>",
      element("title", a.title),
      element("link", url),
      `<guid isPermaLink="true">${escapeXml(url)}</guid>`,
      element("pubDate", toRfc822Vietnam(a.date.instant)),
      element("dc:creator", a.author),
      element("category", a.category.name),
      ...a.tags.map((t) => element("category", t)),
      // Readers render an RSS description as HTML: the lead is text, so it is escaped as HTML first.
      element("description", escapeHtml(a.summary)),
      ...(image
        ? [
            `<enclosure url="${escapeXml(image.href)}" length="${image.bytes}" type="${image.type}"/>`,
            `<media:content url="${escapeXml(image.href)}" medium="image" type="${image.type}" fileSize="${image.bytes}" width="${image.width}" height="${image.height}">${element("media:description", image.alt ?? "")}</media:content>`,
          ]
        : []),
      "</item>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">',
    "<channel>",
    element("title", spec.title),
    element("link", absoluteUrl(spec.pageUrl, site.url)),
    element("description", spec.description),
    element("language", "vi"),
    element("copyright", site.publisher),
    element("lastBuildDate", toRfc822Vietnam(lastUpdate(spec))),
    `<atom:link href="${escapeXml(absoluteUrl(spec.selfUrl, site.url))}" rel="self" type="application/rss+xml"/>`,
    ...items,
    "</channel>",
    "</rss>",
    "",
  ].join("\n");
}

/** Atom 1.0: ids are the absolute article URLs, dates ISO 8601 with +07:00. */
export function atomFeed(spec: FeedSpec): string {
  const { site } = spec;
  const entries = spec.articles.map((a) => {
    const url = absoluteUrl(a.url, site.url);
    const image = feedImage(a, spec);
    return [
      "<entry>",
      element("title", a.title),
      `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      element("id", url),
      element("published", toVietnamISO(a.date.instant)),
      element("updated", toVietnamISO(modified(a))),
      `<author>${element("name", a.author)}</author>`,
      `<category term="${escapeXml(a.category.slug)}" label="${escapeXml(a.category.name)}"/>`,
      ...a.tags.map((t) => `<category term="${escapeXml(t)}"/>`),
      `<summary type="text">${escapeXml(a.summary)}</summary>`,
      ...(image
        ? [
            `<link rel="enclosure" href="${escapeXml(image.href)}" type="${image.type}" length="${image.bytes}"/>`,
          ]
        : []),
      "</entry>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
    element("title", spec.title),
    element("subtitle", spec.description),
    element("id", absoluteUrl(spec.pageUrl, site.url)),
    `<link rel="self" type="application/atom+xml" href="${escapeXml(absoluteUrl(spec.selfUrl, site.url))}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(absoluteUrl(spec.pageUrl, site.url))}"/>`,
    element("updated", toVietnamISO(lastUpdate(spec))),
    `<author>${element("name", site.publisher)}</author>`,
    element("rights", site.publisher),
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}

/** JSON Feed 1.1. */
export function jsonFeed(spec: FeedSpec): string {
  const { site } = spec;
  return JSON.stringify(
    {
      version: "https://jsonfeed.org/version/1.1",
      title: spec.title,
      description: spec.description,
      home_page_url: absoluteUrl(spec.pageUrl, site.url),
      feed_url: absoluteUrl(spec.selfUrl, site.url),
      language: "vi",
      authors: [{ name: site.publisher }],
      items: spec.articles.map((a) => {
        const image = feedImage(a, spec);
        return {
          id: absoluteUrl(a.url, site.url),
          url: absoluteUrl(a.url, site.url),
          title: a.title,
          summary: a.summary,
          content_text: a.summary,
          date_published: toVietnamISO(a.date.instant),
          date_modified: toVietnamISO(modified(a)),
          authors: [{ name: a.author }],
          tags: [a.category.name, ...a.tags],
          ...(image
            ? {
                image: image.href,
                attachments: [{ url: image.href, mime_type: image.type, size_in_bytes: image.bytes }],
              }
            : {}),
        };
      }),
    },
    null,
    2,
  );
}
