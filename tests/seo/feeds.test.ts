import path from "node:path";
import { describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { atomFeed, jsonFeed, rssFeed, type FeedSpec } from "../../lib/seo/feeds.ts";
import { newsSitemapXml, recentArticles, robotsTxt } from "../../lib/seo/sitemaps.ts";
import { readSiteConfig } from "../../lib/content/site.ts";
import { article } from "../support/articles.ts";
import { seedDir } from "../support/fixture.ts";

const site = readSiteConfig("content");
const photo = {
  path: path.join(seedDir, "anh-minh-hoa.jpg"),
  src: "anh-minh-hoa.jpg",
  alt: "Ảnh đồi & hồ",
  line: 1,
};
const spec: FeedSpec = {
  site,
  title: site.name,
  description: "Tin mới",
  pageUrl: "/",
  selfUrl: "/feed.xml",
  now: new Date("2025-01-01T00:00:00Z"),
  // What lib/images gives for an article with a photo: its share JPEG with its size in bytes.
  shareImage: (a) =>
    a.image
      ? {
          url: `${a.url}anh-chia-se.jpg`,
          width: 1200,
          height: 630,
          type: "image/jpeg",
          bytes: 24533,
          alt: a.image.alt,
        }
      : undefined,
  articles: [
    article({
      slug: "a",
      title: "Hòa giải <thôn> & xóm",
      tags: ["hoà giải"],
      image: photo,
      date: "2024-12-31T20:00:00+07:00",
    }),
    article({ slug: "b", date: "2024-12-01T00:00:00+07:00" }),
  ],
};
const parser = new XMLParser({ ignoreAttributes: false });

describe("rssFeed", () => {
  it("is well-formed RSS 2.0 with escaped titles, RFC 822 +0700 dates and the photo as enclosure", () => {
    const xml = rssFeed(spec);
    expect(XMLValidator.validate(xml)).toBe(true);
    const channel = parser.parse(xml).rss.channel;
    expect(channel.title).toBe(site.name);
    expect(channel.item[0].title).toBe("Hòa giải <thôn> & xóm");
    expect(channel.item[0].pubDate).toBe("Tue, 31 Dec 2024 20:00:00 +0700");
    // The published 1200×630 share JPEG, never the original photo (it may carry GPS coordinates).
    expect(channel.item[0].enclosure["@_url"]).toBe("https://phuninh.gov.vn/tin-tuc/a/anh-chia-se.jpg");
    expect(channel.item[0].enclosure["@_type"]).toBe("image/jpeg");
    expect(channel.item[0].enclosure["@_length"]).toBe("24533");
    expect(channel.item[0]["media:content"]).toMatchObject({ "@_fileSize": "24533", "@_width": "1200" });
    expect(channel.item[1].enclosure).toBeUndefined();
  });
});

describe("atomFeed", () => {
  it("has id, title, updated on the feed and on each entry, with +07:00", () => {
    const feed = parser.parse(atomFeed(spec)).feed;
    expect(feed.id).toBe("https://phuninh.gov.vn/");
    expect(feed.updated).toBe("2024-12-31T20:00:00+07:00");
    expect(feed.entry[1]).toMatchObject({
      id: "https://phuninh.gov.vn/tin-tuc/b/",
      updated: "2024-12-01T00:00:00+07:00",
    });
  });
});

describe("jsonFeed", () => {
  it("follows JSON Feed 1.1", () => {
    const feed = JSON.parse(jsonFeed(spec));
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.items[0]).toMatchObject({
      id: "https://phuninh.gov.vn/tin-tuc/a/",
      date_published: "2024-12-31T20:00:00+07:00",
    });
  });
});

describe("news sitemap", () => {
  it("keeps only the two days before the build", () => {
    const now = new Date("2025-01-02T00:00:00+07:00");
    expect(recentArticles(spec.articles, now).map((a) => a.slug)).toEqual(["a"]);
    const xml = newsSitemapXml(spec.articles, site, now);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parser.parse(xml).urlset.url["news:news"]["news:publication"]["news:language"]).toBe("vi");
  });

  it("names the News sitemap in robots.txt only when there is news", () => {
    expect(robotsTxt(site, true)).toContain("Sitemap: https://phuninh.gov.vn/news-sitemap.xml");
    expect(robotsTxt(site, false)).toContain("Sitemap: https://phuninh.gov.vn/sitemap.xml");
    expect(robotsTxt(site, false)).not.toContain("news-sitemap");
  });
});
