import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "../../lib/content/front-matter.ts";
import { makeContentDir, seedDir, seedMarkdown, SEED_SLUG } from "../support/fixture.ts";
import { runScript } from "./run-script.ts";

const SEED_PAGE = path.join("tests", "fixtures", "legacy", "000_bb7d62f00e8dc002.txt");
// The photo the committed seed article uses where the old page had the marker `anhamy`.
const SEED_IMAGE =
  "anhamy=anh-minh-hoa.jpg|Ảnh minh họa thay thế: phong cảnh đồi và hồ do hệ thống tự vẽ, không phải ảnh gốc|Ảnh minh họa. Ảnh gốc của bài viết không còn được lưu giữ.";

const imported = (content: string): string => path.join(content, "articles", SEED_SLUG, "index.md");

describe("npm run import", () => {
  it("reproduces the committed seed article's body exactly, with title, author and unit from the page", async () => {
    const content = makeContentDir();
    const args = [
      SEED_PAGE,
      "--out",
      path.join(content, "articles"),
      "--date",
      "2018-06-01",
      "--category",
      "xay-dung-dang",
    ];
    const run = await runScript("import", [
      ...args,
      "--image",
      `${SEED_IMAGE.replace("anh-minh-hoa.jpg", path.join(seedDir, "anh-minh-hoa.jpg"))}`,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const ours = splitFrontMatter(readFileSync(imported(content), "utf8"));
    const committed = splitFrontMatter(seedMarkdown());
    expect(ours.body).toBe(committed.body);
    const fields = committed.data as Record<string, unknown>;
    expect(ours.data).toEqual({
      title: fields.title,
      date: fields.date,
      author: fields.author,
      unit: fields.unit,
      category: fields.category,
    });
    // The photo file given with --image is copied into the bundle, so the import passes check as is.
    expect(readdirSync(path.dirname(imported(content))).sort()).toEqual(["anh-minh-hoa.jpg", "index.md"]);
    const check = await runScript("check", ["--content", content]);
    expect(check.stdout).toContain("0 lỗi, 0 cảnh báo");

    // Importing the same page again never overwrites.
    const again = await runScript("import", args);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("không ghi đè");
  });

  it("invents nothing: no date means a marked draft, an unmapped marker an image check keeps reporting", async () => {
    const content = makeContentDir();
    const run = await runScript("import", [SEED_PAGE, "--content", content]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('chưa chọn chuyên mục: tạm xếp vào "tin-tuc-su-kien"');
    expect(run.stdout).toContain('ảnh "anhamy" chưa có tệp');
    const text = readFileSync(imported(content), "utf8");
    const data = splitFrontMatter(text).data as Record<string, unknown>;
    expect(data.draft).toBe(true);
    expect(String(data.dateNote)).toContain("CHƯA RÕ NGÀY ĐĂNG");
    // The marker stands where it stood, as a photo reference; the banner and footer lines are gone.
    expect(text).not.toMatch(/bannergis|Phuninh\.gov\.vn|Trang vàng/);
    const lines = text.split("\n");
    const markerLine = lines.findIndex((line) => line === "![CẦN BỔ SUNG MÔ TẢ ẢNH](anhamy.jpg)") + 1;
    expect(markerLine).toBeGreaterThan(0);

    const check = await runScript("check", ["--content", content]);
    expect(check.code).toBe(1);
    const file = path.relative(process.cwd(), imported(content));
    expect(check.stdout).toContain(`${file}:${markerLine}  [lỗi] body: ảnh anhamy.jpg chưa có mô tả`);
    expect(check.stdout).toContain(`${file}:${markerLine}  [lỗi] body: không tìm thấy tệp ảnh anhamy.jpg`);
    expect(check.stdout).toContain(
      `${file}:${lines.findIndex((l) => l.startsWith("dateNote:")) + 1}  [cảnh báo] dateNote: ngày đăng chưa được xác định`,
    );
  });
});
