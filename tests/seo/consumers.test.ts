/**
 * What real consumers read, checked with real clients on real builds: xmllint against the sitemaps.org
 * and Google News schemas, the feedparser library on the feeds, open-graph-scraper on the pages, and
 * a NewsArticle schema (Google's Article structured data) on the JSON-LD, with every image's declared
 * size and length compared with the file the build wrote.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { Ajv } from "ajv";
import FeedParser from "feedparser";
import ogs from "open-graph-scraper";
import sharp from "sharp";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { toVietnamISO } from "../../lib/text/date.ts";
import {
  addSeed,
  articleMarkdown,
  makeContentDir,
  runBuild,
  SEED_SLUG,
  writeArticle,
} from "../support/fixture.ts";

const SITE_URL = "https://phuninh.gov.vn";
const SITE_NAME = "Cổng thông tin điện tử huyện Phú Ninh";
const xsd = (name: string) => path.join(import.meta.dirname, "..", "fixtures", "xsd", name);

/** xmllint's verdict on a file against a schema: its exit code and what it printed. */
function xmllint(schema: string, file: string): { ok: boolean; out: string } {
  try {
    return {
      ok: true,
      out: execFileSync("xmllint", ["--noout", "--schema", schema, file], {
        encoding: "utf8",
        stdio: "pipe",
      }),
    };
  } catch (error) {
    return { ok: false, out: String((error as { stderr?: string }).stderr) };
  }
}

/** The built file behind an absolute URL of the site. */
const fileOf = (site: string, url: string) => {
  const pathname = decodeURI(new URL(url).pathname);
  return path.join(site, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
};

async function parseFeed(xml: string): Promise<{ meta: FeedParser.Meta; items: FeedParser.Item[] }> {
  const parser = new FeedParser({});
  const items: FeedParser.Item[] = [];
  return new Promise((resolve, reject) => {
    parser.on("error", reject);
    parser.on("readable", () => {
      let item: FeedParser.Item | null;
      while ((item = parser.read() as FeedParser.Item | null)) items.push(item);
    });
    parser.on("end", () => resolve({ meta: parser.meta, items }));
    Readable.from([xml]).pipe(parser);
  });
}

/** Every page's HTML file in a built site (the CMS's own page aside). */
function htmlPages(site: string): string[] {
  return readdirSync(site, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".html") && !name.startsWith("admin"))
    .map((name) => path.join(site, name));
}

/** The real size and type of an image file, as sharp reads it. */
async function imageFacts(
  file: string,
): Promise<{ width: number; height: number; type: string; bytes: number }> {
  const meta = await sharp(file).metadata();
  return {
    width: meta.width ?? 0,
    height: meta.height ?? 0,
    type: `image/${meta.format}`,
    bytes: statSync(file).size,
  };
}

/**
 * Google's Article structured data, for NewsArticle: headline, images (URLs or ImageObjects),
 * ISO 8601 dates with a time zone, and authors with a name (Google's documentation lists these as
 * the properties it reads; none may be malformed).
 */
const NEWS_ARTICLE = {
  type: "object",
  required: [
    "@context",
    "@type",
    "headline",
    "image",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
  ],
  properties: {
    "@context": { const: "https://schema.org" },
    "@type": { const: "NewsArticle" },
    headline: { type: "string", minLength: 1 },
    image: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["@type", "url", "width", "height"],
        properties: {
          "@type": { const: "ImageObject" },
          url: { type: "string", pattern: "^https://" },
          width: { type: "integer", minimum: 1 },
          height: { type: "integer", minimum: 1 },
        },
      },
    },
    datePublished: {
      type: "string",
      pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?(Z|[+-]\\d{2}:\\d{2})$",
    },
    dateModified: {
      type: "string",
      pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?(Z|[+-]\\d{2}:\\d{2})$",
    },
    author: {
      type: "object",
      required: ["@type", "name"],
      properties: {
        "@type": { enum: ["Person", "Organization"] },
        name: { type: "string", minLength: 1 },
        url: { type: "string", pattern: "^https://" },
      },
    },
    publisher: {
      type: "object",
      required: ["@type", "name"],
      properties: { name: { type: "string", minLength: 1 } },
    },
  },
} as const;

