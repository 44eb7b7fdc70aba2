import { describe, expect, it } from "vitest";
import { firstParagraphText } from "../../lib/content/summary.ts";

describe("firstParagraphText", () => {
  it("skips an opening photo and keeps the first prose paragraph as plain text", () => {
    const body = '![Ảnh](a.jpg "Chú thích")\n\nHuyện ủy **chú trọng** [đào tạo](/x/) cán bộ.\n\nĐoạn hai.';
    expect(firstParagraphText(body)).toBe("Huyện ủy chú trọng đào tạo cán bộ.");
  });
});
