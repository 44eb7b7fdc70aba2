import { describe, expect, it } from "vitest";
import { decodeHtml, escapeHtml } from "../../lib/text/html.ts";

describe("escapeHtml", () => {
  it("escapes the characters that end text or a double-quoted attribute, and nothing else", () => {
    expect(escapeHtml('Cầu "mới" & <đẹp> của Đà Nẵng')).toBe(
      "Cầu &quot;mới&quot; &amp; &lt;đẹp&gt; của Đà Nẵng",
    );
    expect(escapeHtml("Chợ Phú Ninh")).toBe("Chợ Phú Ninh");
  });

  it("escapes an ampersand only once per pass, so escaping twice is visible", () => {
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });
});

describe("decodeHtml", () => {
  it("decodes named, decimal and hexadecimal references, not just a few", () => {
    expect(decodeHtml("Ph&uacute; Ninh &amp; &#x110;&agrave; N&#7861;ng")).toBe("Phú Ninh & Đà Nẵng");
    expect(decodeHtml("&ldquo;C&aacute;n b&ocirc;&rdquo;&nbsp;&#39;x&#39; &hellip;")).toBe(
      "“Cán bô”\u00a0'x' …",
    );
  });

  it("reads an attribute value as a browser does: a query string's `&copy=` stays as written", () => {
    expect(decodeHtml("/tim?a=1&copy=2", "attribute")).toBe("/tim?a=1&copy=2");
    expect(decodeHtml("/tim?a=1&copy=2")).toBe("/tim?a=1©=2");
  });

  it("undoes escapeHtml for any text", () => {
    const text = 'Tiêu đề "Hòa" & <b>đậm</b> &amp; đ';
    expect(decodeHtml(escapeHtml(text))).toBe(text);
  });
});
