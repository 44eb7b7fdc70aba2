import { describe, expect, it } from "vitest";
import { firstParagraphText } from "../../lib/content/summary.ts";

describe("the default lead of an article", () => {
  it("skips an opening photo and keeps the first prose paragraph as plain text", () => {
    const body = '![Ảnh](a.jpg "Chú thích")\n\nHuyện ủy **chú trọng** [đào tạo](/x/) cán bộ.\n\nĐoạn hai.';
    expect(firstParagraphText(body)).toBe("Huyện ủy chú trọng đào tạo cán bộ.");
  });

  it("is the plain text of the first prose paragraph, after photos and headings", () => {
    const body = "![Ảnh](a.jpg)\n\n## Tiêu đề\n\nĐoạn **đầu** có [liên kết](/x/)\nvà dòng hai.\n\nĐoạn sau.";
    expect(firstParagraphText(body)).toBe("Đoạn đầu có liên kết và dòng hai.");
  });

  it("reads Windows line endings and blank lines with spaces as paragraph breaks", () => {
    expect(firstParagraphText("<div>x</div>\r\n  \r\nPhú Ninh.\r\n\r\nSau.")).toBe("Phú Ninh.");
  });

  it("drops raw HTML tags and decodes entities, so no markup reaches a feed as HTML", () => {
    const body =
      'Ủy ban <abbr title="Ủy ban nhân dân">UBND</abbr> huyện &amp; <b onclick="x()">xã</b>, 3 &lt; 5.';
    expect(firstParagraphText(body)).toBe("Ủy ban UBND huyện & xã, 3 < 5.");
  });

  it("is empty when the body has no prose", () => {
    expect(firstParagraphText("![Ảnh](a.jpg)\n\n# Tiêu đề\n")).toBe("");
  });
});
