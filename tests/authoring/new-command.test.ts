import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeContentDir, runBuild } from "../support/fixture.ts";
import { runScript } from "./run-script.ts";
import { SCAFFOLD_PLACEHOLDER } from "../../lib/authoring/scaffold.ts";

const TITLE = "Đảng bộ xã Tam Đàn tổng kết công tác năm";
const SLUG = "dang-bo-xa-tam-dan-tong-ket-cong-tac-nam";

describe("npm run new", () => {
  it("creates a draft that passes check, is refused while it holds the placeholder, and publishes once written", async () => {
    const content = makeContentDir();
    const profile = path.join(path.dirname(content), "profile.json");
    const made = await runScript(
      "new",
      [
        "--content",
        content,
        TITLE,
        "--category",
        "xay-dung-dang",
        "--author",
        "Lê Thị Hoà",
        "--unit",
        "Đảng ủy xã Tam Đàn",
        "--tags",
        "đại hội, tổng kết",
      ],
      { env: { PHUNINH_PROFILE: profile } },
    );
    expect(made.stderr).toBe("");
    expect(made.code).toBe(0);
    const file = path.join(content, "articles", SLUG, "index.md");
    const markdown = readFileSync(file, "utf8");
    expect(markdown).toMatch(/^date: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/m);
    expect(markdown).toContain("# Tóm tắt (sapo)");
    expect(markdown).toMatch(/^draft: true$/m);
    expect(made.stdout).toContain("xóa dòng draft: true");

    const check = await runScript("check", ["--content", content]);
    expect(check.stdout).toContain("0 lỗi, 0 cảnh báo");
    expect(check.code).toBe(0);

    // Regression: an unfinished scaffold, marked published, became the portal's lead story.
    const published = markdown.replace(/^draft: true\n/m, "");
    writeFileSync(file, published);
    const unfinished = await runScript("check", ["--content", content]);
    expect(unfinished.code).toBe(1);
    const bodyLine = published.split("\n").findIndex((line) => line.includes(SCAFFOLD_PLACEHOLDER)) + 1;
    expect(unfinished.stdout).toContain(`${SLUG}/index.md:${bodyLine}  [lỗi] body: bài chưa viết xong`);
    expect((await runBuild(content)).code).not.toBe(0);
    writeFileSync(
      file,
      published.replace(/^Viết nội dung.*$/m, "Sáng 26/11, Đảng bộ xã Tam Đàn tổ chức hội nghị."),
    );

    // A real repository, so the build's only possible warning (the CMS placeholder) is not expected here.
    const settings = path.join(content, "_data", "site.json");
    writeFileSync(
      settings,
      readFileSync(settings, "utf8").replace("OWNER/phuninh-portal", "ubnd-phu-ninh/cong-thong-tin"),
    );
    const build = await runBuild(content);
    expect(build.stderr).toBe("");
    expect(build.code).toBe(0);
    const html = readFileSync(path.join(build.output, "tin-tuc", SLUG, "index.html"), "utf8");
    expect(html).toContain(TITLE);
    expect(html).toContain("Lê Thị Hoà");
  });

  it("never overwrites: the same title gets a -2 folder, the first file is unchanged", async () => {
    const content = makeContentDir();
    const args = [
      "--content",
      content,
      TITLE,
      "--category",
      "kinh-te",
      "--author",
      "A Bình",
      "--unit",
      "UBND xã",
    ];
    await runScript("new", args);
    const first = readFileSync(path.join(content, "articles", SLUG, "index.md"), "utf8");
    const again = await runScript("new", args);
    expect(again.code).toBe(0);
    expect(readdirSync(path.join(content, "articles")).sort()).toEqual([SLUG, `${SLUG}-2`]);
    expect(readFileSync(path.join(content, "articles", SLUG, "index.md"), "utf8")).toBe(first);
  });

  it("asks for the title, author, unit and category, and saves the profile when told to", async () => {
    const content = makeContentDir();
    const profile = path.join(path.dirname(content), "profile.json");
    const run = await runScript("new", ["--content", content], {
      input: `${TITLE}\n\nNgô Mỹ\nTrung tâm Bồi dưỡng chính trị huyện\nc\n9\n4\n`,
      env: { PHUNINH_PROFILE: profile },
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("4. Văn hóa - Xã hội (van-hoa-xa-hoi)");
    // A refused answer says why before asking again.
    expect(run.stdout).toContain("họ tên tác giả không được để trống; hãy nhập lại.");
    expect(run.stdout).toContain(
      '"9" không phải số từ 1 đến 6 hay mã chuyên mục trong danh sách trên; hãy nhập lại.',
    );
    const markdown = readFileSync(path.join(content, "articles", SLUG, "index.md"), "utf8");
    expect(markdown).toContain("category: van-hoa-xa-hoi");
    expect(markdown).toContain("author: Ngô Mỹ");
    expect(JSON.parse(readFileSync(profile, "utf8"))).toEqual({
      author: "Ngô Mỹ",
      unit: "Trung tâm Bồi dưỡng chính trị huyện",
    });

    // The saved profile answers next time: only the category is asked.
    const next = await runScript("new", ["--content", content, "Tin thứ hai"], {
      input: "1\n",
      env: { PHUNINH_PROFILE: profile },
    });
    expect(next.code).toBe(0);
    expect(readFileSync(path.join(content, "articles", "tin-thu-hai", "index.md"), "utf8")).toContain(
      "unit: Trung tâm Bồi dưỡng chính trị huyện",
    );
  });

  it("fails clearly, creating nothing, when answers are missing or the category is unknown", async () => {
    const content = makeContentDir();
    const silent = await runScript("new", ["--content", content, TITLE], {
      env: { PHUNINH_PROFILE: path.join(content, "none.json") },
    });
    expect(silent.code).toBe(1);
    expect(silent.stderr).toContain("Không tạo được bài");
    // Run without a terminal (stdin closed): the error names the options that answer the questions.
    for (const option of ["--category", "--author", "--unit"]) expect(silent.stderr).toContain(option);
    const wrong = await runScript("new", [
      "--content",
      content,
      TITLE,
      "--category",
      "the-thao",
      "--author",
      "A",
      "--unit",
      "B",
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("--category the-thao");
    const named = await runScript("new", [
      "--content",
      content,
      TITLE,
      "--category",
      "Kinh tế",
      "--author",
      "A",
      "--unit",
      "B",
    ]);
    expect(named.stderr).toContain("có phải ý bạn là --category kinh-te ?");
    expect(existsSync(path.join(content, "articles", SLUG))).toBe(false);
  });
});
