/**
 * Text files an author's editor may really produce, through a real build and a real `npm run check`:
 * a Notepad file (BOM, CRLF) publishes; an alias bomb, bytes that are not UTF-8, a NUL, an offset
 * no place uses, front matter left open and a broken site.json each fail the build naming the file,
 * all listed in one run, with nothing written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { articleMarkdown, makeContentDir, runBuild, VALID_FIELDS, writeArticle } from "../support/fixture.ts";
import { runScript } from "../authoring/run-script.ts";

const bomb = (): string => {
  const levels = ["a: &a [cười, cười, cười, cười, cười, cười, cười, cười, cười]"];
  const names = "abcdefghi";
  for (let i = 1; i < names.length; i++)
    levels.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(", ")}]`,
    );
  return articleMarkdown(VALID_FIELDS).replace("---\n\n", `${levels.join("\n")}\n---\n\n`);
};

/** One article per class of broken text file; `slug` → bytes of its index.md. */
const broken: Record<string, Buffer> = {
  "bom-bi-danh": Buffer.from(bomb()),
  "sai-bang-ma": Buffer.concat([
    Buffer.from(articleMarkdown(VALID_FIELDS, "Huyện Ph")),
    Buffer.from([0xfa, 0x0a]),
  ]),
  "ky-tu-nul": Buffer.from(articleMarkdown(VALID_FIELDS, "Nội dung\u0000 bị cắt.")),
  "mui-gio-sai": Buffer.from(articleMarkdown({ ...VALID_FIELDS, date: "2025-06-02T08:00+25:00" })),
  "thieu-dong-dong": Buffer.from(articleMarkdown(VALID_FIELDS).replace("\n---\n\n", "\n\n")),
};

function brokenContent(): string {
  const content = makeContentDir();
  writeArticle(content, "bai-tot", articleMarkdown(VALID_FIELDS));
  for (const [slug, bytes] of Object.entries(broken)) {
    const dir = writeArticle(content, slug, "");
    writeFileSync(path.join(dir, "index.md"), bytes);
  }
  return content;
}

describe("text files in a real build", () => {
  it("publishes a file saved by Windows Notepad (BOM, CRLF line ends)", async () => {
    const content = makeContentDir();
    const markdown = articleMarkdown(VALID_FIELDS, "Đoạn một.\n\nĐoạn hai.").replace(/\n/g, "\r\n");
    const dir = writeArticle(content, "notepad", "");
    writeFileSync(
      path.join(dir, "index.md"),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(markdown)]),
    );
    const run = await runBuild(content);
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(path.join(run.output, "tin-tuc", "notepad", "index.html"), "utf8");
    expect(html).toContain(VALID_FIELDS.title);
    expect(html).toMatch(/<p>Đoạn hai\.<\/p>/);
  });

  it("refuses every broken file in one run, naming each, and writes nothing", async () => {
    const content = brokenContent();
    const output = path.join(path.dirname(content), "_site");
    mkdirSync(output, { recursive: true });
    writeFileSync(path.join(output, "index.html"), "previous good build");
    const run = await runBuild(content);
    expect(run.code).not.toBe(0);
    for (const slug of Object.keys(broken))
      expect(run.stderr).toMatch(new RegExp(`articles/${slug}/index\\.md:\\d+ +\\[lỗi\\]`));
    expect(run.stderr).toMatch(/bom-bi-danh\/index\.md:7 .*neo YAML \(&a và 8 chỗ khác\)/);
    expect(run.stderr).toMatch(/sai-bang-ma\/index\.md:10 .*UTF-8/);
    expect(run.stderr).toMatch(/ky-tu-nul\/index\.md:9 .*U\+0000/);
    expect(run.stderr).toMatch(/mui-gio-sai\/index\.md:3 +\[lỗi\] date: múi giờ \+25:00/);
    expect(run.stderr).toMatch(/thieu-dong-dong\/index\.md:1 .*không có dòng --- đóng/);
    expect(run.stderr).not.toMatch(/bai-tot/);
    expect(readFileSync(path.join(output, "index.html"), "utf8")).toBe("previous good build");
    expect(readdirSync(path.dirname(content)).sort()).toEqual(["_site", "content"]);
  });

  it("lists the same problems in one `npm run check`", async () => {
    const run = await runScript("check", ["--content", brokenContent()]);
    expect(run.code).toBe(1);
    for (const slug of Object.keys(broken))
      expect(run.stdout).toMatch(new RegExp(`articles/${slug}/index\\.md:\\d+ +\\[lỗi\\]`));
    expect(run.stdout).toMatch(/Đã kiểm tra 6 bài/);
  });

  it("names a broken site.json and still checks the articles", async () => {
    const content = makeContentDir();
    const settings = path.join(content, "_data", "site.json");
    writeFileSync(
      settings,
      readFileSync(settings, "utf8").replace('"categories": [', '"categories": 3, "x": ['),
    );
    writeArticle(
      content,
      "mui-gio-sai",
      articleMarkdown({ ...VALID_FIELDS, date: "2025-06-02T08:00+25:00" }),
    );
    const run = await runBuild(content);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/_data\/site\.json:\d+ +\[lỗi\] categories: /);
    expect(run.stderr).toMatch(/mui-gio-sai\/index\.md:3 .*date/);
    expect(existsSync(path.join(run.output, "index.html"))).toBe(false);
  });
});
