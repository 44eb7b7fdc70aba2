/**
 * Bad front matter stops a real build: non-zero exit, every problem named with file and field,
 * and nothing published (the previous output stays as it was).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { articleMarkdown, makeContentDir, runBuild, VALID_FIELDS, writeArticle } from "../support/fixture.ts";

const cases: [string, Record<string, unknown>, string][] = [
  ["a missing required field", { ...VALID_FIELDS, title: undefined }, "title"],
  ["a wrong type", { ...VALID_FIELDS, draft: "có" }, "draft"],
  ["an unknown field", { ...VALID_FIELDS, tacgia: "Ngô Mỹ" }, "tacgia"],
  ["an impossible date", { ...VALID_FIELDS, date: "2020-02-31" }, "date"],
  ["an unknown category", { ...VALID_FIELDS, category: "the-thao" }, "category"],
];

describe("a build with bad front matter", () => {
  it.each(cases)("fails on %s, naming the file and the field", async (_name, fields, field) => {
    const content = makeContentDir();
    const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    writeArticle(content, "bai-loi", articleMarkdown(clean));
    const run = await runBuild(content);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`articles/bai-loi/index.md:`);
    expect(run.stderr).toContain(`${field}:`);
  });

  it("reports the problems of all files in one run and publishes nothing", async () => {
    const content = makeContentDir();
    writeArticle(content, "mot", articleMarkdown({ ...VALID_FIELDS, date: "2021-02-29" }));
    writeArticle(content, "hai", articleMarkdown({ ...VALID_FIELDS, category: "khong-co" }));
    writeArticle(content, "ba", articleMarkdown(VALID_FIELDS));
    const output = path.join(path.dirname(content), "_site");
    mkdirSync(output, { recursive: true });
    writeFileSync(path.join(output, "index.html"), "previous good build");
    const run = await runBuild(content);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/articles\/mot\/index\.md:\d+ .*date/);
    expect(run.stderr).toMatch(/articles\/hai\/index\.md:\d+ .*category/);
    expect(readFileSync(path.join(output, "index.html"), "utf8")).toBe("previous good build");
    expect(existsSync(path.join(output, "tin-tuc", "ba"))).toBe(false);
  });

  it("never keeps an article deleted from content in the output", async () => {
    const content = makeContentDir();
    const dir = writeArticle(content, "se-xoa", articleMarkdown(VALID_FIELDS));
    writeArticle(content, "o-lai", articleMarkdown(VALID_FIELDS));
    expect((await runBuild(content)).code).toBe(0);
    writeFileSync(path.join(dir, "index.md"), "");
    const { rmSync } = await import("node:fs");
    rmSync(dir, { recursive: true });
    const run = await runBuild(content);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(run.output, "tin-tuc", "se-xoa"))).toBe(false);
    expect(existsSync(path.join(run.output, "tin-tuc", "o-lai", "index.html"))).toBe(true);
  });
});
