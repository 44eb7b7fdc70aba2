/**
 * The indexer as the build uses it: pages kept by quarter, partial indexes made by Pagefind indexers
 * (worker threads, each with its own Pagefind process) or taken from the cache, merged into the
 * bundles readers get.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { indexPages, type IndexedPage } from "../../lib/search/index-pages.ts";
import { semantics } from "../support/pagefind-bundle.ts";
import { hashTree } from "../support/quality/tree.ts";

const WORDS = ["cán", "bộ", "đào", "tạo", "Đảng", "ủy", "hòa", "hoà", "Phú", "Ninh", "xã", "Tam", "dân"];

/** 40 article pages as the layout writes them: header and footer around the indexed article. */
const pages: IndexedPage[] = Array.from({ length: 40 }, (_, i) => {
  const body = Array.from({ length: 30 + i }, (_, j) => WORDS[(i * 5 + j * j) % WORDS.length]).join(" ");
  const date = `20${String(16 + (i % 9))}-0${1 + (i % 9)}-1${i % 10}T08:00:00+07:00`;
  return {
    url: `/tin-tuc/bai-${i}/`,
    html: `<!doctype html><html lang="vi"><body><header>Trang chủ</header><main>
<article data-pagefind-body data-pagefind-filter="category:${["Kinh tế", "Đảng"][i % 2]}">
<h1>Bài ${i}: ${WORDS[i % WORDS.length]}</h1><p data-pagefind-sort="date:${date}">${date}</p>
<p>${body}</p><p class="byline"><a data-pagefind-filter="unit:Đảng ủy xã ${i % 3}">Đảng ủy xã ${i % 3}</a></p>
</article></main><footer>Chân trang</footer></body></html>`,
  };
});

const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-indexer-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("indexPages", () => {
  it("gives the same bundle whatever the order of the pages, the lanes and the size of the partial indexes", async () => {
    const one = await indexPages(pages, path.join(root, "one"), {
      lanes: 1,
      recentPages: 1000,
      cacheDir: path.join(root, "cache-one"),
    });
    const two = await indexPages([...pages].reverse(), path.join(root, "two"), {
      lanes: 2,
      partPages: 3,
      recentPages: 1000,
      cacheDir: path.join(root, "cache-two"),
    });
    // 40 pages in 9 quarters; with at most 3 pages a partial index, each quarter of 4 or 5 is split in 2.
    expect([one.parts, one.lanes, two.parts, two.lanes]).toEqual([9, 1, 18, 2]);
    const expected = await semantics(path.join(root, "one"));
    expect(expected.words.length).toBeGreaterThan(100);
    expect(await semantics(path.join(root, "two"))).toEqual(expected);
    const shuffled = await indexPages(
      pages.filter((_, i) => i % 2).concat(pages.filter((_, i) => i % 2 === 0)),
      path.join(root, "shuffled"),
      { lanes: 2, recentPages: 1000, cacheDir: path.join(root, "cache-one") },
    );
    expect([shuffled.parts, shuffled.indexedParts]).toEqual([9, 0]);
    expect(hashTree(path.join(root, "shuffled"))).toEqual(hashTree(path.join(root, "one")));
  });

  it("files đ under d, and gives readers fragments and filters with the real letters", async () => {
    const bundle = await semantics(path.join(root, "two"));
    expect(bundle.words.some((word) => word.startsWith("dang/ḏảng: /tin-tuc/"))).toBe(true);
    expect(bundle.words.some((word) => word.startsWith("đang"))).toBe(false);
    expect(bundle.fragments.join("\n")).not.toMatch(/[ḏḎ]/);
    expect(bundle.fragments.join("\n")).toContain("Đảng ủy xã 1");
    expect(bundle.filters).toContain(
      `category=Đảng: ${pages
        .filter((_, i) => i % 2)
        .map((p) => p.url)
        .sort()
        .join(" ")}`,
    );
    const tiers = JSON.parse(readFileSync(path.join(root, "two", "tiers.json"), "utf8"));
    expect(tiers.recent.pages).toBe(40);
  });

  it("names the page Pagefind could not index, and writes nothing", async () => {
    const broken = [
      ...pages.slice(0, 3),
      { url: "/tin-tuc/khong-ngay/", html: pages[3]!.html.replace(/ data-pagefind-sort="[^"]*"/, "") },
    ];
    const options = { lanes: 2, partPages: 2, cacheDir: path.join(root, "cache-broken") };
    await expect(indexPages(broken, path.join(root, "broken"), options)).rejects.toThrow(
      /\/tin-tuc\/khong-ngay\/ has no date/,
    );
    expect(existsSync(path.join(root, "broken"))).toBe(false);
  });
});
