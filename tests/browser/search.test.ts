/**
 * Search as a reader uses it: the fixture site built for real, served with the strict CSP the portal
 * ships, and queries typed into /tim-kiem/ in Debian's Chromium.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { projectDir } from "../../lib/build.ts";
import { bundleSummary } from "../support/pagefind-bundle.ts";
import {
  allResults,
  openQuery,
  searchFixtures as fixtures,
  searchPageForTests,
  shownResults,
  type Shown,
} from "../support/search-page.ts";

const relevance = JSON.parse(readFileSync(path.join(fixtures, "search-relevance.json"), "utf8")) as {
  query: string;
  first: string;
}[];

// Two lanes: the 31 articles of 24 quarters are indexed in 24 partial indexes and merged, so every
// query, filter and sort below runs on a merged index, as on a large archive.
const search = searchPageForTests({ PORTAL_SEARCH_LANES: "2" });
const { errors } = search;
let browser: Browser;
let page: Page;
let base: string;
beforeAll(() => {
  ({ browser, page } = search);
  base = search.site.base;
});

it("indexes the 31 articles in the partial indexes of their quarters over two lanes, into one bundle with no archive", () => {
  const { build } = search.site;
  expect(build.counts).toMatchObject({ "search pages": 31, "search parts": 24, "search lanes": 2 });
  expect(build.stderr).not.toMatch(/Error/);
  // Every year fits the recent bundle: one bundle, no archive to ask for.
  const bundle = bundleSummary(path.join(build.output, "pagefind"));
  expect(bundle.pages).toBe(31);
  expect(bundle.tiers.archive).toBeNull();
});

const shown = (): Promise<Shown> => shownResults(page);
const marks = (): Promise<string[]> =>
  page.$$eval(".search-result mark", (items) => items.map((m) => (m.textContent ?? "").toLowerCase()));
const everything = (): Promise<Shown> => allResults(page);

const open = (query: string, params = ""): Promise<Shown> => openQuery(page, base, query, params);

describe("search page", () => {
  it("finds “cán bộ” for “can bo”, with the phrase first and no bồi/bốn noise", async () => {
    const { status, slugs } = await open("can bo");
    expect(status).toMatch(/^Tìm thấy \d+ kết quả cho “can bo”$/);
    expect(slugs).not.toContain("boi-dap-niem-tin-bon-xa");
    const marks = await page.$$eval(".search-result:first-child mark", (m) =>
      m.map((e) => e.textContent?.toLowerCase()),
    );
    expect(marks).toContain("cán");
    expect(marks).toContain("bộ");
  });

  it("treats “CÁN BỘ” and an NFD-typed “cán bộ” as “cán bộ”", async () => {
    const lower = await open("cán bộ");
    expect((await open("CÁN BỘ")).slugs).toEqual(lower.slugs);
    const nfd = await open("cán bộ".normalize("NFD"));
    expect(nfd.slugs).toEqual(lower.slugs);
    expect(nfd.status).toContain("“cán bộ”");
  });

  it("finds the article that only says “Đảng ủy” for “dang uy”", async () => {
    const { slugs } = await open("dang uy");
    expect(slugs[0]).toBe("hoi-nghi-dang-uy-xa-tam-thanh");
    const marks = await page.$$eval(".search-result:first-child mark", (m) => m.map((e) => e.textContent));
    expect(marks).toContain("Đảng");
  });

  it("finds “Đảng ủy” typed with đ too, and never shows the index's ḏ", async () => {
    const { slugs } = await open("Đảng ủy");
    expect(slugs[0]).toBe("hoi-nghi-dang-uy-xa-tam-thanh");
    const text = await page.$eval("[data-search-results]", (list) => list.textContent ?? "");
    expect(text).toContain("Đảng ủy");
    expect(text).not.toMatch(/[ḏḎ]/);
  });

  it("ranks the phrase “đào tạo” above an article with only “tạo” for “dao tao”", async () => {
    await open("dao tao");
    const { slugs } = await everything();
    const tao = slugs.indexOf("tao-dieu-kien-cho-du-khach");
    expect(tao).toBeGreaterThan(0);
    expect(slugs.indexOf("dao-tao-nghe-cho-lao-dong-nong-thon")).toBeLessThan(tao);
    expect(slugs.slice(0, tao).length).toBeGreaterThan(3);
  });

  it("finds Phú Ninh lake with and without diacritics", async () => {
    expect((await open("Phú Ninh")).slugs).toContain("du-lich-ho-phu-ninh");
    expect((await open("phu ninh")).slugs).toContain("du-lich-ho-phu-ninh");
  });

  it("narrows the results with a filter and keeps it in the URL", async () => {
    const all = await open("can bo");
    await page.selectOption("[data-filter=category]", "Chính quyền");
    await page.waitForFunction(
      (before) => document.querySelector("[data-search-status]")?.textContent !== before,
      all.status,
    );
    const narrowed = await shown();
    expect(narrowed.slugs.length).toBeGreaterThan(0);
    expect(narrowed.slugs.length).toBeLessThan(all.slugs.length);
    expect(new URL(page.url()).searchParams.get("category")).toBe("Chính quyền");
    await page.goBack();
    await page.waitForFunction(
      () => (document.querySelector("[data-filter=category]") as HTMLSelectElement).value === "",
    );
  });

  it("sorts by newest on request", async () => {
    await open("can bo", "&sort=newest");
    const dates = await page.$$eval(".search-date", (items) =>
      items.map((p) => (p.textContent ?? "").replace(/^.*?(\d\d)\/(\d\d)\/(\d{4}).*$/, "$3$2$1")),
    );
    expect(dates.length).toBeGreaterThan(2);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(await page.inputValue("[data-search-sort]")).toBe("newest");
  });

  it("moves focus to the first new result after “Xem thêm kết quả”", async () => {
    await open("can bo");
    await page.click("[data-search-more]");
    // The position (from 1) of the result holding the focus; 0 when none does.
    const focused = (): Promise<number> =>
      page.evaluate(
        () =>
          Array.from(document.querySelectorAll(".search-result")).findIndex((result) =>
            result.contains(document.activeElement),
          ) + 1,
      );
    await expect.poll(focused).toBe(11);
  });

  it("shows results as the reader types, and says so in Vietnamese when nothing matches", async () => {
    await page.goto(`${base}/tim-kiem/`);
    await page.waitForSelector("[data-search][data-ready]");
    await page.fill("[data-search-input]", "tiem chung");
    const typed = await shown();
    expect(typed.slugs[0]).toBe("tiem-chung-mo-rong-cho-tre-em");
    expect(new URL(page.url()).searchParams.get("q")).toBe("tiem chung");
    const none = await open("xyzabc khong co");
    expect(none.slugs).toEqual([]);
    // Regression: the tip told readers to type diacritics, which they need not.
    expect(none.status).toBe(
      "Không tìm thấy kết quả nào cho “xyzabc khong co”. Hãy thử gõ ít từ hơn hoặc dùng từ khác.",
    );
  });

  // Regression: "đào tạo cán bộ" lit up "đạo" (of "lãnh đạo", "chỉ đạo") as well as "đào".
  it("highlights the words with the diacritics the reader typed, and only those", async () => {
    await open("đào tạo cán bộ");
    const typed = await marks();
    expect(typed).toContain("đào");
    expect(typed).not.toContain("đạo");
    await open("dao tao can bo");
    expect(await marks()).toContain("đào");
  });

  it("shows excerpts of the article's text, never its date line", async () => {
    await open("can bo");
    const results = await page.$$eval(".search-result", (items) =>
      items.map((item) => ({
        date: item.querySelector(".search-date")?.textContent ?? "",
        excerpt: item.querySelector(".search-excerpt")?.textContent ?? "",
      })),
    );
    expect(results.length).toBeGreaterThan(5);
    for (const { date, excerpt } of results) {
      expect(excerpt).not.toContain(date.split(",")[1]!.trim());
      expect(excerpt).not.toMatch(/^(… )?(Thứ|Chủ Nhật)/);
    }
  });

  it("keeps only the results holding a quoted phrase, folded when typed without diacritics", async () => {
    await open("dao tao");
    const loose = (await everything()).slugs;
    expect(loose).toContain("tao-dieu-kien-cho-du-khach");
    await open('"dao tao"');
    const quoted = (await everything()).slugs;
    expect(quoted).not.toContain("tao-dieu-kien-cho-du-khach");
    expect(quoted).toContain("dao-tao-nghe-cho-lao-dong-nong-thon");
    expect(await marks()).not.toContain("tạo điều");
  });

  it("matches a quoted phrase typed with diacritics exactly", async () => {
    expect((await open("“đào tạo nghề”")).slugs[0]).toBe("dao-tao-nghe-cho-lao-dong-nong-thon");
    const wrong = await open("“đạo tạo”");
    expect(wrong.slugs).toEqual([]);
    expect(wrong.status).toMatch(/bỏ dấu ngoặc kép/);
  });

  it("has one search landmark, and the header box shows and runs the page's query", async () => {
    await open("can bo");
    expect(await page.locator("[role=search], search").count()).toBe(1);
    expect(await page.inputValue("#q-header")).toBe("can bo");
    await page.fill("[data-search-input]", "tiem chung");
    await page.waitForFunction(() =>
      /tiem chung/.test(document.querySelector("[data-search-status]")?.textContent ?? ""),
    );
    expect(await page.inputValue("#q-header")).toBe("tiem chung");
    await page.fill("#q-header", "phu ninh");
    await page.press("#q-header", "Enter");
    await page.waitForFunction(() =>
      /phu ninh/.test(document.querySelector("[data-search-status]")?.textContent ?? ""),
    );
    expect(await page.inputValue("[data-search-input]")).toBe("phu ninh");
    expect(new URL(page.url()).searchParams.get("q")).toBe("phu ninh");
  });

  it("downloads no filter data for a typed query until a filter is used, then filters", async () => {
    // A fresh context: nothing of Pagefind's in the HTTP cache from the tests above.
    const context = await browser.newContext();
    const fresh = await context.newPage();
    const requested: string[] = [];
    fresh.on("request", (request) => requested.push(new URL(request.url()).pathname));
    fresh.on("pageerror", (error) => errors.push(error.message));
    const filterRequests = (): string[] => requested.filter((p) => p.endsWith(".pf_filter"));
    try {
      await fresh.goto(`${base}/tim-kiem/`);
      await fresh.waitForSelector("[data-search][data-ready]");
      await fresh.fill("[data-search-input]", "can bo");
      await fresh.waitForSelector(".search-result");
      await fresh.waitForLoadState("networkidle");
      const status = (await fresh.textContent("[data-search-status]")) ?? "";
      expect(status).toMatch(/^Tìm thấy \d+ kết quả/);
      // The query did load the index, so a missing filter request is not a missing search.
      expect(requested.some((p) => p.endsWith(".pf_index"))).toBe(true);
      expect(filterRequests()).toEqual([]);
      const before = await fresh.locator(".search-result").count();

      await fresh.selectOption("[data-filter=category]", "Chính quyền");
      await fresh.waitForFunction(
        (previous) => document.querySelector("[data-search-status]")?.textContent !== previous,
        status,
      );
      expect(filterRequests().length).toBeGreaterThan(0);
      const narrowed = await fresh.$$eval(".search-result", (items) => items.length);
      expect(narrowed).toBeGreaterThan(0);
      expect(narrowed).toBeLessThanOrEqual(before);
      expect(await fresh.textContent("[data-search-status]")).toMatch(/^Tìm thấy \d+ kết quả/);
      expect(new URL(fresh.url()).searchParams.get("category")).toBe("Chính quyền");
    } finally {
      await context.close();
    }
  });

  it("downloads the filter data at once when the shared link carries a filter", async () => {
    const context = await browser.newContext();
    const fresh = await context.newPage();
    const requested: string[] = [];
    fresh.on("request", (request) => requested.push(new URL(request.url()).pathname));
    try {
      await fresh.goto(`${base}/tim-kiem/?q=can+bo&category=${encodeURIComponent("Chính quyền")}`);
      await fresh.waitForSelector(".search-result");
      expect(requested.filter((p) => p.endsWith(".pf_filter")).length).toBeGreaterThan(0);
      expect(await fresh.inputValue("[data-filter=category]")).toBe("Chính quyền");
    } finally {
      await context.close();
    }
  });

  it.each(relevance)("ranks the judged answer first for “$query”", async ({ query, first }) => {
    expect((await open(query)).slugs[0]).toBe(first);
  });

  it("folds the filters away on a phone, so the first result shows without scrolling", async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 640 } });
    try {
      await phone.goto(`${base}/tim-kiem/?q=${encodeURIComponent("can bo")}`);
      await phone.waitForSelector(".search-result");
      expect(await phone.isVisible("[data-filter=category]")).toBe(false);
      const bottom = await phone.$eval(".search-result h2", (h) => h.getBoundingClientRect().bottom);
      expect(bottom).toBeLessThanOrEqual(640);
      await phone.click(".search-filter-box summary");
      expect(await phone.isVisible("[data-filter=category]")).toBe(true);
      // A shared link that sets a filter shows it.
      await phone.goto(`${base}/tim-kiem/?q=can+bo&category=${encodeURIComponent("Chính quyền")}`);
      await phone.waitForSelector(".search-result");
      expect(await phone.isVisible("[data-filter=category]")).toBe(true);
    } finally {
      await phone.close();
    }
    const wide = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await wide.goto(`${base}/tim-kiem/?q=can+bo`);
      await wide.waitForSelector(".search-result");
      expect(await wide.isVisible("[data-filter=category]")).toBe(true);
    } finally {
      await wide.close();
    }
  });

  it.each([360, 1280])(
    "fits %i px with results shown, and is screenshotted for docs/screenshots",
    async (width) => {
      const wide = await browser.newPage({ viewport: { width, height: 800 } });
      await wide.goto(`${base}/tim-kiem/?q=${encodeURIComponent("can bo")}`);
      await wide.waitForSelector(".search-result");
      const overflow = await wide.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
      await wide.screenshot({
        path: path.join(projectDir, "docs", "screenshots", `search-${width}.png`),
        fullPage: true,
      });
      await wide.close();
    },
  );

  it("logged no console or CSP errors", () => {
    expect(errors).toEqual([]);
  });
});
