import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { articleMarkdown, makeContentDir, runBuild, writeArticle } from "../support/fixture.ts";
import { runScript } from "./run-script.ts";

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
const base = {
  date: "2024-05-01T08:00",
  author: "Nguyễn Văn Hòa",
  unit: "Phòng Văn hóa",
  category: "van-hoa-xa-hoi",
};

/** The 1-based line of the first line of `file` containing `needle`, as an author's editor shows it. */
function lineOf(file: string, needle: string): number {
  const index = readFileSync(file, "utf8")
    .split("\n")
    .findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`${needle} not in ${file}`);
  return index + 1;
}

describe("npm run check", () => {
  it("reports every error class at once, each with file:line, and exits 1", async () => {
    const content = makeContentDir();
    const rel = (slug: string): string =>
      path.relative(process.cwd(), path.join(content, "articles", slug, "index.md"));
    const file = (slug: string): string => path.join(content, "articles", slug, "index.md");
    writeArticle(
      content,
      "anh-va-lien-ket",
      articleMarkdown(
        { title: "Ảnh và liên kết", ...base, tags: ["hòa bình"] },
        [
          "Đoạn mở đầu.",
          "",
          "![](co-anh.jpg)",
          "",
          "![CẦN BỔ SUNG MÔ TẢ ẢNH](anhamy.jpg)",
          "",
          '<img src="co-anh.jpg">',
          "",
          "Xem [bài cũ](/tin-tuc/khong-co-bai-nay/) và [bài đúng](https://phuninh.gov.vn/tin-tuc/hoa-binh/).",
        ].join("\n"),
      ),
      { "co-anh.jpg": JPEG },
    );
    writeArticle(
      content,
      "hoa-binh",
      articleMarkdown(
        { title: "Hoà bình", ...base, tags: ["hoà bình"], aliases: ["/tin-tuc/cu/"] },
        [
          "Nội dung.",
          "",
          '<p onclick="alert(1)">bấm</p>',
          "",
          "<script>alert(1)</script>",
          "",
          "[x](javascript:alert(1))",
        ].join("\n"),
      ),
    );
    writeArticle(
      content,
      "hoa-binh-2",
      articleMarkdown(
        { title: "HÒA BÌNH", ...base, aliases: ["/tin-tuc/cu"] },
        "Nội dung.\n\nXem [bài đang viết](/tin-tuc/bai-nhap/).",
      ),
    );
    writeArticle(content, "bai-nhap", articleMarkdown({ title: "Bài nháp", ...base, draft: true }));
    writeArticle(
      content,
      "thieu-tac-gia",
      articleMarkdown({ title: "Thiếu tác giả", date: "2024-05-01", unit: "X", category: "kinh-te" }),
    );
    writeArticle(
      content,
      "nfd",
      articleMarkdown({ title: "Bài NFD", ...base, unit: "Phòng Văn hóa".normalize("NFD") }),
    );

    const run = await runScript("check", ["--content", content]);
    expect(run.code).toBe(1);
    const out = run.stdout;
    const expectLine = (slug: string, needle: string, message: string): void => {
      expect(out).toContain(`${rel(slug)}:${lineOf(file(slug), needle)}  `);
      const line = out
        .split("\n")
        .find((l) => l.startsWith(`${rel(slug)}:${lineOf(file(slug), needle)}  `) && l.includes(message));
      expect(line, `${slug} ${needle} → ${message}\n${out}`).toBeDefined();
    };
    expectLine("anh-va-lien-ket", "![](co-anh.jpg)", '[lỗi] body: ảnh "co-anh.jpg" thiếu mô tả (alt)');
    expectLine("anh-va-lien-ket", "anhamy.jpg", 'ảnh "anhamy.jpg" chưa có mô tả');
    expectLine("anh-va-lien-ket", "anhamy.jpg", 'không tìm thấy tệp ảnh "anhamy.jpg"');
    expectLine(
      "anh-va-lien-ket",
      "<img",
      "thẻ <img> không được dùng: chèn ảnh bằng cú pháp Markdown ![mô tả](anh.jpg)",
    );
    expectLine("hoa-binh-2", "bai-nhap", "liên kết /tin-tuc/bai-nhap/ trỏ tới bài viết nháp (draft: true)");
    expectLine(
      "anh-va-lien-ket",
      "khong-co-bai-nay",
      "liên kết /tin-tuc/khong-co-bai-nay/ trỏ tới bài viết không tồn tại",
    );
    expectLine("hoa-binh", "onclick", "[lỗi] body: thuộc tính HTML onclick=");
    expectLine("hoa-binh", "<script>", "thẻ HTML <script>");
    expectLine("hoa-binh", "javascript:", "javascript:");
    // Files are read in name order, so "hoa-binh-2" comes first and "hoa-binh" is the duplicate.
    expectLine(
      "hoa-binh",
      "aliases",
      `[lỗi] aliases: địa chỉ cũ "/tin-tuc/cu/" đã được bài ${rel("hoa-binh-2")} khai báo`,
    );
    expectLine("hoa-binh", "title", `[cảnh báo] title: tiêu đề trùng với bài ${rel("hoa-binh-2")}`);
    // A missing field has no line of its own: it is reported at the front matter's opening line.
    expectLine("thieu-tac-gia", "---", "[lỗi] author:");
    expectLine("nfd", "unit", "[cảnh báo] (tệp): văn bản không ở dạng Unicode NFC");
    // Tone placement: "hoà bình" (one article) vs "hòa bình": both spellings and the other file named.
    expectLine(
      "hoa-binh",
      "tags",
      `[cảnh báo] tags: "hoà bình" là cách viết khác của "hòa bình" (dùng trong ${rel("anh-va-lien-ket")})`,
    );
    // The good link to an existing article, written with the site's address, is not reported.
    expect(out).not.toContain("/tin-tuc/hoa-binh/ trỏ");
    expect(out).toMatch(/Đã kiểm tra 6 bài trong \d+ ms: 11 lỗi, 3 cảnh báo\./);
  });

  // Regression: a missing lead photo appeared only once the front-matter errors were fixed, and a
  // photo named with spaces was published as text with "0 lỗi".
  it("lists a broken headline and every photo problem of the article in the same pass", async () => {
    const content = makeContentDir();
    const markdown = [
      "---",
      "title: Phú Ninh: hội nghị tổng kết",
      "date: 31/12/2025",
      "author: Nguyễn Văn Hòa",
      "unit: Phòng Văn hóa",
      "category: Văn hóa - Xã hội",
      "image:",
      "  src: anh-dai-dien.jpg",
      "  alt: Toàn cảnh hội nghị",
      "---",
      "",
      "Đoạn mở đầu.",
      "",
      "![Đại biểu phát biểu](Ảnh Hội Nghị.JPG)",
      "",
      "![Trao giải](trao giai.jpg)",
      "",
    ].join("\n");
    const dir = writeArticle(content, "tong-ket", markdown, {
      "Ảnh Đại Diện.JPG": JPEG,
      "Ảnh Hội Nghị.JPG": JPEG,
      "Trao Giải.jpg": JPEG,
    });
    const run = await runScript("check", ["--content", content]);
    expect(run.code).toBe(1);
    const rel = path.relative(process.cwd(), path.join(dir, "index.md"));
    const lines = run.stdout.split("\n").filter((l) => l.startsWith(rel));
    expect(lines).toEqual([
      `${rel}:2  [lỗi] (đầu bài): tiêu đề có dấu hai chấm: hãy đặt tiêu đề trong dấu ngoặc kép, ví dụ title: "Phú Ninh: hội nghị tổng kết"`,
      `${rel}:3  [lỗi] date: ngày phải viết theo thứ tự năm-tháng-ngày (ISO 8601): viết 2025-12-31 thay cho 31/12/2025`,
      `${rel}:6  [lỗi] category: chuyên mục viết bằng mã, không dấu: có phải ý bạn là category: van-hoa-xa-hoi ?`,
      `${rel}:7  [lỗi] image.src: không tìm thấy tệp ảnh "anh-dai-dien.jpg" trong thư mục bài viết; có phải ý bạn là "Ảnh Đại Diện.JPG" ? (tên tệp phải viết đúng từng chữ hoa, chữ thường và dấu)`,
      `${rel}:14  [lỗi] body: ảnh "Ảnh Hội Nghị.JPG" sẽ hiện thành chữ vì tên tệp có dấu cách: viết ![Đại biểu phát biểu](<Ảnh Hội Nghị.JPG>), hoặc đổi tên tệp thành anh-hoi-nghi.jpg rồi viết ![Đại biểu phát biểu](anh-hoi-nghi.jpg)`,
      `${rel}:16  [lỗi] body: ảnh "trao giai.jpg" sẽ hiện thành chữ vì tên tệp có dấu cách: viết ![Trao giải](<trao giai.jpg>), hoặc đổi tên tệp thành trao-giai.jpg rồi viết ![Trao giải](trao-giai.jpg)`,
    ]);

    // Written as the message says, a name with spaces is read, and its near miss named.
    writeFileSync(path.join(dir, "index.md"), markdown.replace("(trao giai.jpg)", "(<trao giai.jpg>)"));
    const again = (await runScript("check", ["--content", content])).stdout;
    expect(again).toContain(
      `${rel}:16  [lỗi] body: không tìm thấy tệp ảnh "trao giai.jpg" trong thư mục bài viết; có phải ý bạn là "Trao Giải.jpg" ?`,
    );
  });

  it("exits 0 when there are only warnings", async () => {
    const content = makeContentDir();
    writeArticle(content, "mot", articleMarkdown({ title: "Trùng tên", ...base, unit: "Phòng Văn hoá" }));
    writeArticle(content, "hai", articleMarkdown({ title: "Trùng tên", ...base }));
    const run = await runScript("check", ["--content", content]);
    expect(run.stdout).toContain("0 lỗi, 2 cảnh báo");
    expect(run.code).toBe(0);
  });

  it("unsafe HTML, a photo without its file and a broken link also fail the real build, with file:line", async () => {
    const content = makeContentDir();
    writeArticle(
      content,
      "co-iframe",
      articleMarkdown(
        { title: "Có iframe", ...base },
        'Đoạn một.\n\n<iframe src="https://example.com"></iframe>\n\n![Lễ khai mạc](khai-mac.jpg)\n\n[cũ](/tin-tuc/khong-co/)',
      ),
    );
    const build = await runBuild(content);
    expect(build.code).toBe(1);
    const file = path.join(content, "articles", "co-iframe", "index.md");
    expect(build.stderr).toContain(
      `${path.relative(process.cwd(), file)}:${lineOf(file, "<iframe")}  [lỗi] body: thẻ HTML <iframe>`,
    );
    expect(build.stderr).toContain(
      `${path.relative(process.cwd(), file)}:${lineOf(file, "khai-mac.jpg")}  [lỗi] body: không tìm thấy tệp ảnh \"khai-mac.jpg\"`,
    );
    expect(build.stderr).toContain(
      `${path.relative(process.cwd(), file)}:${lineOf(file, "khong-co")}  [lỗi] body: liên kết /tin-tuc/khong-co/`,
    );
  });
});
