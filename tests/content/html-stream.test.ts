import { describe, expect, it } from "vitest";
import { HtmlStream } from "../../lib/content/html-stream.ts";

describe("HtmlStream", () => {
  it("closes an inline tag that arrives as a later piece, as markdown-it splits them", () => {
    const stream = new HtmlStream();
    expect(stream.write('<a href="/tin-tuc/bai/">')).toBe('<a href="/tin-tuc/bai/">');
    expect(stream.write("</a>")).toBe("</a>");
    stream.end();
    expect(stream.findings).toEqual([]);
    expect(stream.links).toEqual([{ index: 0, href: "/tin-tuc/bai/" }]);
  });

  it("re-serialises what it judged: values decoded once and escaped again, refused parts dropped", () => {
    const stream = new HtmlStream();
    const html = stream.write(
      '<abbr TITLE="a&quot;b &amp; c" onclick="x()">UB&#78;D</abbr><script>alert(1)</script>',
    );
    expect(html).toBe('<abbr title="a&quot;b &amp; c">UBND</abbr>');
    expect(stream.findings.map((f) => /onclick=|<script>/.exec(f.message)?.[0])).toEqual([
      "onclick=",
      "<script>",
    ]);
  });

  it("drops everything inside SVG and MathML, and reports only their root", () => {
    const stream = new HtmlStream();
    const html = stream.write('<svg><a href="javascript:x"><text>bấm</text></a></svg><b>sau</b>');
    expect(html).toBe("<b>sau</b>");
    expect(stream.findings).toHaveLength(1);
  });

  it("reports a piece that ends inside a tag, and publishes none of it", () => {
    const stream = new HtmlStream();
    expect(stream.write('<div title="x')).toBe("");
    expect(stream.findings[0]?.message).toContain("viết dở");
  });

  it("keeps comments out of the output, and refuses one that holds a tag", () => {
    const stream = new HtmlStream();
    expect(stream.write("<!-- ghi chú -->")).toBe("");
    expect(stream.findings).toEqual([]);
    stream.write("<!-- <img src=x onerror=y> -->");
    expect(stream.findings[0]?.message).toContain("chú thích HTML");
  });
});
