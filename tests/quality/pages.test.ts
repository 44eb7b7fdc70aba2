/**
 * How the gates find and sample pages: every HTML file of the output, typed by URL pattern.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listPages, pageType, samplePages } from "../support/quality/pages.ts";

describe("listPages", () => {
  it("finds every HTML page with the URL a visitor uses, leaving out Pagefind's files", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-pages-"));
    for (const file of ["index.html", "404.html", "tin-tuc/a/index.html", "pagefind/x.html", "a.css"]) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), "");
    }
    expect(listPages(root).map((page) => page.url)).toEqual(["/404.html", "/", "/tin-tuc/a/"]);
  });
});

describe("pageType and samplePages", () => {
  it("types a page by its first URL segment", () => {
    expect(pageType("/")).toBe("/");
    expect(pageType("/404.html")).toBe("/404.html");
    expect(pageType("/tin-tuc/dai-hoi-dang-bo/")).toBe("/tin-tuc/*/");
    expect(pageType("/chuyen-muc/kinh-te/2/")).toBe("/chuyen-muc/*/*/");
  });

  it("keeps at most n pages of each type, in order", () => {
    const pages = ["/", "/tin-tuc/a/", "/tin-tuc/b/", "/tin-tuc/c/", "/chuyen-muc/x/"].map((url) => ({
      file: url,
      url,
    }));
    expect(samplePages(pages, 2).map((page) => page.url)).toEqual([
      "/",
      "/tin-tuc/a/",
      "/tin-tuc/b/",
      "/chuyen-muc/x/",
    ]);
  });
});
