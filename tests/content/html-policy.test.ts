import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { findUnsafeHtml, inspectBody } from "../../lib/content/html-policy.ts";
import { createMarkdown } from "../../lib/content/markdown.ts";

/** Raw HTML and addresses news authors legitimately write in a body. */
const LEGITIMATE = [
  "Kết quả bầu cử (xem bảng):",
  "",
  '<table>\n<caption>Kết quả</caption>\n<thead><tr><th scope="col">Xã</th><th scope="col" colspan="2">Số phiếu</th></tr></thead>',
  '<tbody><tr><td rowspan="2">Tam Thành</td><td>1.204</td><td>98,5%</td></tr></tbody>\n</table>',
  "",
  '<figure>\n<blockquote cite="https://phuninh.gov.vn/tin-tuc/a/">Trích dẫn</blockquote>\n<figcaption>Nguồn: UBND</figcaption>\n</figure>',
  "",
  'Diện tích 25 m<sup>2</sup>, H<sub>2</sub>O, <abbr title="Ủy ban nhân dân">UBND</abbr> huyện,<br>',
  'dòng mới; <em>nghiêng</em>, <strong>đậm</strong>, <a href="/tin-tuc/bai/" title="Bài">bài</a>,',
  "[thư](mailto:vanthu@phuninh.gov.vn), [gọi](tel:+842353000000), [mục](#muc-1), [tệp](quyet-dinh.pdf).",
  "",
  '<ol start="3"><li>Ba</li><li value="5">Năm</li></ol>\n<dl><dt>Từ</dt><dd>Nghĩa</dd></dl>',
  "",
  "<!-- Ghi chú cho biên tập viên: kiểm tra số liệu -->",
  "",
  "```html\n<script>alert('mã ví dụ trong khối code')</script>\n```",
  "",
  "Viết &lt;script&gt; và \\<iframe> là chữ; 3 < 5; dịch vụ online; bài về javascript: một ngôn ngữ.",
  "Theo <<Luật Đất đai>> năm 2013, tỉ lệ <5% và a<b, c > d; gửi <vanthu@phuninh.gov.vn>.",
].join("\n");

/**
 * One fixture per bypass class of issue 16 (and the classic ones): the body, the line the author
 * must be sent to, and what the message must name.
 */
const ATTACKS: [string, string, number, string][] = [
  ["entity-encoded javascript: in href", '<a href="&#106;avascript:alert(1)">x</a>', 3, "javascript:"],
  ["entity without semicolon", '<a href="&#106avascript:alert(1)">x</a>', 3, "javascript:"],
  ["a named entity for the colon", '<a href="javascript&colon;alert(1)">x</a>', 3, "javascript:"],
  ["a data: document in a link", '<a href="data:text/html,&lt;script&gt;x&lt;/script&gt;">x</a>', 3, "data:"],
  ["a tab entity inside the scheme", '<a href="java&#x09;script:alert(1)">x</a>', 3, "javascript:"],
  ["a newline entity before the scheme", '<a href="&#10;javascript:alert(1)">x</a>', 3, "javascript:"],
  ["entity-encoded javascript: in a Markdown link", "[x](&#106;avascript:alert(1))", 3, "javascript:"],
  ["a Markdown autolink to javascript:", "Xem <javascript:alert(1)>", 3, "javascript:"],
  ["a reference link to javascript:", "[x][r] ở đây.\n\n[r]: javascript:alert(1)", 3, "javascript:"],
  ["vbscript: in HTML", '<a href="VBScript:x">x</a>', 3, "vbscript:"],
  ["a data: image", "![Ảnh](data:image/png;base64,iVBORw0KGgo=)", 3, "data:"],
  ["an attribute without a preceding space", "<a/onclick=alert(1)>bấm</a>", 3, "onclick="],
  ["a quote closing an unquoted value", 'Ảnh <img src=x"onerror=alert(1)> đây', 3, "<img>"],
  [
    "SVG animating href",
    '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
    3,
    "<svg>",
  ],
  [
    "MathML",
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    3,
    "<math>",
  ],
  ["a style overlay", '<div style="position:fixed;inset:0;background:#fff">Thông báo giả</div>', 3, "style="],
  ["data-pagefind-meta", '<span data-pagefind-meta="title:Tiêu đề giả">x</span>', 3, "data-pagefind-meta="],
  ["data-pagefind-filter", '<span data-pagefind-filter="category:Giả">x</span>', 3, "data-pagefind-filter="],
  ["data-pagefind-sort", '<span data-pagefind-sort="date:2099-01-01">x</span>', 3, "data-pagefind-sort="],
  [
    "data-pagefind-ignore on a wrapper",
    '<div data-pagefind-ignore="all">\n\nẨn khỏi tìm kiếm\n\n</div>',
    3,
    "data-pagefind-ignore=",
  ],
  ["an uppercase script", "<SCRIPT SRC=/x.js></SCRIPT>", 3, "<script>"],
  ["an uppercase event handler", '<P ONMOUSEOVER="x()">Đoạn</P>', 3, "onmouseover="],
  ["a comment closed early with --!>", "<!-- --!><script>alert(1)</script> -->", 3, "<script>"],
  ["a comment hiding a tag", "<!-- <script>alert(1)</script> -->", 3, "chú thích HTML"],
  ["a raw <img>", '<img src="anh.jpg" alt="Lễ khai mạc">', 3, "![mô tả](anh.jpg)"],
  ["an iframe", '<iframe src="https://example.com/"></iframe>', 3, "<iframe>"],
  ["a form", '<form action="https://example.com/"><button>Gửi</button></form>', 3, "<form>"],
  ["a base element", '<base href="https://example.com/">', 3, "<base>"],
  ["an id colliding with the site's", '<p id="main">Đoạn</p>', 3, "id="],
  ["a class borrowing the site's styles", '<span class="visually-hidden">ẩn</span>', 3, "class="],
  ["a tag split over lines", 'Đoạn <a\nhref="javascript:alert(1)">x</a>', 3, "javascript:"],
  ["an unfinished tag", 'Đoạn.\n\n<div title="x', 5, "viết dở"],
  ["a doctype", "<!DOCTYPE html>", 3, "<!doctype"],
];

