/**
 * What a district official reads for the mistakes they really make, through the real loader: plain
 * Vietnamese with the fix, on the line to change, and never an English parser message.
 */
import { describe, expect, it } from "vitest";
import { loadArticles } from "../../lib/content/load.ts";
import { makeContentDir, writeArticle } from "../support/fixture.ts";

const FIELDS = [
  'title: "Hội nghị tổng kết công tác cán bộ"',
  "date: 2025-06-02",
  "author: Ngô Mỹ",
  "unit: Trung tâm Bồi dưỡng chính trị huyện",
  "category: xay-dung-dang",
];

/** Errors of an article whose front matter is FIELDS with `replace` swapped in (or added). */
function errorsWith(replace: Record<string, string>, body = "Nội dung bài.") {
  const lines = FIELDS.map((line) => replace[line.split(":")[0] ?? ""] ?? line);
  for (const [key, line] of Object.entries(replace))
    if (!FIELDS.some((f) => f.startsWith(`${key}:`))) lines.push(line);
  const content = makeContentDir();
  writeArticle(content, "bai", `---\n${lines.join("\n")}\n---\n\n${body}\n`);
  return loadArticles(content, content)
    .problems.filter((p) => p.severity === "error")
    .map((p) => ({ line: p.line, field: p.field, message: p.message }));
}

const ENGLISH =
  /\b(?:Invalid|expected|received|Nested|mapping|Missing|Unexpected|must|allowed|string|array)\b/;

describe("messages an official can act on", () => {
  it("a headline with a colon: put the title in double quotes", () => {
    expect(errorsWith({ title: "title: Phú Ninh: hội nghị tổng kết" })).toEqual([
      {
        line: 2,
        field: "(đầu bài)",
        message:
          'tiêu đề có dấu hai chấm: hãy đặt tiêu đề trong dấu ngoặc kép, ví dụ title: "Phú Ninh: hội nghị tổng kết"',
      },
    ]);
  });

  it("an unclosed quote: the line that opened it", () => {
    const [error] = errorsWith({ title: 'title: "Phú Ninh tổng kết' });
    expect(error?.line).toBe(2);
    expect(error?.message).toMatch(/thiếu dấu ngoặc kép \(”?"?\)? ?đóng/);
  });

  it("tags written as a comma list: the exact list to write", () => {
    expect(errorsWith({ tags: "tags: cán bộ, đại hội" })).toEqual([
      {
        line: 7,
        field: "tags",
        message:
          'các thẻ viết thành danh sách trong ngoặc vuông, mỗi mục trong ngoặc kép: tags: ["cán bộ", "đại hội"]',
      },
    ]);
  });

  it("a day-first date: the ISO spelling of that very date", () => {
    expect(errorsWith({ date: "date: 31/12/2025" })).toEqual([
      {
        line: 3,
        field: "date",
        message: "ngày phải viết theo thứ tự năm-tháng-ngày (ISO 8601): viết 2025-12-31 thay cho 31/12/2025",
      },
    ]);
  });

  it("a category written as its display name: the slug", () => {
    expect(errorsWith({ category: "category: Xây dựng Đảng" })[0]?.message).toBe(
      "chuyên mục viết bằng mã, không dấu: có phải ý bạn là category: xay-dung-dang ?",
    );
  });

  it("a missing or non-text field: no jargon", () => {
    const errors = errorsWith({ author: "author:", unit: "unit: 2025" });
    expect(errors.map((e) => [e.field, e.message])).toEqual([
      ["author", "thiếu tác giả"],
      ["unit", "đơn vị cần có nội dung chữ, đặt trong dấu ngoặc kép"],
    ]);
  });

  it("a # in a value: quote it, or the rest is silently dropped", () => {
    expect(errorsWith({ title: "title: Tin #1 hay" })).toEqual([
      {
        line: 2,
        field: "(đầu bài)",
        message:
          'phần sau dấu # bị bỏ đi (YAML hiểu đó là ghi chú): nếu # thuộc nội dung, đặt cả giá trị trong dấu ngoặc kép, ví dụ title: "Tin #1 hay"; nếu là ghi chú, chuyển lên một dòng riêng',
      },
    ]);
  });

  it("a title starting with [ never closed: on its own line", () => {
    const [error] = errorsWith({ title: "title: [Phú Ninh tổng kết" });
    expect(error?.line).toBe(2);
    expect(error?.message).toMatch(/^giá trị mở bằng \[ mà không có \] đóng: .*title: "\[Phú Ninh tổng kết"/);
  });

  it("a lead photo written on one line: the two lines to write", () => {
    expect(errorsWith({ image: "image: anh.jpg" }, "")[0]?.message).toMatch(
      /hai dòng con dưới "image:".*"  src: anh\.jpg"/,
    );
  });

  it("an unknown field: where it is and which fields exist", () => {
    expect(errorsWith({ tacgia: "tacgia: Ngô Mỹ" })[0]).toEqual({
      line: 7,
      field: "tacgia",
      message: expect.stringMatching(
        /^trường không được hỗ trợ: tacgia \(các trường dùng được: title, date, .*author/,
      ),
    });
    expect(errorsWith({ image: "image:\n  src: anh.jpg\n  alt: Cầu\n  tacgia: A" }, "")).toContainEqual({
      line: 7,
      field: "image.tacgia",
      message: "trường không được hỗ trợ: tacgia (các trường dùng được: src, alt, caption)",
    });
  });

  it("never shows an English parser or schema message", () => {
    const cases: Record<string, string>[] = [
      { title: "title: Phú Ninh: họp" },
      { title: "title: 'Phú Ninh" },
      { title: "title: [Phú Ninh" },
      { image: "image:\n\tsrc: anh.jpg" },
      { title: "title: @Phú Ninh" },
      { draft: "draft: có" },
      { tags: "tags: {a: 1}" },
      { aliases: "aliases: /tin-tuc/cu/" },
      { image: "image:\n  src: anh.jpg\n  alt: 3\n  caption: [x]" },
      { summary: "summary: [1, 2]" },
      { date: "date: 2025" },
      { title: "title: x\n  bad indent: y" },
      { extra: "tacgia: Ngô Mỹ" },
      { title: "title: Một\ntitle: Hai" },
    ];
    for (const replace of cases) {
      const errors = errorsWith(replace);
      expect(errors.length, JSON.stringify(replace)).toBeGreaterThan(0);
      for (const error of errors) expect(error.message, JSON.stringify(replace)).not.toMatch(ENGLISH);
      if (process.env.SHOW) console.log(JSON.stringify(replace), errors);
    }
  });
});
