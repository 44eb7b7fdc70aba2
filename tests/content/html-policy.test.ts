import { describe, expect, it } from "vitest";
import { findUnsafeHtml, lineLocator } from "../../lib/content/html-policy.ts";

describe("findUnsafeHtml", () => {
  it("allows the HTML authors need: tables, line breaks, plain links", () => {
    expect(findUnsafeHtml('<table><tr><td>Xã</td></tr></table>\n<br>\n<a href="/tin-tuc/x/">x</a>')).toEqual([]);
  });
  it("refuses elements that run code or restyle the portal, naming the line", () => {
    const body = "Đoạn.\n\n<script>x()</script>\n<IFRAME src=x>\n<object>\n<embed src=x>\n<style>p{}</style>";
    expect(findUnsafeHtml(body).map((v) => [v.line, v.message])).toEqual([
      [3, "thẻ HTML <script> không được phép trong bài viết"],
      [4, "thẻ HTML <iframe> không được phép trong bài viết"],
      [5, "thẻ HTML <object> không được phép trong bài viết"],
      [6, "thẻ HTML <embed> không được phép trong bài viết"],
      [7, "thẻ HTML <style> không được phép trong bài viết"],
    ]);
  });
  it("refuses event handlers and javascript: URLs in HTML and in Markdown links", () => {
    const found = findUnsafeHtml('<img src="a.jpg" alt="a" onerror="x()">\n<a href="JavaScript:x()">a</a>\n[a](javascript:x())');
    expect(found.map((v) => v.line)).toEqual([1, 2, 3]);
    expect(found[0]?.message).toContain("onerror=");
  });
  it("does not mistake words like 'online' or the text 'javascript:' in prose for code", () => {
    expect(findUnsafeHtml("Dịch vụ công online: nộp hồ sơ.\n\nBài viết về javascript: một ngôn ngữ.")).toEqual([]);
  });
});

describe("lineLocator", () => {
  it("maps a character index to its 1-based line", () => {
    const lineOf = lineLocator("a\nbc\n\nd");
    expect([0, 2, 4, 5, 6].map(lineOf)).toEqual([1, 2, 2, 3, 4]);
  });
});
