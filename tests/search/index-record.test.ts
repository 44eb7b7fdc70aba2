import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import { describe, expect, inject, it } from "vitest";
import { indexRecord } from "../../lib/search/page-text.ts";
import { markDStroke } from "../../lib/search/d-stroke.ts";

const page = `<!doctype html><html lang="vi"><head><title>T</title></head><body><header><nav>Trang chủ</nav></header>
<main><article class="article" data-pagefind-body><h1>Đảng ủy họp</h1><p>Nội dung</p></article>
<section class="related"><a href="/x/">Tin khác</a></section></main><footer>Chân trang</footer></body></html>`;

/** Every file of a Pagefind bundle's index, decompressed, by name. */
function bundle(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const sub of ["fragment", "index", "filter"])
    for (const name of readdirSync(path.join(dir, sub)))
      files.set(`${sub}/${name}`, gunzipSync(readFileSync(path.join(dir, sub, name))).toString("latin1"));
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".pf_meta")))
    files.set(name, gunzipSync(readFileSync(path.join(dir, name))).toString("latin1"));
  return files;
}

describe("indexRecord", () => {
  it("keeps the indexed article with đ marked, and drops header, lists and footer", () => {
    const record = indexRecord(page);
    expect(record?.marked).toBe(true);
    expect(record?.content).toContain('<article class="article" data-pagefind-body><h1>Ḏảng ủy họp</h1>');
    expect(record?.content).not.toMatch(/Trang chủ|Tin khác|Chân trang/);
  });

  it("sends a page that holds ḏ itself as written", () => {
    const record = indexRecord(page.replace("Nội dung", "Ḏ"));
    expect(record).toEqual({ content: expect.stringContaining("<h1>Đảng ủy họp</h1>"), marked: false });
  });

  it("skips pages without an indexed part", () => {
    expect(indexRecord("<html><body><p>Trang chủ</p></body></html>")).toBeUndefined();
  });

  it("gives Pagefind the same index as the whole article pages of the real site", async () => {
    const site = inject("siteDir");
    const articles = path.join(site, "tin-tuc");
    const pages = readdirSync(articles, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => ({
        url: `/tin-tuc/${entry.name}/`,
        html: readFileSync(path.join(articles, entry.name, "index.html"), "utf8"),
      }))
      .filter((p) => p.html.includes("data-pagefind-body"));
    expect(pages.length).toBeGreaterThan(0);
    const out = mkdtempSync(path.join(os.tmpdir(), "phuninh-record-"));
    try {
      const { index } = await pagefind.createIndex({ forceLanguage: "vi", excludeSelectors: [".no-print"] });
      for (const p of pages) await index!.addHTMLFile({ url: p.url, content: markDStroke(p.html)! });
      await index!.writeFiles({ outputPath: path.join(out, "whole") });
      await pagefind.close();
      const records = await pagefind.createIndex({ forceLanguage: "vi", excludeSelectors: [".no-print"] });
      for (const p of pages)
        await records.index!.addHTMLFile({ url: p.url, content: indexRecord(p.html)!.content });
      await records.index!.writeFiles({ outputPath: path.join(out, "records") });
      await pagefind.close();
      expect(bundle(path.join(out, "records"))).toEqual(bundle(path.join(out, "whole")));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
