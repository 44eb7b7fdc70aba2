import { describe, expect, it } from "vitest";
import { unreadReferences as unreadIn } from "../../lib/content/image-syntax.ts";
import { parseBody } from "../../lib/content/html-policy.ts";

const unreadReferences = (body: string) => unreadIn(parseBody(body));

describe("unreadReferences", () => {
  // Regression: `![](Ảnh Hội Nghị.JPG)` was published as plain text and `check` reported 0 errors.
  it("reports a photo whose file name has spaces, on its line, with the exact fix", () => {
    const found = unreadReferences("Đoạn một\ncó ảnh ![Hội nghị](Ảnh Hội Nghị.JPG) ở đây.\n");
    expect(found).toEqual([
      {
        line: 2,
        message:
          'ảnh "Ảnh Hội Nghị.JPG" sẽ hiện thành chữ vì tên tệp có dấu cách: viết ![Hội nghị](<Ảnh Hội Nghị.JPG>), hoặc đổi tên tệp thành anh-hoi-nghi.jpg rồi viết ![Hội nghị](anh-hoi-nghi.jpg)',
      },
    ]);
  });

  it("accepts the fixed forms and leaves code alone", () => {
    const body =
      '![Hội nghị](<Ảnh Hội Nghị.JPG>)\n\n![Cầu](cau.jpg "Chú thích")\n\n`![](a b.jpg)`\n\n```\n![](a b.jpg)\n```\n';
    expect(unreadReferences(body)).toEqual([]);
  });

  it("reports a photo left unclosed and an attachment link with spaces", () => {
    const found = unreadReferences(
      "![Cầu](cau.jpg\n\nXem [Quyết định](Quyết định 12.pdf).\n\n[trang](https://x.vn/a b)",
    );
    expect(found.map((f) => [f.line, f.message.split(":")[0]])).toEqual([
      [1, 'ảnh "cau.jpg" thiếu dấu ) đóng nên sẽ hiện thành chữ'],
      [3, 'liên kết "Quyết định 12.pdf" sẽ hiện thành chữ vì tên tệp có dấu cách'],
    ]);
  });

  it("reports any other image markup markdown-it could not read", () => {
    const [found] = unreadReferences("Ảnh ![Cầu](cau(1.jpg) đây");
    expect(found?.message).toMatch(/không đọc được nên sẽ hiện thành chữ/);
  });
});
