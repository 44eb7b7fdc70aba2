/**
 * The ranking suite: the judged queries of tests/fixtures/search-ranking-queries.json, typed as
 * readers type them (without diacritics, with some, in capitals, codes, quoted phrases), over the
 * 38 short articles of tests/fixtures/search-ranking/ (a district's news on different subjects). The
 * site is built for real (the real Pagefind index, merged from parts) and each query is opened on
 * /tim-kiem/ in Chromium, so the score is that of what readers get. docs/search.md records it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { bundleSummary } from "../support/pagefind-bundle.ts";
import { scoreRanking, type Judgement } from "../support/ranking.ts";
import { openQuery, searchFixtures, searchPageForTests } from "../support/search-page.ts";

const judgements = JSON.parse(
  readFileSync(path.join(searchFixtures, "search-ranking-queries.json"), "utf8"),
) as Judgement[];

const search = searchPageForTests(
  { PORTAL_SEARCH_PART_PAGES: "10", PORTAL_SEARCH_LANES: "2" },
  "search-ranking",
);
const { errors } = search;

const open = (query: string) => openQuery(search.page, search.site.base, query);

it("indexes all 38 articles", () => {
  expect(search.site.build.counts["search pages"]).toBe(38);
  expect(bundleSummary(path.join(search.site.build.output, "pagefind")).pages).toBe(38);
});

it("judges at least 40 queries over at least 30 articles", () => {
  expect(judgements.length).toBeGreaterThanOrEqual(40);
  expect(new Set(judgements.flatMap((j) => j.relevant)).size).toBeGreaterThanOrEqual(30);
});

it("ranks the judged articles first for the query set (MRR ≥ 0.985, all within the first three)", async () => {
  const shown: string[][] = [];
  for (const { query } of judgements) shown.push((await open(query)).slugs);
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
    const { slugs } = await open(query);
    expect(slugs, query).toEqual(["thong-xe-doan-tuyen-dt609", "khac-phuc-sat-lo-dat-ngoc-pho"]);
  }
});

// Regression: "Đảng ủy" lit up "đăng" (of "đăng ký"), which folds to the same letters.
it("highlights “Đảng” for “Đảng ủy” and both “Đảng” and “đăng” for “dang”", async () => {
  const marks = async (query: string): Promise<string[]> => {
    await open(query);
    return search.page.$$eval(".search-result mark", (items) =>
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
