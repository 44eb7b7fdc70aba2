/**
 * Gate: the W3C Nu HTML Checker reports no error on any page of the build (one JVM run over the
 * whole folder), and does report one on a deliberately invalid copy of the article page.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { listPages } from "../support/quality/pages.ts";
import { checkHtml, formatVnu } from "../support/quality/vnu.ts";
import { copyToTemp } from "../support/fixture.ts";

describe("HTML gate (Nu HTML Checker)", () => {
  const siteDir = inject("siteDir");

  it("finds no error on any page of the real build", async () => {
    expect(listPages(siteDir).length).toBeGreaterThan(0);
    expect(formatVnu(await checkHtml(siteDir))).toBe("");
  });

  it("fails on a page with invalid markup, naming the file and the line", async () => {
    const broken = copyToTemp(siteDir, "site");
    const page = listPages(broken)[0];
    if (!page) throw new Error("no page built");
    // A block inside a paragraph and a duplicate id: two classic hand-edit mistakes.
    const html = readFileSync(page.file, "utf8").replace(
      "<main",
      '<p id="x">Đoạn <div>khối</div></p><span id="x"></span><main',
    );
    writeFileSync(page.file, html);
    const report = formatVnu(await checkHtml(broken));
    const relative = path.relative(broken, page.file);
    expect(report).toContain(`${relative}:`);
    expect(report).toMatch(/No “p” element in scope|Duplicate ID “x”/);
  });
});