describe("the published site, as consumers read it", () => {
  const site = inject("siteDir");

  it("has a sitemap valid against the sitemaps.org schema", () => {
    const sitemap = path.join(site, "sitemap.xml");
    const index = readFileSync(sitemap, "utf8").includes("<sitemapindex");
    const result = xmllint(xsd(index ? "siteindex.xsd" : "sitemap.xsd"), sitemap);
    expect(result.ok, result.out).toBe(true);
  });

  it("has no News sitemap and no robots.txt line for it when no article is from the last two days", () => {
    expect(existsSync(path.join(site, "news-sitemap.xml"))).toBe(false);
    const robots = readFileSync(path.join(site, "robots.txt"), "utf8");
    expect(robots).toContain(`Sitemap: ${SITE_URL}/sitemap.xml`);
    expect(robots).not.toContain("news-sitemap");
  });

  it("gives every page an Open Graph image with its real type and size, and alt text", async () => {
    const pages = htmlPages(site);
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const { result, error } = await ogs({ html: readFileSync(page, "utf8") });
      expect(error, page).toBe(false);
      const [image] = result.ogImage ?? [];
      expect(image, page).toBeDefined();
      const facts = await imageFacts(fileOf(site, image?.url ?? ""));
      expect({ width: Number(image?.width), height: Number(image?.height), type: image?.type }, page).toEqual(
        {
          width: facts.width,
          height: facts.height,
          type: facts.type,
        },
      );
      expect(image?.alt, page).toMatch(/\p{L}/u);
      expect(result.twitterCard).toBe("summary_large_image");
      expect(result.twitterImage?.[0]?.url).toBe(image?.url);
      expect(result.twitterImage?.[0]?.alt, page).toBe(image?.alt);
    }
  });

  it("shares a 1200×630 card on the home and list pages, not the 1600×240 banner", async () => {
    for (const page of [
      "index.html",
      "chuyen-muc/xay-dung-dang/index.html",
      "the/index.html",
      "tim-kiem/index.html",
    ]) {
      const { result } = await ogs({ html: readFileSync(path.join(site, page), "utf8") });
      const url = result.ogImage?.[0]?.url ?? "";
      expect(url, page).toMatch(new RegExp(`^${SITE_URL}/img/site/anh-chia-se\\.[0-9a-f]{8}\\.jpg$`));
      expect(await imageFacts(fileOf(site, url))).toMatchObject({
        width: 1200,
        height: 630,
        type: "image/jpeg",
      });
    }
  });

  it("shares an article's own photo, with the photo's alt text", async () => {
    const html = readFileSync(path.join(site, "tin-tuc", SEED_SLUG, "index.html"), "utf8");
    const { result } = await ogs({ html });
    expect(result.ogImage?.[0]?.url).toBe(`${SITE_URL}/tin-tuc/${SEED_SLUG}/anh-chia-se.jpg`);
    expect(result.ogImage?.[0]?.alt).toMatch(/^Ảnh minh họa/);
  });

  it.each(["feed.xml", "atom.xml"])(
    "%s parses with feedparser; each enclosure's length is its file's size",
    async (name) => {
      const { meta, items } = await parseFeed(readFileSync(path.join(site, name), "utf8"));
      expect(meta.title).toBe(SITE_NAME);
      expect(items.length).toBeGreaterThan(0);
      const enclosures = items.flatMap((item) => item.enclosures);
      expect(enclosures.length).toBeGreaterThan(0);
      for (const enclosure of enclosures) {
        const facts = await imageFacts(fileOf(site, enclosure.url));
        expect(Number(enclosure.length)).toBe(facts.bytes);
        expect(enclosure.type).toBe(facts.type);
      }
    },
  );

  it("feed.json's attachments state each image's real type and size", async () => {
    const feed = JSON.parse(readFileSync(path.join(site, "feed.json"), "utf8")) as {
      items: { attachments?: { url: string; mime_type: string; size_in_bytes: number }[] }[];
    };
    const attachments = feed.items.flatMap((item) => item.attachments ?? []);
    expect(attachments.length).toBeGreaterThan(0);
    for (const attachment of attachments) {
      const facts = await imageFacts(fileOf(site, attachment.url));
      expect({ type: attachment.mime_type, bytes: attachment.size_in_bytes }).toEqual({
        type: facts.type,
        bytes: facts.bytes,
      });
    }
  });

  it("has NewsArticle JSON-LD Google can read, its images real and large enough, and no query-input", async () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(NEWS_ARTICLE);
    const html = readFileSync(path.join(site, "tin-tuc", SEED_SLUG, "index.html"), "utf8");
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map(
      (m) => JSON.parse(m[1] ?? "null") as Record<string, unknown>,
    );
    const news = blocks.find((b) => b["@type"] === "NewsArticle");
    expect(validate(news), JSON.stringify(validate.errors)).toBe(true);
    for (const image of (news?.image ?? []) as { url: string; width: number; height: number }[]) {
      const facts = await imageFacts(fileOf(site, image.url));
      expect({ width: image.width, height: image.height }).toEqual({
        width: facts.width,
        height: facts.height,
      });
      // Google asks for at least 50,000 pixels (width × height).
      expect(facts.width * facts.height).toBeGreaterThanOrEqual(50_000);
    }
    const home = readFileSync(path.join(site, "index.html"), "utf8");
    expect(home).toContain('"@type":"SearchAction"');
    expect(home).not.toContain("query-input");
  });
});

