/**
 * The ranking suite: the judged queries of tests/fixtures/search-ranking-queries.json, typed as
 * readers type them (without diacritics, with some, in capitals, codes, quoted phrases), over the
 * 38 short articles of tests/fixtures/search-ranking/ (a district's news on different subjects). The
 * site is built for real (the real Pagefind index, merged from parts) and each query is opened on
 * /tim-kiem/ in Chromium, so the score is that of what readers get. docs/search.md records it.
 */
import { readFileSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { scoreRanking, type Judgement } from "../support/ranking.ts";
import { recordErrors, searchFixtures, serveSearchSite, shownResults } from "../support/search-page.ts";

const judgements = JSON.parse(
  readFileSync(path.join(searchFixtures, "search-ranking-queries.json"), "utf8"),
) as Judgement[];

let root: string;
let server: Server;
let base: string;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  const site = await serveSearchSite(
    { PORTAL_SEARCH_PART_PAGES: "10", PORTAL_SEARCH_LANES: "2" },
    "search-ranking",
  );
  ({ root, server, base } = site);
  expect(site.build.code, site.build.stderr).toBe(0);
  expect(site.build.stdout).toMatch(/Chỉ mục tìm kiếm: 38 bài /);
  browser = await launchBrowser();
  page = await browser.newPage();
  recordErrors(page, errors);
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

it("judges at least 40 queries over at least 30 articles", () => {
  expect(judgements.length).toBeGreaterThanOrEqual(40);
  expect(new Set(judgements.flatMap((j) => j.relevant)).size).toBeGreaterThanOrEqual(30);
});

it("ranks the judged articles first for the query set (MRR ≥ 0.985, all within the first three)", async () => {
  const shown: string[][] = [];
  for (const { query } of judgements) {
    await page.goto(`${base}/tim-kiem/?q=${encodeURIComponent(query)}`);
    shown.push((await shownResults(page)).slugs);
  }
  const score = scoreRanking(judgements, shown);
  console.log(
    `Ranking suite: ${score.queries} queries, MRR ${score.mrr.toFixed(3)}, ` +
      `top 1 ${(score.top1 * 100).toFixed(1)} %, top 3 ${(score.top3 * 100).toFixed(1)} %`,
  );
  const report = JSON.stringify(score.misses, null, 1);
  expect(score.mrr, report).toBeGreaterThanOrEqual(0.985);
  expect(score.top3, report).toBe(1);
  expect(errors).toEqual([]);
});

it("finds a road code whether the query or the text joins it (ĐT609) or spaces it (ĐT 609)", async () => {
  for (const query of ["dt609", "ĐT 609", "Đt609"]) {
    await page.goto(`${base}/tim-kiem/?q=${encodeURIComponent(query)}`);
    const { slugs } = await shownResults(page);
    expect(slugs, query).toEqual(["thong-xe-doan-tuyen-dt609", "khac-phuc-sat-lo-dat-ngoc-pho"]);
  }
});

// Regression: "Đảng ủy" lit up "đăng" (of "đăng ký"), which folds to the same letters.
it("highlights “Đảng” for “Đảng ủy” and both “Đảng” and “đăng” for “dang”", async () => {
  const marks = async (query: string): Promise<string[]> => {
    await page.goto(`${base}/tim-kiem/?q=${encodeURIComponent(query)}`);
    await shownResults(page);
    return page.$$eval(".search-result mark", (items) =>
      items.map((m) => (m.textContent ?? "").toLowerCase()),
    );
  };
  const typed = await marks("Đảng ủy");
  expect(typed).toContain("đảng");
  expect(typed).not.toContain("đăng");
  const folded = await marks("dang");
  expect(folded).toContain("đảng");
  expect(folded).toContain("đăng");
  expect(errors).toEqual([]);
});
