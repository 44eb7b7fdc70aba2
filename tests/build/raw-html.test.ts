/**
 * Raw HTML in article bodies, through a real build: an article with HTML outside the allowlist
 * (or a link to a draft) stops the build with the file and line named and nothing written; allowed
 * HTML is published as written, and the feeds carry the lead as text only.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { articleMarkdown, makeContentDir, runBuild, writeArticle } from "../support/fixture.ts";

const fields = {
  title: "Kết quả bầu cử đại biểu HĐND xã Tam Thành",
  date: "2025-06-02T08:00",
  author: "Ngô Mỹ",
  unit: "Văn phòng HĐND và UBND huyện",
  category: "xay-dung-dang",
};

/** Every element name of an HTML text, as a feed reader's parser reads it. */
function elementsOf(html: string): string[] {
  const names: string[] = [];
  const parser = new Parser({ onopentag: (name) => names.push(name) });
  parser.write(html);
  parser.end();
  return names;
}

describe("raw HTML in a real build", () => {
  it("fails on HTML outside the allowlist and on a link to a draft, naming file and line, writing nothing", async () => {
    const content = makeContentDir();
    const attack = [
      "Đoạn mở đầu.", // body line 1 = file line 9
      "",
      '<a href="&#106;avascript:alert(1)">Xem thêm</a>',
      "",
      '<span data-pagefind-meta="title:Tiêu đề giả">x</span>',
      "",
      '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
      "",
      '<img src="anh.jpg" alt="Ảnh">',
      "",
      "Xem [bài đang viết](/tin-tuc/bai-nhap/).",
    ].join("\n");
    writeArticle(content, "tan-cong", articleMarkdown(fields, attack));
    writeArticle(content, "bai-nhap", articleMarkdown({ ...fields, title: "Bài nháp", draft: true }));
    writeArticle(content, "bai-tot", articleMarkdown({ ...fields, title: "Bài tốt" }));
    const root = path.dirname(content);
    const output = path.join(root, "_site");
    mkdirSync(output, { recursive: true });
    writeFileSync(path.join(output, "index.html"), "previous good build");

    const run = await runBuild(content);
    expect(run.code).not.toBe(0);
    const at = (line: number, message: string): void =>
      expect(run.stderr).toMatch(
        new RegExp(`articles/tan-cong/index\\.md:${line} +\\[lỗi\\] body: [^\\n]*${message}`),
      );
    at(11, "javascript:");
    at(13, "data-pagefind-meta=");
    at(15, "<svg>");
    at(17, "!\\[mô tả\\]\\(anh\\.jpg\\)");
    at(19, "/tin-tuc/bai-nhap/ trỏ tới bài viết nháp");
    // Nothing published: the previous output is untouched, no half-built folder is left beside it.
    expect(readdirSync(output)).toEqual(["index.html"]);
    expect(readFileSync(path.join(output, "index.html"), "utf8")).toBe("previous good build");
    expect(readdirSync(root).sort()).toEqual(["_site", "content"]);
  });

  it("publishes allowed HTML as written, and feeds carry the lead as text, never as markup", async () => {
    const content = makeContentDir();
    const body = [
      'Ủy ban <abbr title="Ủy ban nhân dân">UBND</abbr> huyện &amp; <strong>các xã</strong> công bố kết quả.',
      "",
      '<table>\n<thead><tr><th scope="col">Xã</th><th scope="col">Tỉ lệ</th></tr></thead>',
      "<tbody><tr><td>Tam Thành</td><td>98,5%</td></tr></tbody>\n</table>",
    ].join("\n");
    writeArticle(content, "ket-qua", articleMarkdown(fields, body));
    const run = await runBuild(content);
    expect(run.code, run.stderr).toBe(0);

    const page = readFileSync(path.join(run.output, "tin-tuc", "ket-qua", "index.html"), "utf8");
    expect(page).toContain('<abbr title="Ủy ban nhân dân">UBND</abbr>');
    expect(page).toContain('<th scope="col">Xã</th>');

    const lead = "Ủy ban UBND huyện & các xã công bố kết quả.";
    const rss = new XMLParser().parse(readFileSync(path.join(run.output, "feed.xml"), "utf8"));
    const description = String(rss.rss.channel.item.description);
    // A reader renders the description as HTML: it must hold no element, and read as the lead.
    expect(elementsOf(description)).toEqual([]);
    expect(description).toBe(lead.replace("&", "&amp;"));
    const json = JSON.parse(readFileSync(path.join(run.output, "feed.json"), "utf8"));
    expect(json.items[0].content_text).toBe(lead);
    expect(json.items[0].content_html).toBeUndefined();
    const atom = readFileSync(path.join(run.output, "atom.xml"), "utf8");
    expect(atom).toContain(`<summary type="text">Ủy ban UBND huyện &amp; các xã công bố kết quả.</summary>`);
  });
});
