import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadArticles, publishedArticles } from "../../lib/content/load.ts";
import { articleMarkdown, makeContentDir, writeArticle } from "../support/fixture.ts";

const valid = {
  title: "Đảng ủy xã Tam Thành tổng kết năm",
  date: "2025-11-26T08:30",
  author: "Ngô Mỹ",
  unit: "Trung tâm Bồi dưỡng chính trị huyện",
  category: "xay-dung-dang",
};

/** Loads a content folder holding one article with `fields` and returns its problems. */
function problemsFor(fields: Record<string, unknown>) {
  const content = makeContentDir();
  writeArticle(content, "bai-thu", articleMarkdown(fields));
  return loadArticles(content, content).problems.filter((p) => p.severity === "error");
}

describe("loadArticles", () => {
  it("loads a valid article with a Vietnam-time date and a URL from its folder", () => {
    const content = makeContentDir();
    writeArticle(content, "bai-thu", articleMarkdown(valid));
    const { articles, problems } = loadArticles(content, content);
    expect(problems).toEqual([]);
    expect(articles[0]?.url).toBe("/tin-tuc/bai-thu/");
    expect(articles[0]?.date.instant.toISOString()).toBe("2025-11-26T01:30:00.000Z");
    expect(articles[0]?.category.name).toBe("Xây dựng Đảng");
  });

  it("names the file and the field of a missing required field", () => {
    const { author: _author, ...rest } = valid;
    const [problem] = problemsFor(rest);
    expect(problem?.file).toBe("articles/bai-thu/index.md");
    expect(problem?.field).toBe("author");
  });

  it("reports a wrong type with the line of the field", () => {
    const [problem] = problemsFor({ ...valid, tags: "cán bộ" });
    expect(problem?.field).toBe("tags");
    expect(problem?.line).toBe(7);
  });

  it("refuses an unknown field", () => {
    const [problem] = problemsFor({ ...valid, tieude: "x" });
    expect(problem?.field).toBe("tieude");
    expect(problem?.message).toMatch(/không được hỗ trợ/);
  });

  it("refuses an impossible date such as 2020-02-31", () => {
    const [problem] = problemsFor({ ...valid, date: "2020-02-31" });
    expect(problem?.field).toBe("date");
    expect(problem?.message).toMatch(/không tồn tại/);
  });

  it("refuses an unknown category and lists the known ones", () => {
    const [problem] = problemsFor({ ...valid, category: "the-thao" });
    expect(problem?.field).toBe("category");
    expect(problem?.message).toMatch(/xay-dung-dang/);
  });

  it("refuses a lead image without alt text, and names its missing file in the same pass", () => {
    const fields = problemsFor({ ...valid, image: { src: "anh.jpg", alt: "" } }).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(["image.alt", "image.src"]));
  });

  it("reports the problems of every file together", () => {
    const content = makeContentDir();
    writeArticle(content, "mot", articleMarkdown({ ...valid, date: "2020-02-31" }));
    writeArticle(content, "hai", articleMarkdown({ ...valid, category: "khong-co" }));
    const errors = loadArticles(content, content).problems.filter((p) => p.severity === "error");
    expect(errors.map((p) => `${p.file} ${p.field}`).sort()).toEqual([
      "articles/hai/index.md category",
      "articles/mot/index.md date",
    ]);
  });

  it("normalises NFD front matter and body to NFC, with a warning", () => {
    const content = makeContentDir();
    writeArticle(content, "nfd", articleMarkdown(valid, "Cán bộ Đảng ủy").normalize("NFD"));
    const { articles, problems } = loadArticles(content, content);
    expect(articles[0]?.title).toBe(valid.title);
    expect(articles[0]?.body.trim()).toBe("Cán bộ Đảng ủy");
    expect(problems.map((p) => p.severity)).toEqual(["warning"]);
  });

  it("holds back drafts and future articles from readers", () => {
    const content = makeContentDir();
    writeArticle(content, "nhap", articleMarkdown({ ...valid, draft: true }));
    writeArticle(content, "tuong-lai", articleMarkdown({ ...valid, date: "2099-01-01" }));
    writeArticle(content, "da-dang", articleMarkdown(valid));
    const { articles } = loadArticles(content, content);
    const now = new Date("2026-01-01T00:00:00Z");
    expect(publishedArticles(articles, now).map((a) => a.slug)).toEqual(["da-dang"]);
    expect(publishedArticles(articles, now, true)).toHaveLength(3);
  });

  it("reads a file saved by Windows Notepad: BOM and CRLF line ends", () => {
    const content = makeContentDir();
    const markdown = articleMarkdown(valid).replace(/\n/g, "\r\n");
    const dir = writeArticle(content, "notepad", "");
    writeFileSync(
      path.join(dir, "index.md"),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(markdown)]),
    );
    const { articles, problems } = loadArticles(content, content);
    expect(problems).toEqual([]);
    expect(articles[0]?.title).toBe(valid.title);
    expect(articles[0]?.body).not.toContain("\r");
  });

  it("refuses a title, a tag list or tags over their limits, naming the field", () => {
    const long = "Phú Ninh ".repeat(25).trim();
    expect(problemsFor({ ...valid, title: long }).map((p) => [p.field, p.message])).toEqual([
      ["title", expect.stringMatching(/tiêu đề dài 224 ký tự, tối đa 200/)],
    ]);
    const tags = Array.from({ length: 21 }, (_, i) => `thẻ ${i}`);
    expect(problemsFor({ ...valid, tags }).map((p) => p.field)).toEqual(["tags"]);
    expect(problemsFor({ ...valid, tags: ["x".repeat(61)] }).map((p) => p.field)).toEqual(["tags.0"]);
  });

  it("lists text, front-matter and body problems of a file together", () => {
    const content = makeContentDir();
    writeArticle(
      content,
      "nhieu-loi",
      articleMarkdown(
        { ...valid, title: "Phú Ninh: họp" },
        "Dòng có NUL\u0000.\n\n![Ảnh](khong-co.jpg)",
      ).replace('"Phú Ninh: họp"', "Phú Ninh: họp"),
    );
    const problems = loadArticles(content, content).problems.map((p) => `${p.line} ${p.field}`);
    expect(problems).toEqual(["9 (tệp)", "2 (đầu bài)", "11 body"]);
  });

  it("refuses a folder name that is not a slug", () => {
    const content = makeContentDir();
    writeArticle(content, "Bài Viết", articleMarkdown(valid));
    const [problem] = loadArticles(content, content).problems;
    expect(problem?.field).toBe("(thư mục)");
    expect(problem?.message).toMatch(/bai-viet/);
  });
});