describe("a site with an article from the last hour", () => {
  let site = "";
  beforeAll(async () => {
    const content = makeContentDir();
    addSeed(content);
    writeArticle(
      content,
      "tin-moi-ra-quan-ve-sinh-moi-truong",
      articleMarkdown(
        {
          title: "Phú Ninh ra quân tổng vệ sinh môi trường & khơi thông cống rãnh",
          date: toVietnamISO(new Date(Date.now() - 3600_000)).slice(0, 19),
          author: "Ngô Mỹ",
          unit: "Huyện ủy Phú Ninh",
          category: "tin-tuc-su-kien",
        },
        "Cán bộ, đảng viên và Nhân dân các xã đồng loạt ra quân.",
      ),
    );
    const run = await runBuild(content);
    expect(run.code, run.stderr).toBe(0);
    site = run.output;
  }, 300_000);

  it("has a News sitemap valid against the sitemaps.org and Google News schemas, named in robots.txt", () => {
    const news = path.join(site, "news-sitemap.xml");
    const result = xmllint(xsd("news-sitemap.xsd"), news);
    expect(result.ok, result.out).toBe(true);
    expect(readFileSync(news, "utf8")).toContain("/tin-tuc/tin-moi-ra-quan-ve-sinh-moi-truong/");
    expect(readFileSync(path.join(site, "robots.txt"), "utf8")).toContain(
      `Sitemap: ${SITE_URL}/news-sitemap.xml`,
    );
  });

  it("shares the site's card for an article without a photo", async () => {
    const html = readFileSync(
      path.join(site, "tin-tuc", "tin-moi-ra-quan-ve-sinh-moi-truong", "index.html"),
      "utf8",
    );
    const { result } = await ogs({ html });
    expect(result.ogImage?.[0]).toMatchObject({ width: "1200", height: "630", type: "image/jpeg" });
    expect(result.ogImage?.[0]?.url).toMatch(/\/img\/site\/anh-chia-se\.[0-9a-f]{8}\.jpg$/);
    // And no share file of its own: the banner cropped to a band would only be a worse card.
    expect(
      existsSync(path.join(site, "tin-tuc", "tin-moi-ra-quan-ve-sinh-moi-truong", "anh-chia-se.jpg")),
    ).toBe(false);
  });
});

describe("the schemas themselves", () => {
  it("refuse an empty urlset, which is why the News sitemap is left out when empty", () => {
    const empty = path.join(import.meta.dirname, "..", "fixtures", "xsd", "empty-news-sitemap.xml");
    expect(xmllint(xsd("news-sitemap.xsd"), empty)).toMatchObject({ ok: false });
  });
});
