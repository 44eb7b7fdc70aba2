import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSiteConfig, readSiteConfig } from "../../lib/content/site.ts";
import { projectDir } from "../../lib/build.ts";

const real = readFileSync(path.join(projectDir, "content", "_data", "site.json"), "utf8");

/** A content folder whose site.json holds `json`. */
function contentWith(json: string): string {
  const content = path.join(mkdtempSync(path.join(os.tmpdir(), "phuninh-site-")), "content");
  mkdirSync(path.join(content, "_data"), { recursive: true });
  writeFileSync(path.join(content, "_data", "site.json"), json);
  return content;
}

describe("loadSiteConfig", () => {
  it("reads the real settings", () => {
    const { site, problems } = loadSiteConfig(contentWith(real));
    expect(problems).toEqual([]);
    expect(site?.categories.map((c) => c.slug)).toContain("xay-dung-dang");
  });

  it("names the file and the line of invalid JSON", () => {
    const broken = real.replace('"language": "vi",', '"language": "vi"');
    const content = contentWith(broken);
    const { problems } = loadSiteConfig(content, path.dirname(content));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe(path.join("content", "_data", "site.json"));
    expect(problems[0]?.line).toBe(broken.split("\n").findIndex((l) => l.includes('"repository"')) + 1);
    expect(problems[0]?.message).toMatch(/JSON không hợp lệ/);
  });

  it("names every wrong field with its line", () => {
    const json = real
      .replace('"url": "https://phuninh.gov.vn"', '"url": 42')
      .replace('"name": "Kinh tế"', '"name": ""');
    const { problems } = loadSiteConfig(contentWith(json));
    const line = (text: string): number => json.split("\n").findIndex((l) => l.includes(text)) + 1;
    expect(problems.map((p) => [p.field, p.line])).toEqual([
      ["url", line('"url"')],
      ["categories.2.name", line('"slug": "kinh-te"')],
    ]);
  });

  it("refuses settings without categories", () => {
    const data = JSON.parse(real) as Record<string, unknown>;
    delete data.categories;
    const { problems } = loadSiteConfig(contentWith(JSON.stringify(data, null, 2)));
    expect(problems.map((p) => [p.field, p.message])).toEqual([["categories", "thiếu trường bắt buộc"]]);
  });

  it("throws a content error naming the file for the tools that need the settings", () => {
    expect(() => readSiteConfig(contentWith("{"))).toThrow(/site\.json:1 .*JSON không hợp lệ/);
  });
});
