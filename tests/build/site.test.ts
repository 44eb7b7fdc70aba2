/**
 * The whole site built for real from the fixture set (tests/fixtures/site: 34 Vietnamese articles,
 * tone-placement variants, a draft, one dated 2099) plus one article dated an hour ago.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { decodeHTML } from "entities";
import { loadArticles } from "../../lib/content/load.ts";
import type { Article } from "../../lib/content/article.ts";
import { slugify } from "../../lib/text/slug.ts";
import { toVietnamISO, vietnamYear } from "../../lib/text/date.ts";
import {
  articleMarkdown,
  copyToTemp,
  fixturePath,
  runBuild,
  writeArticle,
  type BuildRun,
} from "../support/fixture.ts";

const fixtureDir = fixturePath("site");
const RECENT_SLUG = "tin-moi-dang-mot-gio-truoc";
const HIDDEN_MARKERS = [
  "Zyxwvutsrq",
  "Qwertyuiop",
  "ban-nhap-ke-hoach",
  "tin-hen-gio-dang",
  "Bảnnháp",
  "Tươnglai",
  "2099",
];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

let run: BuildRun;
let published: Article[];
let hidden: Article[];
const read = (url: string): string =>
  readFileSync(path.join(run.output, url.endsWith("/") ? `${url}index.html` : url), "utf8");
const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ["item", "entry", "url"].includes(name),
});

/** Article URLs listed on every page of a paginated list, following rel="next". */
function listed(firstUrl: string): string[] {
  const urls: string[] = [];
  let url: string | undefined = firstUrl;
  const seen = new Set<string>();
  while (url && !seen.has(url)) {
    seen.add(url);
    const html = read(url);
    for (const m of html.matchAll(/class="card-title"><a href="([^"]+)"/g)) urls.push(m[1] as string);
    url = /<a href="([^"]+)" rel="next">/.exec(html)?.[1];
  }
  return urls;
}

function expectEachOnce(list: readonly string[], expected: readonly Article[]): void {
  expect([...list].sort()).toEqual(expected.map((a) => a.url).sort());
}

let contentDir: string;

beforeAll(async () => {
  const content = copyToTemp(fixtureDir);
  contentDir = content;
  const recent = new Date(Date.now() - 3600_000);
  writeArticle(
    content,
    RECENT_SLUG,
    articleMarkdown(
      {
        title: "Phú Ninh ra quân tổng vệ sinh môi trường",
        date: toVietnamISO(recent).slice(0, 19),
        author: "Ngô Mỹ",
        unit: "Huyện ủy Phú Ninh",
        category: "tin-tuc-su-kien",
        tags: ["môi trường"],
      },
      "Cán bộ, đảng viên và Nhân dân các xã, thị trấn đồng loạt ra quân tổng vệ sinh môi trường.",
    ),
  );
  run = await runBuild(content);
  expect(run.code, run.stderr).toBe(0);
  const all = loadArticles(content).articles;
  published = all.filter((a) => !a.draft && a.date.instant.getTime() <= Date.now());
  hidden = all.filter((a) => !published.includes(a));
}, 300_000);

describe("the fixture", () => {
  it("has at least 30 published articles, a draft and a future one", () => {
    expect(published.length).toBeGreaterThanOrEqual(30);
    expect(hidden.map((a) => a.slug).sort()).toEqual([
      "ban-nhap-ke-hoach-chua-cong-bo",
      "tin-hen-gio-dang-nam-hai-nghin-chin-muoi-chin",
    ]);
  });
});

