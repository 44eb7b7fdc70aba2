/**
 * Photo names as cameras and Windows make them (spaces, capitals, marks), through a real build.
 * Regression: `![](Ảnh Hội Nghị.JPG)` was published as plain text and `check` reported 0 errors.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { articleMarkdown, makeContentDir, runBuild, VALID_FIELDS, writeArticle } from "../support/fixture.ts";
import { plainJpeg } from "../images/photos.ts";

/** Builds an article whose photo `Ảnh Hội Nghị.JPG` is referenced as `![Đại biểu phát biểu](ref)`. */
async function buildWithPhotoAs(ref: string) {
  const content = makeContentDir();
  writeArticle(
    content,
    "hoi-nghi",
    articleMarkdown(VALID_FIELDS, `Mở đầu.\n\n![Đại biểu phát biểu](${ref})\n`),
    { "Ảnh Hội Nghị.JPG": await plainJpeg(1200, 800) },
  );
  return runBuild(content);
}

describe("photo names with spaces, capitals and marks", () => {
  it("publish as a photo when written in < >", async () => {
    const run = await buildWithPhotoAs("<Ảnh Hội Nghị.JPG>");
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(path.join(run.output, "tin-tuc", "hoi-nghi", "index.html"), "utf8");
    expect(html).toMatch(/<figure class="photo"><picture>.*alt="Đại biểu phát biểu"/);
    expect(html).not.toContain("![");
  });

  it("fail the build with the exact fix when written bare, and publish nothing", async () => {
    const run = await buildWithPhotoAs("Ảnh Hội Nghị.JPG");
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(
      /articles\/hoi-nghi\/index\.md:11 +\[lỗi\] body: ảnh "Ảnh Hội Nghị\.JPG" sẽ hiện thành chữ vì tên tệp có dấu cách: viết !\[Đại biểu phát biểu\]\(<Ảnh Hội Nghị\.JPG>\)/,
    );
    expect(existsSync(run.output)).toBe(false);
  });
});
