/**
 * Page weight as a reader on a slow line pays it: a page's own HTML, CSS and JS, gzip-compressed,
 * recorded from what Chromium really requests (so a stylesheet @import or a script's own imports
 * count too). Photos and the Pagefind search library are not the page's own code.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { resolveFile } from "../../../lib/preview/server.ts";

/** One counted file: its URL path, type, raw and gzip bytes. */
export interface WeighedFile {
  readonly path: string;
  readonly type: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

const COUNTED = new Set(["document", "stylesheet", "script"]);

/** Loads `url` and weighs every same-origin document, stylesheet and script it requests (files read from `root`). */
export async function weighPage(
  browser: Browser,
  root: string,
  baseUrl: string,
  url: string,
): Promise<WeighedFile[]> {
  const page = await browser.newPage();
  const requested: { path: string; type: string }[] = [];
  page.on("request", (request) => {
    const target = new URL(request.url());
    if (target.origin !== new URL(baseUrl).origin || !COUNTED.has(request.resourceType())) return;
    if (target.pathname.startsWith("/pagefind/")) return;
    requested.push({ path: target.pathname, type: request.resourceType() });
  });
  await page.goto(new URL(url, baseUrl).href, { waitUntil: "networkidle" });
  await page.close();
  return requested.map(({ path, type }) => {
    const file = resolveFile(root, path);
    if (!file) throw new Error(`${url} requests ${path}, which is not in the output`);
    const body = readFileSync(file);
    return { path, type, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
}

/** Render-blocking resources in the head: stylesheets for all media and classic scripts without async/defer. */
export async function renderBlocking(
  browser: Browser,
  baseUrl: string,
  url: string,
): Promise<{ stylesheets: string[]; scripts: string[] }> {
  const page = await browser.newPage();
  await page.goto(new URL(url, baseUrl).href, { waitUntil: "load" });
  const found = await page.evaluate(() => ({
    stylesheets: Array.from(document.querySelectorAll<HTMLLinkElement>('head link[rel~="stylesheet"]'))
      .filter((link) => !link.disabled && (link.media === "" || matchMedia(link.media).matches))
      .map((link) => link.getAttribute("href") ?? ""),
    scripts: Array.from(document.querySelectorAll<HTMLScriptElement>("head script[src]"))
      .filter((script) => !script.async && !script.defer && script.type !== "module")
      .map((script) => script.getAttribute("src") ?? ""),
  }));
  await page.close();
  return found;
}

/** With JavaScript off: the page's h1 and its main text are visible; returns problems found. */
export async function readableWithoutJs(browser: Browser, baseUrl: string, url: string): Promise<string[]> {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 360, height: 800 },
  });
  const page = await context.newPage();
  await page.goto(new URL(url, baseUrl).href, { waitUntil: "load" });
  const problems: string[] = [];
  if (!(await page.locator("h1").first().isVisible()))
    problems.push(`${url}: no visible h1 without JavaScript`);
  const text = (
    await page
      .locator("main")
      .first()
      .innerText()
      .catch(() => "")
  ).trim();
  if (text.length < 20)
    problems.push(`${url}: main shows ${text.length} characters of text without JavaScript`);
  await context.close();
  return problems;
}
