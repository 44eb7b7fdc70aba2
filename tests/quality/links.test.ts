/**
 * Gate: no broken internal reference anywhere in the built site. The checker's rules are pinned by
 * unit tests, proven able to fail on a broken fixture site, then run on the real build.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import {
  checkLinks,
  formatLinkProblems,
  matchesPath,
  scanCss,
  scanHtml,
  scanXml,
  srcsetUrls,
} from "../support/quality/links.ts";
import { listPages } from "../support/quality/pages.ts";

const siteUrl = (JSON.parse(readFileSync("content/_data/site.json", "utf8")) as { url: string }).url;

/**
 * Pages the shared layouts link to that other branches are building (home, category lists, search).
 * Each entry must go as soon as its page is in the build: the test below fails on a stale entry.
 */
const PENDING_PAGES: string[] = [];

function writeSite(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-links-"));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), body);
  }
  return root;
}

describe("srcsetUrls", () => {
  it("returns every candidate of a width-described srcset", () => {
    expect(srcsetUrls("/a-480.jpg 480w, /a-960.jpg 960w,/a-1600.jpg 1600w")).toEqual([
      "/a-480.jpg",
      "/a-960.jpg",
      "/a-1600.jpg",
    ]);
  });
  it("keeps a comma inside a URL and drops a trailing one", () => {
    expect(srcsetUrls("/a,b.jpg 1x, /c.jpg, /d.jpg 2x")).toEqual(["/a,b.jpg", "/c.jpg", "/d.jpg"]);
  });
});

describe("scanHtml", () => {
  it("finds href, src, srcset candidates, form actions and ids with their lines", () => {
    const { references, ids } = scanHtml(
      '<p id="a">x</p>\n<a href="/x/#a">x</a>\n<img src="/i.jpg" srcset="/i-1.jpg 1x, /i-2.jpg 2x" alt="">\n<form action="/tim-kiem/"></form><a name="old"></a>',
    );
    expect(references.map((r) => `${r.line} ${r.where} ${r.value}`)).toEqual([
      "2 a[href] /x/#a",
      "3 img[src] /i.jpg",
      "3 img[srcset] /i-1.jpg",
      "3 img[srcset] /i-2.jpg",
      "4 form[action] /tim-kiem/",
    ]);
    expect([...ids]).toEqual(["a", "old"]);
  });
});

describe("scanXml and scanCss", () => {
  it("finds the site's own URLs in a sitemap and in escaped HTML of a feed", () => {
    const xml =
      '<feed><link href="https://phuninh.gov.vn/"/><entry><content type="html">&lt;img src="https://phuninh.gov.vn/a.jpg"&gt;</content></entry><id>https://example.org/x</id></feed>';
    expect(scanXml(xml, "https://phuninh.gov.vn").map((r) => r.value)).toEqual([
      "https://phuninh.gov.vn/",
      "https://phuninh.gov.vn/a.jpg",
    ]);
  });
  it("finds the site's own URLs in JSON-LD, not a look-alike host", () => {
    const html =
      '<script type="application/ld+json">{"url":"https://phuninh.gov.vn/tin-tuc/a/","image":"https://phuninh.gov.vn.example/x.jpg"}</script>';
    expect(scanHtml(html, "https://phuninh.gov.vn").references.map((r) => `${r.where} ${r.value}`)).toEqual([
      "script[ld+json] https://phuninh.gov.vn/tin-tuc/a/",
    ]);
  });
  it("finds url() references in a stylesheet", () => {
    expect(scanCss('a{background:url("/x.png")} b{src:url(f.woff2)}').map((r) => r.value)).toEqual([
      "/x.png",
      "f.woff2",
    ]);
  });
});

describe("checkLinks on a deliberately broken site", () => {
  const root = writeSite({
    "index.html":
      '<h1 id="top">Trang chủ</h1>\n<a href="/tin-tuc/a/">ok</a> <a href="/tin-tuc/a/#muc-1">ok</a> <a href="#top">ok</a>\n' +
      '<a href="/khong-co/">broken</a> <a href="/tin-tuc/a/#khong-co">bad fragment</a>\n' +
      '<img src="/a.jpg" srcset="/a.jpg 1x, /a-2x.jpg 2x" alt="x"> <a href="https://example.org/none">external</a>' +
      ' <a href="mailto:a@b.vn">mail</a> <a href="https://phuninh.gov.vn/tin-tuc/a/">own absolute</a>',
    "tin-tuc/a/index.html": '<h2 id="muc-1">Mục 1</h2><a href="../../">up</a><a href="b.html">rel broken</a>',
    "a.jpg": "jpg",
    "sitemap.xml":
      "<urlset><url><loc>https://phuninh.gov.vn/tin-tuc/a/</loc></url><url><loc>https://phuninh.gov.vn/tin-tuc/mat/</loc></url></urlset>",
    "assets/site.css": "body{background:url(../khong-co.png)}",
  });
  const problems = checkLinks(root, { siteUrl });

  it("names each broken reference with its page, line and reason", () => {
    expect(formatLinkProblems(problems).split("\n")).toEqual([
      'assets/site.css:1 css url() "../khong-co.png": no file in the output for /khong-co.png',
      'index.html:3 a[href] "/khong-co/": no file in the output for /khong-co/',
      'index.html:3 a[href] "/tin-tuc/a/#khong-co": no element with id="khong-co" in tin-tuc/a/index.html',
      'index.html:4 img[srcset] "/a-2x.jpg": no file in the output for /a-2x.jpg',
      'sitemap.xml:1 xml <loc> "https://phuninh.gov.vn/tin-tuc/mat/": no file in the output for /tin-tuc/mat/',
      'tin-tuc/a/index.html:1 a[href] "b.html": no file in the output for /tin-tuc/a/b.html',
    ]);
  });
});

describe("matchesPath", () => {
  it("matches one segment per star", () => {
    expect(matchesPath("/chuyen-muc/kinh-te/", "/chuyen-muc/*/")).toBe(true);
    expect(matchesPath("/chuyen-muc/kinh-te/2/", "/chuyen-muc/*/")).toBe(false);
    expect(matchesPath("/", "/")).toBe(true);
  });
});

describe("links gate on the real build", () => {
  const siteDir = inject("siteDir");
  const problems = checkLinks(siteDir, { siteUrl });
  const pending = problems.filter((p) => PENDING_PAGES.some((pattern) => matchesPath(p.target, pattern)));

  it("has no broken internal reference (beyond pages still pending on other branches)", () => {
    if (pending.length > 0)
      console.warn(
        `links: ${pending.length} references to pages not built yet:\n${formatLinkProblems(pending)}`,
      );
    expect(formatLinkProblems(problems.filter((p) => !pending.includes(p)))).toBe("");
  });

  it("lists no pending page that the build now has", () => {
    const built = listPages(siteDir).map((page) => page.url);
    const stale = PENDING_PAGES.filter((pattern) => built.some((url) => matchesPath(url, pattern)));
    expect(stale, "remove these from PENDING_PAGES: the pages exist now").toEqual([]);
  });
});
