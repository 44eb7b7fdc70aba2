import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadArticles } from "../../lib/content/load.ts";
import type { Problem } from "../../lib/content/problems.ts";
import { articleMarkdown, makeContentDir, writeArticle } from "../support/fixture.ts";
import { compoundFile, docx, openDocument, pdf, xlsx } from "../support/documents.ts";

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const HEIC = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from("ftypheic\0\0\0\0mif1heic"),
  Buffer.alloc(16),
]);
const fields = {
  title: "Báo cáo kết quả thực hiện nhiệm vụ năm 2024",
  date: "2025-01-10T08:00",
  author: "Ngô Mỹ",
  unit: "Văn phòng HĐND-UBND huyện",
  category: "xay-dung-dang",
};

/** Loads a content folder with one article (`bai`) and returns the article and the problems. */
function load(
  body: string,
  files: Record<string, string | Buffer> = {},
  extra: Record<string, unknown> = {},
) {
  const content = makeContentDir();
  writeArticle(content, "bai", articleMarkdown({ ...fields, ...extra }, body), files);
  const result = loadArticles(content, content);
  return { content, article: result.articles[0], problems: result.problems };
}
const summary = (problems: readonly Problem[]) => problems.map((p) => `${p.file} ${p.severity} ${p.field}`);

describe("an article folder's files", () => {
  it("accepts photos it shows and documents it links to, each judged by its bytes", () => {
    const body =
      "![Ảnh](anh.jpg)\n\n![Logo](./logo.png)\n\n[Quyết định](quyet-dinh.pdf#page=2), [báo cáo](bao-cao.docx), " +
      "[bảng](so-lieu.xlsx), [cũ](cu.doc), [văn bản](van-ban.odt), [bảng tính](bang.ods)";
    const { article, problems } = load(body, {
      "anh.jpg": JPEG,
      "logo.png": PNG,
      "quyet-dinh.pdf": pdf(),
      "bao-cao.docx": docx(),
      "so-lieu.xlsx": xlsx(),
      "cu.doc": compoundFile(),
      "van-ban.odt": openDocument("text"),
      "bang.ods": openDocument("spreadsheet"),
    });
    expect(problems).toEqual([]);
    expect(article?.attachments.map((a) => `${a.name}:${a.kind}`).sort()).toEqual([
      "bang.ods:ods",
      "bao-cao.docx:docx",
      "cu.doc:ole",
      "quyet-dinh.pdf:pdf",
      "so-lieu.xlsx:xlsx",
      "van-ban.odt:odt",
    ]);
    expect(article?.bodyImages.map((i) => path.basename(i.path ?? ""))).toEqual(["anh.jpg", "logo.png"]);
  });

  it("warns about an unused photo and refuses an unlinked document", () => {
    const { problems } = load("Bài.", { "thua.jpg": JPEG, "quyet-dinh.pdf": pdf() });
    expect(summary(problems)).toEqual([
      "articles/bai/quyet-dinh.pdf error (tệp)",
      "articles/bai/thua.jpg warning (tệp)",
    ]);
  });

  it("refuses a name that claims another kind than the bytes, and names HEIC", () => {
    const { problems } = load("![a](a.png)\n\n[b](b.pdf)\n\n![c](c.jpg)", {
      "a.png": JPEG,
      "b.pdf": "<html><script>alert(1)</script></html>",
      "c.jpg": HEIC,
    });
    const files = problems.filter((p) => p.field === "(tệp)");
    expect(files.map((p) => p.file)).toEqual([
      "articles/bai/a.png",
      "articles/bai/b.pdf",
      "articles/bai/c.jpg",
    ]);
    expect(files[0]?.message).toMatch(/là ảnh JPEG/);
    expect(files[2]?.message).toMatch(/HEIC/);
    // Each reference is named too, with its line.
    expect(problems.filter((p) => p.field === "body").map((p) => p.line)).toEqual([9, 11, 13]);
  });

  it("refuses a link to a photo: originals are never published", () => {
    const { problems } = load("![Ảnh](anh.jpg)\n\n[ảnh gốc](anh.jpg)", { "anh.jpg": JPEG });
    expect(problems.map((p) => `${p.field}:${p.line}`)).toEqual(["body:11"]);
    expect(problems[0]?.message).toMatch(/ảnh gốc không bao giờ được xuất bản/);
  });

  it("refuses a symbolic link, even to a photo of the same folder", () => {
    const content = makeContentDir();
    const dir = writeArticle(content, "bai", articleMarkdown(fields, "![Ảnh](lien-ket.jpg)"), {
      "anh.jpg": JPEG,
    });
    symlinkSync(path.join(dir, "anh.jpg"), path.join(dir, "lien-ket.jpg"));
    const { problems } = loadArticles(content, content);
    expect(summary(problems)).toContain("articles/bai/lien-ket.jpg error (tệp)");
    expect(summary(problems)).toContain("articles/bai/index.md error body");
  });

  it("refuses image.src outside the folder, naming the field and line", () => {
    const { problems } = load("Bài.", {}, { image: { src: "/etc/passwd", alt: "x" } });
    expect(problems.map((p) => `${p.field}:${p.line}`)).toEqual(["image.src:7"]);
  });

  it("finds a file whose Vietnamese name is NFD on disk (copied from macOS), from NFC or NFD text", () => {
    const photo = "ảnh-hội-nghị.jpg";
    const document = "quyết-định.pdf";
    const { article, problems } = load(
      `![Hội nghị](${photo.normalize("NFD")})\n\n[Quyết định](${document})`,
      { [photo.normalize("NFD")]: JPEG, [document.normalize("NFD")]: pdf() },
      { image: { src: photo.normalize("NFD"), alt: "Hội nghị" } },
    );
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(article?.image?.path).toMatch(/\.jpg$/);
    // Published under the name the body links to.
    expect(article?.attachments.map((a) => a.name)).toEqual([document]);
  });

  it("only warns about operating-system litter", () => {
    const { problems } = load("Bài.", { ".DS_Store": "x", "Thumbs.db": "x" });
    expect(problems.map((p) => p.severity)).toEqual(["warning", "warning"]);
  });
});

describe("the content folder's top", () => {
  it("names unknown files, data scripts, loose files and folders without index.md", () => {
    const content = makeContentDir();
    writeArticle(content, "bai", articleMarkdown(fields));
    writeFileSync(path.join(content, "netlify.toml"), "[[redirects]]");
    writeFileSync(path.join(content, "_data", "site.11tydata.js"), "module.exports = {}");
    writeFileSync(path.join(content, "articles", "ghi-chu.md"), "x");
    mkdirSync(path.join(content, "articles", "trong"));
    writeFileSync(path.join(content, "articles", "trong", "INDEX.MD"), articleMarkdown(fields));
    symlinkSync(path.join(content, "articles", "bai"), path.join(content, "articles", "ban-sao"));
    const { problems, articles } = loadArticles(content, content);
    expect(articles.map((a) => a.slug)).toEqual(["bai"]);
    expect(summary(problems).sort()).toEqual([
      "_data/site.11tydata.js error (tệp)",
      "articles/ban-sao error (tệp)",
      "articles/ghi-chu.md error (tệp)",
      "articles/trong error (tệp)",
      "netlify.toml error (tệp)",
    ]);
    expect(problems.find((p) => p.file === "articles/trong")?.message).toMatch(/"INDEX.MD" thành index.md/);
  });
});
