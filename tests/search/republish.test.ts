/**
 * A republish with the cache of partial indexes: the real build of the 31 search fixture articles,
 * once from an empty cache, then again after one article's text changed, gives a search index byte
 * for byte the same as a clean build (empty cache) of the changed content, having re-indexed only the
 * changed article's quarter.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBuild } from "../support/fixture.ts";
import { searchFixtures } from "../support/search-page.ts";
import { hashTree } from "../support/quality/tree.ts";

const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-republish-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the search fixture's content in a folder of its own (the build writes `_site` beside it). */
function content(name: string): string {
  const dir = path.join(root, name, "content");
  cpSync(path.join(searchFixtures, "search"), dir, { recursive: true });
  return dir;
}

const EDITED = path.join("articles", "bao-hiem-y-te-hoc-sinh", "index.md");
const edit = (dir: string): void =>
  appendFileSync(path.join(dir, EDITED), "\nĐoàn kiểm tra của huyện ghi nhận kết quả đáng khích lệ.\n");

describe("a republish after one edit", () => {
  it("re-indexes one quarter and gives the clean build's search index, byte for byte", async () => {
    const cache = { SEARCH_CACHE_DIR: path.join(root, "cache"), PORTAL_SEARCH_RECENT_PAGES: "17" };
    const site = content("site");
    const cold = await runBuild(site, cache);
    expect(cold.code, cold.stderr).toBe(0);
    const parts = cold.counts["search parts"]!;
    expect(parts).toBeGreaterThan(5);
    expect(cold.counts["search parts indexed"]).toBe(parts);
    const before = hashTree(path.join(cold.output, "pagefind"));

    edit(site);
    const warm = await runBuild(site, cache);
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.counts).toMatchObject({ "search parts": parts, "search parts indexed": 1 });

    const clean = content("clean");
    edit(clean);
    const fresh = await runBuild(clean, {
      SEARCH_CACHE_DIR: path.join(root, "clean-cache"),
      PORTAL_SEARCH_RECENT_PAGES: "17",
    });
    expect(fresh.code, fresh.stderr).toBe(0);
    const expected = hashTree(path.join(fresh.output, "pagefind"));
    expect([...expected.keys()].some((name) => name.startsWith("luu-tru"))).toBe(true);
    const actual = hashTree(path.join(warm.output, "pagefind"));
    expect(actual).toEqual(expected);
    // And the edit is in: the cold build's index differs.
    expect(before).not.toEqual(expected);
  });
});
