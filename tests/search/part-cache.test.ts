/**
 * The cache of partial indexes against real Pagefind: an entry whose file was changed after it was
 * written is indexed again rather than published, and a change of settings never reuses an entry.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { indexPages, type IndexedPage } from "../../lib/search/index-pages.ts";
import { settingsKey, verifyFolder, writeManifest } from "../../lib/search/part-cache.ts";
import { hashTree } from "../support/quality/tree.ts";

const WORDS = ["cán", "bộ", "đào", "tạo", "Đảng", "ủy", "hòa", "Phú", "Ninh", "xã", "Tam", "dân"];

/** 12 article pages over 4 quarters. */
const pages: IndexedPage[] = Array.from({ length: 12 }, (_, i) => {
  const body = Array.from({ length: 40 + i }, (_, j) => WORDS[(i * 5 + j * j) % WORDS.length]).join(" ");
  return {
    url: `/tin-tuc/bai-${i}/`,
    html: `<!doctype html><html lang="vi"><body><article data-pagefind-body>
<h1>Bài ${i}</h1><p data-pagefind-sort="date:202${i % 4}-0${1 + (i % 4)}-10T08:00:00+07:00">Ngày</p><p>${body}</p>
</article></body></html>`,
  };
});

const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-part-cache-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const entries = (cache: string): string[] => readdirSync(cache).filter((name) => /^[0-9a-f]{64}$/.test(name));

describe("the cache of partial indexes", () => {
  const cacheDir = path.join(root, "cache");

  it("reuses every entry when nothing changed", async () => {
    const cold = await indexPages(pages, path.join(root, "cold"), { cacheDir });
    expect([cold.parts, cold.indexedParts]).toEqual([4, 4]);
    const warm = await indexPages(pages, path.join(root, "warm"), { cacheDir });
    expect([warm.parts, warm.indexedParts]).toEqual([4, 0]);
    expect(hashTree(path.join(root, "warm"))).toEqual(hashTree(path.join(root, "cold")));
  });

  it("indexes again an entry whose file was cut short, and publishes the same bundle", async () => {
    const entry = path.join(cacheDir, entries(cacheDir)[0]!);
    const fragment = readdirSync(path.join(entry, "fragment"))[0]!;
    truncateSync(path.join(entry, "fragment", fragment), 10);
    const again = await indexPages(pages, path.join(root, "again"), { cacheDir });
    expect([again.parts, again.indexedParts]).toEqual([4, 1]);
    expect(hashTree(path.join(root, "again"))).toEqual(hashTree(path.join(root, "cold")));
    expect("manifest" in (await verifyFolder(entry))).toBe(true);
  });

  it("misses on other settings: another language indexes every quarter again", async () => {
    const other = await indexPages(pages, path.join(root, "en"), { cacheDir, language: "en" });
    expect([other.parts, other.indexedParts]).toEqual([4, 4]);
    const vi = { language: "vi", excludeSelectors: [".no-print"] };
    expect(settingsKey(vi)).toBe(settingsKey({ ...vi }));
    expect(settingsKey({ ...vi, excludeSelectors: [".no-print", "nav"] })).not.toBe(settingsKey(vi));
    expect(settingsKey({ ...vi, language: "en" })).not.toBe(settingsKey(vi));
  });
});

describe("verifyFolder", () => {
  it("names a file changed, added or gone since the manifest was written", async () => {
    const dir = path.join(root, "folder");
    mkdirSync(path.join(dir, "sub"), { recursive: true });
    writeFileSync(path.join(dir, "sub", "a.txt"), "một");
    writeFileSync(path.join(dir, "b.txt"), "hai");
    await writeManifest(dir, [{ url: "/a/", hash: "abc" }]);
    expect(await verifyFolder(dir)).toMatchObject({ manifest: { pages: [{ url: "/a/", hash: "abc" }] } });
    writeFileSync(path.join(dir, "b.txt"), "hai!");
    expect(await verifyFolder(dir)).toEqual({ damage: "b.txt is 4 bytes, 3 when written" });
    writeFileSync(path.join(dir, "b.txt"), "haj");
    expect(await verifyFolder(dir)).toEqual({ damage: "b.txt differs from what was written" });
    writeFileSync(path.join(dir, "b.txt"), "hai");
    writeFileSync(path.join(dir, "c.txt"), "ba");
    expect(await verifyFolder(dir)).toEqual({ damage: "c.txt is not in the manifest" });
    rmSync(path.join(dir, "c.txt"));
    rmSync(path.join(dir, "sub", "a.txt"));
    expect(await verifyFolder(dir)).toEqual({ damage: "sub/a.txt is missing" });
  });
});