describe("lists", () => {
  it("list every article exactly once in its category, across pages", () => {
    const categories = new Set(published.map((a) => a.category.slug));
    for (const slug of categories) {
      expectEachOnce(
        listed(`/chuyen-muc/${slug}/`),
        published.filter((a) => a.category.slug === slug),
      );
    }
    expect(listed("/chuyen-muc/xay-dung-dang/").length).toBeGreaterThan(20);
  });

  it("list every article exactly once on each of its tag, author, unit and year pages", () => {
    const lists = new Map<string, Set<Article>>();
    const add = (url: string, a: Article): void => {
      lists.set(url, (lists.get(url) ?? new Set()).add(a));
    };
    for (const a of published) {
      for (const tag of a.tags) add(`/the/${slugify(tag)}/`, a);
      add(`/tac-gia/${slugify(a.author)}/`, a);
      add(`/don-vi/${slugify(a.unit)}/`, a);
      add(`/nam/${vietnamYear(a.date.instant)}/`, a);
    }
    for (const [url, expected] of lists) expectEachOnce(listed(url), [...expected]);
  });

  it("put both tone placements of a tag, an author and a unit on one page with one display form", () => {
    const tags = readdirSync(path.join(run.output, "the"));
    expect(tags).toContain("hoa-giai");
    const hoaGiai = published.filter((a) => a.tags.some((t) => slugify(t) === "hoa-giai"));
    expect(new Set(hoaGiai.flatMap((a) => a.tags.filter((t) => slugify(t) === "hoa-giai")))).toEqual(
      new Set(["hoà giải", "hòa giải"]),
    );
    expect(read("/the/hoa-giai/")).toContain('<h1 class="list-title">Thẻ: hòa giải');
    expect(read("/don-vi/huyen-uy-phu-ninh/")).toContain("Đơn vị: Huyện ủy Phú Ninh");
    expect(read("/tac-gia/nguyen-thi-thuy/")).toContain("Tác giả: Nguyễn Thị Thúy");
    expect(readdirSync(path.join(run.output, "don-vi")).filter((d) => d.startsWith("huyen-uy"))).toEqual([
      "huyen-uy-phu-ninh",
    ]);
  });

  it("sort the tag index in Vietnamese order and say 'Trang 2 / 2' on a second page", () => {
    const index = read("/the/");
    const names = [...index.matchAll(/<li><a href="\/the\/[^"]+\/">([^<]+)<\/a>/g)].map(
      (m) => m[1] as string,
    );
    expect(names).toEqual([...names].sort(new Intl.Collator("vi").compare));
    expect(names.indexOf("đào tạo")).toBeGreaterThan(names.indexOf("dân vận"));
    const second = read("/chuyen-muc/xay-dung-dang/trang/2/");
    expect(second).toContain("Trang 2 / 2");
    expect(second).toMatch(/<nav class="pagination" aria-label="Phân trang">/);
    expect(second).toMatch(/<a href="\/chuyen-muc\/xay-dung-dang\/trang\/2\/" aria-current="page"/);
    expect(second).toContain('<a href="/chuyen-muc/xay-dung-dang/" rel="prev">');
  });

  it("have internal links that all resolve to a file (pagination included)", () => {
    const broken: string[] = [];
    for (const file of walk(run.output).filter((f) => f.endsWith(".html"))) {
      const html = readFileSync(file, "utf8");
      for (const m of html.matchAll(/(?:href|src)="(\/[^"#?]*)/g)) {
        const url = m[1] as string;
        if (url.startsWith("/tim-kiem/")) continue; // the search page is built by the search module
        const target = path.join(run.output, url.endsWith("/") ? `${url}index.html` : url);
        if (!existsSync(target)) broken.push(`${path.relative(run.output, file)} → ${url}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe("drafts and future articles", () => {
  it("appear nowhere in the output", () => {
    const leaks: string[] = [];
    for (const file of walk(run.output)) {
      if (/\.(png|jpe?g|webp|avif)$/.test(file)) continue;
      // Pagefind's library files are code ("date not in range 1980-2099"); its index files are gzip.
      if (/[/\\]pagefind[/\\](pagefind[^/\\]*\.(js|css)|[^/\\]*\.pagefind)$/.test(file)) continue;
      const bytes = readFileSync(file);
      const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString("utf8");
      for (const marker of HIDDEN_MARKERS)
        if (text.includes(marker)) leaks.push(`${path.relative(run.output, file)}: ${marker}`);
    }
    expect(leaks).toEqual([]);
  });
});

describe("feeds and sitemaps", () => {
  it("sitemap.xml lists every page once, every published article included, with +07:00 lastmod", () => {
    const xml = read("/sitemap.xml");
    expect(XMLValidator.validate(xml)).toBe(true);
    const urls = parser.parse(xml).urlset.url as { loc: string; lastmod: string }[];
    const locs = urls.map((u) => u.loc);
    expect(new Set(locs).size).toBe(locs.length);
    for (const a of published)
      expect(locs.filter((l) => l === `https://phuninh.gov.vn${a.url}`)).toHaveLength(1);
    for (const u of urls) {
      expect(u.lastmod).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
      const local = new URL(u.loc).pathname;
      expect(existsSync(path.join(run.output, local, "index.html")), local).toBe(true);
    }
  });

  it("past the per-file limit, sitemap.xml becomes an index of parts that list the same pages", async () => {
    // The protocol's limit is 50,000 URLs; a limit of 20 splits this fixture the same way.
    const copy = copyToTemp(contentDir);
    const split = await runBuild(copy, { PORTAL_SITEMAP_LIMIT: "20" });
    expect(split.code, split.stderr).toBe(0);
    const readSplit = (url: string): string => readFileSync(path.join(split.output, url), "utf8");
    const index = readSplit("/sitemap.xml");
    expect(XMLValidator.validate(index)).toBe(true);
    const sitemaps = new XMLParser({ isArray: (name) => name === "sitemap" }).parse(index).sitemapindex
      .sitemap as { loc: string; lastmod: string }[];
    const whole = (parser.parse(read("/sitemap.xml")).urlset.url as { loc: string }[]).map((u) => u.loc);
    expect(sitemaps.map((s) => s.loc)).toEqual(
      Array.from(
        { length: Math.ceil(whole.length / 20) },
        (_, i) => `https://phuninh.gov.vn/sitemap-${i + 1}.xml`,
      ),
    );
    const listedInParts = sitemaps.flatMap((s) => {
      const xml = readSplit(new URL(s.loc).pathname);
      expect(XMLValidator.validate(xml)).toBe(true);
      const urls = parser.parse(xml).urlset.url as { loc: string; lastmod: string }[];
      expect(urls.length).toBeLessThanOrEqual(20);
      expect(s.lastmod).toBe(
        urls
          .map((u) => u.lastmod)
          .sort()
          .at(-1),
      );
      return urls.map((u) => u.loc);
    });
    expect(listedInParts).toEqual(whole);
  });

  it("news-sitemap.xml holds only the last two days' article", () => {
    const xml = read("/news-sitemap.xml");
    expect(XMLValidator.validate(xml)).toBe(true);
    const urls = parser.parse(xml).urlset.url as Record<string, unknown>[];
    expect(urls.map((u) => u.loc)).toEqual([`https://phuninh.gov.vn/tin-tuc/${RECENT_SLUG}/`]);
    expect(urls[0]?.["news:news"]).toMatchObject({
      "news:publication": { "news:name": "Phuninh.gov.vn", "news:language": "vi" },
      "news:title": "Phú Ninh ra quân tổng vệ sinh môi trường",
    });
  });

  it("robots.txt points at both sitemaps", () => {
    const robots = read("/robots.txt");
    expect(robots).toContain("Sitemap: https://phuninh.gov.vn/sitemap.xml");
    expect(robots).toContain("Sitemap: https://phuninh.gov.vn/news-sitemap.xml");
  });

  it("the RSS feed has the required channel and item elements and each recent article once", () => {
    const xml = read("/feed.xml");
    expect(XMLValidator.validate(xml)).toBe(true);
    const channel = parser.parse(xml).rss.channel;
    expect(channel).toMatchObject({
      title: expect.any(String),
      link: "https://phuninh.gov.vn/",
      description: expect.any(String),
    });
    const links = (channel.item as Record<string, string>[]).map((i) => {
      expect(i).toMatchObject({
        title: expect.any(String),
        guid: expect.anything(),
        pubDate: expect.any(String),
      });
      expect(i.pubDate).toMatch(/\+0700$/);
      return i.link;
    });
    expect(links.sort()).toEqual(
      published
        .slice(0, 50)
        .map((a) => `https://phuninh.gov.vn${a.url}`)
        .sort(),
    );
    expect(xml).toContain('<enclosure url="https://phuninh.gov.vn/tin-tuc/');
  });

  it("the Atom feed has id, title, updated and author, and each category has its own feeds", () => {
    const feed = parser.parse(read("/atom.xml")).feed;
    expect(feed).toMatchObject({
      id: expect.any(String),
      title: expect.anything(),
      updated: expect.any(String),
      author: expect.anything(),
    });
    for (const entry of feed.entry)
      expect(entry).toMatchObject({
        id: expect.any(String),
        title: expect.anything(),
        updated: expect.any(String),
        published: expect.any(String),
      });
    expect(feed.entry).toHaveLength(published.length);
    for (const slug of new Set(published.map((a) => a.category.slug))) {
      const rss = read(`/chuyen-muc/${slug}/feed.xml`);
      const atom = read(`/chuyen-muc/${slug}/atom.xml`);
      expect(XMLValidator.validate(rss)).toBe(true);
      expect(XMLValidator.validate(atom)).toBe(true);
      const items = parser.parse(rss).rss.channel.item as { link: string }[];
      expect(items.map((i) => i.link).sort()).toEqual(
        published
          .filter((a) => a.category.slug === slug)
          .map((a) => `https://phuninh.gov.vn${a.url}`)
          .sort(),
      );
    }
    expect(JSON.parse(read("/feed.json")).items).toHaveLength(published.length);
  });
});

describe("metadata", () => {
  const jsonLd = (html: string): Record<string, unknown>[] =>
    [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) =>
      JSON.parse(m[1] as string),
    );

  it("every article has NewsArticle and BreadcrumbList JSON-LD, Open Graph and Dublin Core", () => {
    for (const a of published) {
      const html = read(a.url);
      const [news, crumbs] = jsonLd(html);
      expect(news).toMatchObject({
        "@type": "NewsArticle",
        headline: a.title,
        datePublished: toVietnamISO(a.date.instant),
        author: { "@type": "Person", name: a.author },
        publisher: { "@type": "GovernmentOrganization", logo: { "@type": "ImageObject" } },
        mainEntityOfPage: { "@id": `https://phuninh.gov.vn${a.url}` },
        inLanguage: "vi",
      });
      expect(news?.dateModified).toMatch(/\+07:00$/);
      expect(crumbs?.["@type"]).toBe("BreadcrumbList");
      // One trail: the reader sees what search engines read, the article itself last and unlinked.
      const nav = /<nav class="breadcrumb"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "";
      const visible = [...nav.matchAll(/<li( aria-current="page")?>(?:<a href="([^"]*)">)?([^<]*)/g)].map(
        ([, current, href, name]) => ({ current: Boolean(current), href, name: decodeHTML(name as string) }),
      );
      const items = (crumbs?.itemListElement ?? []) as { name: string; item: string }[];
      expect(visible.map((c) => c.name)).toEqual(items.map((c) => c.name));
      expect(visible.at(-1)).toEqual({ current: true, href: undefined, name: a.title });
      expect(visible.slice(0, -1).map((c) => `https://phuninh.gov.vn${c.href}`)).toEqual(
        items.slice(0, -1).map((c) => c.item),
      );
      expect(html).toContain(`<link rel="canonical" href="https://phuninh.gov.vn${a.url}">`);
      for (const p of [
        "og:title",
        "og:description",
        "og:url",
        "og:image",
        "og:type",
        "og:locale",
        "article:published_time",
        "article:section",
      ])
        expect(html, `${a.url} ${p}`).toContain(`<meta property="${p}"`);
      for (const n of [
        "DC.title",
        "DC.creator",
        "DC.date",
        "DC.description",
        "DC.publisher",
        "DC.identifier",
        "DC.language",
      ])
        expect(html, `${a.url} ${n}`).toContain(`<meta name="${n}"`);
      expect(html).toContain('<meta name="twitter:card"');
      expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    }
  });

  it("a </script> in a title neither ends the JSON-LD block nor injects markup", () => {
    const a = published.find((x) => x.title.includes("</script>"));
    expect(a, "the fixture's article with </script> in its title").toBeDefined();
    const html = read(a?.url ?? "");
    expect(html).not.toContain("<script>alert(1)");
    expect(jsonLd(html)[0]?.headline).toBe(a?.title);
  });

  it("the home page has WebSite with a SearchAction, and every list page has a title, description and canonical", () => {
    const home = jsonLd(read("/")).find((x) => x["@type"] === "WebSite");
    expect(JSON.stringify(home)).toContain("https://phuninh.gov.vn/tim-kiem/?q={search_term_string}");
    for (const url of [
      "/",
      "/chuyen-muc/kinh-te/",
      "/the/",
      "/chuyen-muc/xay-dung-dang/trang/2/",
      "/404.html",
    ]) {
      const html = read(url);
      expect(html).toMatch(/<title>[^<]+<\/title>/);
      expect(html).toMatch(/<meta name="description" content="[^"]+">/);
      expect(html).toContain(`<link rel="canonical" href="https://phuninh.gov.vn${url}">`);
    }
  });

  it("the 404 page is Vietnamese and has a search box", () => {
    const html = read("/404.html");
    expect(html).toContain("Không tìm thấy trang");
    expect(html).toMatch(/<form[^>]+action="\/tim-kiem\/" method="get"/);
    expect(html).toContain('name="q"');
  });
});

describe("article links", () => {
  it("link tags, show related articles, previous/next and share links", () => {
    const a = published.find((x) => x.tags.includes("hoà giải"));
    const html = read(a?.url ?? "");
    expect(html).toContain('<a href="/the/hoa-giai/" rel="tag">hòa giải</a>');
    expect(html).toContain("Tin liên quan");
    expect(html).toMatch(/rel="prev">|rel="next">/);
    expect(html).toContain(
      `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(`https://phuninh.gov.vn${a?.url}`)}`,
    );
    expect(html).toContain("https://sp.zalo.me/share_to_zalo?url=");
    expect(html).toMatch(/<div class="article-tools no-print" data-article-tools hidden>/);
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });
});

describe("a broken site does not build", () => {
  // Content is never a template (docs/content-boundary.md), so no file there can claim a page's address.
  it("refuses a template in content/ that would take a page's address, naming it", async () => {
    const content = copyToTemp(fixtureDir);
    writeFileSync(path.join(content, "trung-lap.njk"), "---\npermalink: /the/\n---\nTrùng địa chỉ");
    const failed = await runBuild(content);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/trung-lap\.njk:1 +\[lỗi\]/);
    expect(existsSync(failed.output)).toBe(false);
  });

  it("gives two different tags that fold to one slug two pages, the older name keeping the plain URL", async () => {
    const content = copyToTemp(fixtureDir);
    const fields = { author: "Ngô Mỹ", unit: "Huyện ủy Phú Ninh", category: "kinh-te" };
    writeArticle(
      content,
      "bai-hoa",
      articleMarkdown({ ...fields, date: "2024-05-01", title: "Bài về hòa", tags: ["hòa"] }),
    );
    writeArticle(
      content,
      "bai-hoa-hoc",
      articleMarkdown({ ...fields, date: "2024-05-02", title: "Bài về hóa", tags: ["hóa"] }),
    );
    const run = await runBuild(content);
    expect(run.code, run.stderr).toBe(0);
    const page = (url: string) => readFileSync(path.join(run.output, url, "index.html"), "utf8");
    expect(page("/the/hoa/")).toContain("Bài về hòa");
    expect(page("/the/hoa-2/")).toContain("Bài về hóa");
  });
});
