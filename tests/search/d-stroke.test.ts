import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import { describe, expect, it } from "vitest";
import { readCbor, type WordIndex } from "../../lib/search/pagefind-format.ts";
import { markDStroke, unmarkDStroke } from "../../lib/search/d-stroke.ts";

describe("markDStroke", () => {
  it("writes đ as ḏ in the text and leaves tags and attribute values as written", () => {
    const html = '<p data-pagefind-filter="unit:Đảng ủy" title="đ">Đảng ủy đào tạo</p>';
    expect(markDStroke(html)).toBe('<p data-pagefind-filter="unit:Đảng ủy" title="đ">Ḏảng ủy ḏào tạo</p>');
  });

  it("leaves a page that already holds ḏ to be indexed as written", () => {
    expect(markDStroke("<p>Ḏ và Đảng</p>")).toBeUndefined();
  });

  it("is undone by unmarkDStroke", () => {
    const text = "Đảng ủy đào tạo cán bộ; dạo";
    expect(unmarkDStroke(markDStroke(text)!)).toBe(text);
  });
});

describe("Pagefind's index of marked text", () => {
  it('files "ḏảng" under "dang" with one spelling, and keeps the word in its place', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "phuninh-stroke-"));
    try {
      const { index } = await pagefind.createIndex({ forceLanguage: "vi" });
      const html =
        "<html lang='vi'><body><article data-pagefind-body><h1>Đảng ủy</h1><p>đào tạo dạo</p></article></body></html>";
      const added = await index!.addHTMLFile({ url: "/a/", content: markDStroke(html)! });
      expect(added.errors).toEqual([]);
      await index!.writeFiles({ outputPath: out });
      await pagefind.close();
      const words = new Map<string, unknown>();
      for (const name of readdirSync(path.join(out, "index"))) {
        const [chunk] = await readCbor<WordIndex>(path.join(out, "index", name));
        for (const [word, pages, variants] of chunk) words.set(word, { pages, variants });
      }
      // Word positions: ḏảng 0, ủy 1, ḏào 2, tạo 3, dạo 4; "dao" holds both spellings, each in its place.
      const variants = (word: string) =>
        (words.get(word) as { variants: [string, [number, number[]][]][] }).variants.map(
          ([spelling, pages]) => [spelling, pages[0]![1].filter((loc) => loc >= 0)],
        );
      expect(variants("dang")).toEqual([["ḏảng", [0]]]);
      expect(variants("dao")).toEqual(
        expect.arrayContaining([
          ["ḏào", [2]],
          ["dạo", [4]],
        ]),
      );
      const [fragment] = readdirSync(path.join(out, "fragment"));
      const json = gunzipSync(readFileSync(path.join(out, "fragment", fragment!)))
        .subarray(12)
        .toString();
      expect(unmarkDStroke(json)).toContain('"content":"Đảng ủy. đào tạo dạo."');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
