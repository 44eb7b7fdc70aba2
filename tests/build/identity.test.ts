/**
 * What every page of the real build says about the portal itself: an archive notice leading to the page
 * that explains it, navigation only to categories a reader finds articles in, one search landmark.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { SEED_SLUG } from "../support/fixture.ts";
import { textOf } from "../support/html.ts";

const siteDir = inject("siteDir");
const read = (url: string): string =>
  readFileSync(path.join(siteDir, url.endsWith("/") ? `${url}index.html` : url), "utf8");
const site = JSON.parse(readFileSync("content/_data/site.json", "utf8")) as {
  archiveNotice: string;
  archivePage: { title: string; paragraphs: string[] };
  categories: { slug: string; name: string }[];
};
const PAGES = [
  "/",
  `/tin-tuc/${SEED_SLUG}/`,
  "/chuyen-muc/kinh-te/",
  "/tim-kiem/",
  "/404.html",
  "/gioi-thieu/luu-tru/",
];

describe("the portal's own pages", () => {
  it("explains on /gioi-thieu/luu-tru/ why the portal is an archive, in the words of site.json", () => {
    const text = textOf(read("/gioi-thieu/luu-tru/"));
    expect(text).toContain(site.archivePage.title);
    for (const paragraph of site.archivePage.paragraphs) expect(text).toContain(paragraph);
  });

  it.each(PAGES)("%s opens with the archive notice, linked to that page", (url) => {
    const html = read(url);
    const bar = /<p class="archive-bar"><span>([^<]*)<\/span> <a href="([^"]*)"/.exec(html);
    expect(bar?.[1]).toBe(site.archiveNotice);
    expect(bar?.[2]).toBe("/gioi-thieu/luu-tru/");
    expect(html.indexOf("archive-bar")).toBeLessThan(html.indexOf("<main"));
  });

  it("links the navigation only to categories with articles, while every category keeps its page", () => {
    const nav = /<nav class="site-nav"[^]*?<\/nav>/.exec(read("/"))?.[0] ?? "";
    const links = [...nav.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    // The seed content has one article, in "Xây dựng Đảng".
    expect(links).toEqual(["/", "/chuyen-muc/xay-dung-dang/"]);
    for (const category of site.categories)
      expect(existsSync(path.join(siteDir, "chuyen-muc", category.slug, "index.html")), category.slug).toBe(
        true,
      );
  });

  it.each(PAGES)("%s has exactly one search landmark", (url) => {
    expect(read(url).match(/role="search"/g) ?? []).toHaveLength(1);
  });
});