describe("findUnsafeHtml", () => {
  it("allows what news authors write: tables, figures, sup/sub, abbr, lists, plain links, comments, code", () => {
    expect(findUnsafeHtml(LEGITIMATE)).toEqual([]);
  });

  it.each(ATTACKS)("refuses %s, naming its line", (_name, attack, line, named) => {
    const found = findUnsafeHtml(`Đoạn mở đầu.\n\n${attack}\n\nĐoạn kết.`);
    expect(found.length, JSON.stringify(found)).toBeGreaterThan(0);
    expect(found[0]?.line).toBe(line);
    expect(
      found.some((v) => v.message.includes(named)),
      JSON.stringify(found),
    ).toBe(true);
  });

  it("refuses element by element, each on its own line", () => {
    const body =
      "Đoạn.\n\n<script>x()</script>\n\n<IFRAME src=x>\n\n<object>\n\n<embed src=x>\n\n<style>p{}</style>";
    expect(findUnsafeHtml(body).map((v) => [v.line, v.message.split(":")[0]])).toEqual([
      [3, "thẻ HTML <script> không được phép trong bài viết"],
      [5, "thẻ HTML <iframe> không được phép trong bài viết"],
      [7, "thẻ HTML <object> không được phép trong bài viết"],
      [9, "thẻ HTML <embed> không được phép trong bài viết"],
      [11, "thẻ HTML <style> không được phép trong bài viết"],
    ]);
  });

  it("tells the author that prose taken for an unknown tag would vanish, and how to write it", () => {
    expect(findUnsafeHtml("Đoạn.\n\nTheo <Nghi quyet> so 12.")).toEqual([
      {
        line: 3,
        message:
          '"<nghi" được hiểu là một thẻ HTML lạ và sẽ không hiện ra: nếu đây là chữ, hãy viết \\< thay cho <',
      },
    ]);
  });

  it("names the line of a tag inside a paragraph, a list and a table cell", () => {
    const body =
      "Một\nhai <b onclick=x>b</b>\n\n- ba\n- bốn <span style=x>s</span>\n\n| a |\n|---|\n| <i onclick=y>c</i> |";
    expect(findUnsafeHtml(body).map((v) => v.line)).toEqual([2, 5, 9]);
  });
});

describe("inspectBody", () => {
  it("lists the addresses a body links to, from Markdown and from HTML, after decoding", () => {
    const hrefs = inspectBody('[a](/tin-tuc/mot/)\n\n<a href="/tin-tuc/&#104;ai/">b</a>').hrefs;
    expect(hrefs).toEqual([
      { line: 1, href: "/tin-tuc/mot/" },
      { line: 3, href: "/tin-tuc/hai/" },
    ]);
  });
});

/** Every element and attribute of `html`, as a parser reads it. */
function parsed(html: string): { name: string; attributes: Record<string, string> }[] {
  const found: { name: string; attributes: Record<string, string> }[] = [];
  const parser = new Parser({ onopentag: (name, attributes) => found.push({ name, attributes }) });
  parser.write(html);
  parser.end();
  return found;
}

describe("the renderer (defence in depth)", () => {
  const md = createMarkdown();
  it.each(ATTACKS)("publishes nothing of %s outside the allowlist", (_name, attack) => {
    const html = md.render(`Đoạn.\n\n${attack}\n`, { article: { url: "/tin-tuc/bai/" } });
    for (const { name, attributes } of parsed(html)) {
      expect(["script", "svg", "math", "iframe", "form", "base", "img", "style", "animate"]).not.toContain(
        name,
      );
      for (const [attribute, value] of Object.entries(attributes)) {
        expect(attribute).not.toMatch(/^(on|data-|style$|id$|class$)/);
        expect(value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase()).not.toMatch(
          /^(javascript|vbscript|data):/,
        );
      }
    }
  });

  it("writes an image's alt text escaped, and a tag in it does not swallow the HTML after it", () => {
    const html = md.render("![a <textarea> b](x.jpg)\n\n<b>sau</b>", { article: { url: "/tin-tuc/bai/" } });
    expect(html).toContain('alt="a &lt;textarea&gt; b"');
    expect(html).toContain("<b>sau</b>");
  });

  it("keeps the legitimate HTML as written", () => {
    const html = md.render(LEGITIMATE, { article: { url: "/tin-tuc/bai/" } });
    expect(html).toContain('<th scope="col" colspan="2">Số phiếu</th>');
    expect(html).toContain('<td rowspan="2">Tam Thành</td>');
    expect(html).toContain('<abbr title="Ủy ban nhân dân">UBND</abbr>');
    expect(html).toContain('<a href="/tin-tuc/bai/" title="Bài">bài</a>');
    expect(html).toContain('<a href="mailto:vanthu@phuninh.gov.vn">thư</a>');
    expect(html).toContain("&lt;script&gt;alert(");
    expect(html).not.toContain("Ghi chú cho biên tập viên");
  });
});
