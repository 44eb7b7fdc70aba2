/**
 * Gate: an article page's own HTML+CSS+JS under 30 KB gzip-compressed (photos and the Pagefind
 * library excluded), at most one render-blocking stylesheet and no blocking script, and every page
 * type readable with JavaScript off.
 */
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serveStatic } from "../../lib/preview/server.ts";
import { siteInBrowser } from "../support/browser.ts";
import { readableWithoutJs, renderBlocking, weighPage } from "../support/quality/budget.ts";
import { listPages, samplePages } from "../support/quality/pages.ts";
import { siteWithVariants } from "../support/quality/variants.ts";

const BUDGET_GZIP_BYTES = 30 * 1024;
const PAGES_PER_TYPE = 3;

/** Incompressible text: a pseudo-random sequence gzip cannot shrink much. */
function noise(length: number): string {
  let seed = 20250701;
  let text = "";
  while (text.length < length) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    text += seed.toString(36);
  }
  return text.slice(0, length);
}

describe("budgets gate", () => {
  const siteDir = inject("siteDir");
  const sampled = samplePages(listPages(siteDir), PAGES_PER_TYPE).map((page) => page.url);
  const articles = sampled.filter((url) => url.startsWith("/tin-tuc/"));
  const served = siteInBrowser(() => siteDir);

  it("keeps an article page's own HTML, CSS and JS under 30 KB compressed", async () => {
    expect(articles.length, "no article page in the build").toBeGreaterThan(0);
    for (const url of articles) {
      const files = await weighPage(served.browser, siteDir, served.base, url);
      const total = files.reduce((sum, file) => sum + file.gzipBytes, 0);
      const table = files.map((f) => `  ${f.type} ${f.path}: ${f.bytes} B, ${f.gzipBytes} B gzip`).join("\n");
      console.log(`budget ${url}: ${(total / 1024).toFixed(1)} KB gzip\n${table}`);
      expect(
        total,
        `${url} weighs ${(total / 1024).toFixed(1)} KB gzip (budget 30 KB):\n${table}`,
      ).toBeLessThan(BUDGET_GZIP_BYTES);
    }
  });

  it("has at most one render-blocking stylesheet and no blocking script on any page", async () => {
    const problems: string[] = [];
    for (const url of sampled) {
      const { stylesheets, scripts } = await renderBlocking(served.browser, served.base, url);
      if (stylesheets.length > 1)
        problems.push(`${url}: ${stylesheets.length} blocking stylesheets: ${stylesheets.join(", ")}`);
      if (scripts.length > 0) problems.push(`${url}: blocking scripts in <head>: ${scripts.join(", ")}`);
    }
    expect(problems.join("\n")).toBe("");
  });

  it("shows the heading and the text of every page type with JavaScript off", async () => {
    const problems: string[] = [];
    for (const url of sampled) problems.push(...(await readableWithoutJs(served.browser, served.base, url)));
    expect(problems.join("\n")).toBe("");
  });

  describe("on deliberately broken pages", () => {
    const variants = siteWithVariants(siteDir, {
      "qua-nang": (html) => html.replace("</body>", `<script>var x = "${noise(60_000)}";</script></body>`),
      "chan-hien-thi": (html) =>
        html.replace(
          "</head>",
          '<link rel="stylesheet" href="/assets/images/favicon.svg"><script src="/assets/images/favicon.svg"></script></head>',
        ),
      "can-javascript": (html) => html.replace("</head>", "<style>main{visibility:hidden}</style></head>"),
    });
    let brokenUrl: string;
    let brokenServer: Server;
    beforeAll(async () => {
      ({ server: brokenServer, url: brokenUrl } = await serveStatic(variants.root));
    });
    afterAll(() => brokenServer?.close());

    it("weighs an inline script into the page and exceeds the budget", async () => {
      const files = await weighPage(served.browser, variants.root, brokenUrl, "/qua-nang/");
      expect(files.reduce((sum, file) => sum + file.gzipBytes, 0)).toBeGreaterThan(BUDGET_GZIP_BYTES);
    });

    it("counts a second blocking stylesheet and a blocking script", async () => {
      const found = await renderBlocking(served.browser, brokenUrl, "/chan-hien-thi/");
      expect(found.stylesheets).toHaveLength(2);
      expect(found.scripts).toEqual(["/assets/images/favicon.svg"]);
    });

    it("reports a page whose text stays hidden without JavaScript", async () => {
      expect(await readableWithoutJs(served.browser, brokenUrl, "/can-javascript/")).toEqual([
        "/can-javascript/: no visible h1 without JavaScript",
        expect.stringMatching(/^\/can-javascript\/: main shows 0 characters/),
      ]);
    });
  });
});
