/**
 * Search of a large archive, recent years first (lib/search/tiers.ts): the 31 search fixture articles
 * built with a recent bundle of at most 17 pages, so 2022–2025 (17 articles) are searched first and
 * 2018–2021 (14) only when the reader asks, when the recent ones hold less than a page of results, or
 * when a year filter reaches into the archive.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  allResults,
  recordErrors,
  searchPageForTests,
  shownResults,
  shownYears,
} from "../support/search-page.ts";

const search = searchPageForTests({ PORTAL_SEARCH_PART_PAGES: "7", PORTAL_SEARCH_RECENT_PAGES: "17" });
const { errors } = search;

/** A fresh browser context (empty HTTP cache) on the search page, recording what it requests. */
async function fresh(): Promise<{ context: BrowserContext; page: Page; requested: string[] }> {
  const context = await search.browser.newContext();
  const page = await context.newPage();
  const requested: string[] = [];
  page.on("request", (request) => requested.push(new URL(request.url()).pathname));
  recordErrors(page, errors);
  return { context, page, requested };
}

const fromArchive = (requested: string[]): string[] =>
  requested.filter((p) => p.startsWith("/pagefind/luu-tru/"));

describe("search of the recent years first", () => {
  it("writes the recent bundle, the archive beside it, and which years each holds", () => {
    const output = search.site.build.output;
    const tiers = JSON.parse(readFileSync(path.join(output, "pagefind", "tiers.json"), "utf8"));
    expect(tiers).toEqual({
      recent: { from: "2022-01", to: "2025-12", pages: 17 },
      archive: { from: "2018-01", to: "2021-12", pages: 14, path: "luu-tru/" },
    });
    const entry = (folder: string) =>
      JSON.parse(readFileSync(path.join(output, "pagefind", folder, "pagefind-entry.json"), "utf8"));
    expect(entry("").languages.vi.page_count).toBe(17);
    expect(entry("luu-tru").languages.vi.page_count).toBe(14);
  });

  it("answers a common query from the recent years alone, and the older years on request", async () => {
    const { context, page, requested } = await fresh();
    try {
      await page.goto(`${search.site.base}/tim-kiem/?q=huyen`);
      const recent = await allResults(page);
      await page.waitForLoadState("networkidle");
      expect(recent.status).toMatch(/^Tìm thấy \d+ kết quả cho “huyen” trong các năm 2022–2025$/);
      expect(recent.slugs.length).toBeGreaterThanOrEqual(10);
      expect((await shownYears(page)).every((year) => year >= 2022)).toBe(true);
      expect(requested.some((p) => p.endsWith(".pf_index"))).toBe(true);
      expect(fromArchive(requested)).toEqual([]);
      const button = page.locator("[data-search-archive]");
      expect(await button.textContent()).toBe("Tìm cả trong các năm 2018–2021");

      await button.click();
      await page.waitForFunction(
        () => !document.querySelector("[data-search-status]")?.textContent?.includes("các năm"),
      );
      const all = await allResults(page);
      expect(all.status).toMatch(/^Tìm thấy \d+ kết quả cho “huyen”$/);
      expect(all.slugs.length).toBeGreaterThan(recent.slugs.length);
      expect((await shownYears(page)).some((year) => year <= 2021)).toBe(true);
      expect(fromArchive(requested).some((p) => p.endsWith(".pf_index"))).toBe(true);
      expect(await button.isHidden()).toBe(true);
      expect(new URL(page.url()).searchParams.get("scope")).toBe("all");
      // Keyboard and screen-reader users land on the first result of the new list.
      expect(await page.evaluate(() => document.activeElement?.closest(".search-result") !== null)).toBe(
        true,
      );
    } finally {
      await context.close();
    }
  });

  it("searches the older years at once when the recent ones hold too few results", async () => {
    const { context, page, requested } = await fresh();
    try {
      await page.goto(`${search.site.base}/tim-kiem/?q=${encodeURIComponent("điện mặt trời")}`);
      const { status, slugs } = await shownResults(page);
      expect(slugs[0]).toBe("dien-mat-troi-ap-mai");
      expect(status).toMatch(/^Tìm thấy \d+ kết quả cho “điện mặt trời”$/);
      expect(fromArchive(requested).length).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it("keeps a year filter and the newest-first order across both bundles", async () => {
    const { context, page } = await fresh();
    try {
      await page.goto(`${search.site.base}/tim-kiem/?q=huyen&year=2019`);
      await shownResults(page);
      const years = await shownYears(page);
      expect(years.length).toBeGreaterThan(0);
      expect(years.every((year) => year === 2019)).toBe(true);

      await page.goto(`${search.site.base}/tim-kiem/?q=huyen&sort=newest&scope=all`);
      await allResults(page);
      const dates = await page.$$eval(".search-date", (items) =>
        items.map((p) => (p.textContent ?? "").replace(/^.*?(\d\d)\/(\d\d)\/(\d{4}).*$/, "$3$2$1")),
      );
      expect(dates.some((date) => date < "2022")).toBe(true);
      expect(dates).toEqual([...dates].sort().reverse());
    } finally {
      await context.close();
    }
  });

  it("logged no console or CSP errors", () => {
    expect(errors).toEqual([]);
  });
});
