/**
 * A republish with the cache of partial indexes: the real build of the 31 search fixture articles,
 * once from an empty cache, then again after one article's text changed, gives a search index byte
 * for byte the same as a clean build (empty cache) of the changed content, having re-indexed only the
 * changed article's quarter.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
const edit = (dir: string, file = EDITED): void =>
  appendFileSync(path.join(dir, file), "\nĐoàn kiểm tra của huyện ghi nhận kết quả đáng khích lệ.\n");
/** Two articles of one quarter (2021-Q2): an edit to one re-indexes the other. */
const QUARTER_MATES = ["cong-tac-dan-van", "dao-tao-nghe-cho-lao-dong-nong-thon"] as const;

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
    // Every other article page went in from the cold build's records, none read back: the edited
    // article is alone in its quarter.
    const pages = cold.counts["search pages"]!;
    expect(warm.counts).toMatchObject({ "search pages kept unread": pages - 1, "search pages read back": 0 });

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

  it("reads back the kept pages of a quarter indexed again, and fails, naming the page, if one is not what was indexed", async () => {
    const cache = { SEARCH_CACHE_DIR: path.join(root, "mates-cache") };
    const site = content("mates");
    expect((await runBuild(site, cache)).code).toBe(0);
    const [edited, mate] = QUARTER_MATES;
    edit(site, path.join("articles", edited, "index.md"));
    const warm = await runBuild(site, cache);
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.counts).toMatchObject({ "search parts indexed": 1, "search pages read back": 1 });

    // The mate's published file changed behind the build's back: its page key says it is kept, and
    // its partial index is indexed again, so the search index finds it is not what it indexed.
    const mateFile = path.join(warm.output, "tin-tuc", mate, "index.html");
    const html = readFileSync(mateFile, "utf8");
    rmSync(mateFile);
    writeFileSync(mateFile, html.replace("</article>", "<p>Thêm vào sau khi xuất bản.</p></article>"));
    edit(site, path.join("articles", edited, "index.md"));
    const failed = await runBuild(site, cache);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain(`/tin-tuc/${mate}/`);
    expect(failed.stderr).toContain("is not the page the last build indexed");
    // The records are dropped, so the next build reads every kept page back.
    const again = await runBuild(site, cache);
    expect(again.code, again.stderr).toBe(0);
    expect(again.counts["search pages kept unread"]).toBe(0);
  });
});
