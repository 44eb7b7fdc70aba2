/**
 * Gate: axe-core's WCAG 2.0/2.1/2.2 A+AA rules at 360 and 1280 px on a few pages of every page type,
 * plus keyboard use (skip link, Tab order through search and links, focus ring) and 200% text.
 * Broken copies of the article page (missing alt, low contrast, no skip link, no focus ring) prove
 * each check can fail.
 */
import type { Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serveStatic } from "../../lib/preview/server.ts";
import { launchBrowser } from "../support/browser.ts";
import { auditPages, formatAxe } from "../support/quality/axe.ts";
import { checkSkipLink, checkTabOrder, checkTextZoom } from "../support/quality/keyboard.ts";
import { listPages, samplePages } from "../support/quality/pages.ts";
import { siteWithVariants } from "../support/quality/variants.ts";

const PAGES_PER_TYPE = 2;
// Many page types × two widths on a shared 2-core box: more time than a single-page test.
const SLOW = 300_000;

let browser: Browser;
const servers: Server[] = [];
async function serve(root: string): Promise<string> {
  const { server, url } = await serveStatic(root);
  servers.push(server);
  return url;
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const server of servers) server.close();
});

/** Runs a keyboard check on a fresh load of each page; returns `page: problem` lines. */
async function onEachPage(
  baseUrl: string,
  urls: readonly string[],
  check: (page: Page) => Promise<string[]>,
  width = 1280,
): Promise<string[]> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  for (const url of urls) {
    await page.goto(new URL(url, baseUrl).href, { waitUntil: "load" });
    problems.push(...(await check(page)).map((problem) => `${url} @${width}px: ${problem}`));
  }
  await context.close();
  return problems;
}

describe("accessibility gate on the real build", () => {
  const siteDir = inject("siteDir");
  const urls = samplePages(listPages(siteDir), PAGES_PER_TYPE).map((page) => page.url);
  let baseUrl: string;
  beforeAll(async () => {
    baseUrl = await serve(siteDir);
  });

  it("has no axe violation at 360 and 1280 px", { timeout: SLOW }, async () => {
    expect(urls.length).toBeGreaterThan(0);
    expect(formatAxe(await auditPages(browser, baseUrl, urls))).toBe("");
  });

  it(
    "offers a visible skip link on the first Tab that moves focus to the main content",
    { timeout: SLOW },
    async () => {
      expect((await onEachPage(baseUrl, urls, checkSkipLink)).join("\n")).toBe("");
      expect((await onEachPage(baseUrl, urls, checkSkipLink, 360)).join("\n")).toBe("");
    },
  );

  it(
    "reaches the search box and every link with Tab, in DOM order, each with a visible focus ring",
    { timeout: SLOW },
    async () => {
      expect((await onEachPage(baseUrl, urls, checkTabOrder)).join("\n")).toBe("");
      expect((await onEachPage(baseUrl, urls, checkTabOrder, 360)).join("\n")).toBe("");
    },
  );

  it("shows text at 200% without horizontal scroll or clipping", { timeout: SLOW }, async () => {
    expect((await onEachPage(baseUrl, urls, checkTextZoom)).join("\n")).toBe("");
  });
});

describe("accessibility gate on deliberately broken pages", () => {
  const variants = siteWithVariants(inject("siteDir"), {
    "thieu-alt": (html) => html.replace(/(<img\b[^>]*?)\salt="[^"]*"/, "$1"),
    "tuong-phan-kem": (html) =>
      html.replace("</head>", "<style>.article-body p{color:#b8b8b8}</style></head>"),
    "khong-skip-link": (html) => html.replace(/<a class="skip-link"[^>]*>[^<]*<\/a>/, ""),
    "khong-vien-focus": (html) =>
      html.replace("</head>", "<style>*:focus-visible{outline:none}</style></head>"),
    "chu-bi-cat": (html) =>
      html.replace("</head>", "<style>.article h1{height:2.5rem;overflow:hidden}</style></head>"),
  });
  let baseUrl: string;
  beforeAll(async () => {
    baseUrl = await serve(variants.root);
  });
  const url = (name: string): string => variants.urls[name] ?? "";

  it("reports a missing alt and a contrast failure as rule, target and page", async () => {
    const report = formatAxe(
      await auditPages(browser, baseUrl, [url("thieu-alt"), url("tuong-phan-kem")], [360]),
    );
    expect(report).toMatch(/^image-alt {2}\S+ {2}\/thieu-alt\/ @360px: .*alt attribute/m);
    expect(report).toMatch(/^color-contrast {2}.*p.* {2}\/tuong-phan-kem\/ @360px: .*contrast/m);
  });

  it("reports a page without a skip link, without a focus ring, or with clipped text", async () => {
    expect(await onEachPage(baseUrl, [url("khong-skip-link")], checkSkipLink)).toEqual([
      // Without the skip link, the first stop is the archive notice's link at the top of the page.
      expect.stringMatching(/first Tab reached <a href="\/gioi-thieu\/luu-tru\/"> .*not a skip link/),
    ]);
    expect((await onEachPage(baseUrl, [url("khong-vien-focus")], checkTabOrder)).join("\n")).toMatch(
      /no visible focus ring/,
    );
    expect((await onEachPage(baseUrl, [url("chu-bi-cat")], checkTextZoom)).join("\n")).toMatch(
      /text clipped at 200%: <h1/,
    );
  });
});
