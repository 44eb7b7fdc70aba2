/**
 * The search page as the browser tests drive it: the fixture's search site built for real and served
 * with the strict CSP the portal ships, and what the page shows once it has answered.
 */
import { rmSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { serveStatic } from "../../lib/preview/server.ts";
import { launchBrowser } from "./browser.ts";
import { copyToTemp, fixturePath, runBuild, type BuildRun } from "./fixture.ts";

export const SEARCH_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self'; img-src 'self' data:";

export const searchFixtures = fixturePath(".");

export interface SearchSite {
  readonly root: string;
  readonly build: BuildRun;
  readonly server: Server;
  readonly base: string;
}

/**
 * Builds a fixture site of `tests/fixtures/` (the 31 search articles unless told) with `env` and
 * serves it under the strict CSP.
 */
export async function serveSearchSite(env: Record<string, string>, fixture = "search"): Promise<SearchSite> {
  const content = copyToTemp(fixturePath(fixture));
  const root = path.dirname(content);
  const build = await runBuild(content, env);
  const { server, url: base } = await serveStatic(build.output, 0, {
    headers: () => ({ "content-security-policy": SEARCH_CSP }),
  });
  return { root, build, server, base };
}

export interface SearchPage {
  readonly site: SearchSite;
  readonly browser: Browser;
  /** A page of its own, recording into `errors`. */
  readonly page: Page;
  readonly errors: string[];
}

/**
 * For the tests of one file: the fixture site built with `env` and served, and Chromium with a page
 * recording its errors, ready before the first test (the build must succeed) and closed after the
 * last. The fields are set once the file's `beforeAll` hooks have run.
 */
export function searchPageForTests(env: Record<string, string>, fixture = "search"): SearchPage {
  const opened = { errors: [] as string[] } as { -readonly [K in keyof SearchPage]: SearchPage[K] };
  beforeAll(async () => {
    opened.site = await serveSearchSite(env, fixture);
    expect(opened.site.build.code, opened.site.build.stderr).toBe(0);
    opened.browser = await launchBrowser();
    opened.page = await opened.browser.newPage();
    recordErrors(opened.page, opened.errors);
  });
  afterAll(async () => {
    await opened.browser?.close();
    opened.site?.server.close();
    if (opened.site) rmSync(opened.site.root, { recursive: true, force: true });
  });
  return opened;
}

/** Console errors, page errors and Pagefind's warnings (a refused worker) of `page`, into `errors`. */
export function recordErrors(page: Page, errors: string[]): void {
  page.on("console", (message) => {
    // Chromium asks for /favicon.ico on its own; the site declares none, which is not a search error.
    if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico"))
      errors.push(message.text());
    // Pagefind only warns when its worker is refused and it falls back to the main thread.
    if (message.type() === "warning" && /pagefind/i.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
}

export interface Shown {
  readonly status: string;
  readonly slugs: string[];
}

/** The status line and result slugs once the page has answered. */
export async function shownResults(page: Page): Promise<Shown> {
  await page.waitForFunction(() => document.querySelector("[data-search-status]")?.textContent !== "");
  const status = (await page.textContent("[data-search-status]")) ?? "";
  const hrefs = await page.$$eval(".search-result h2 a", (links) =>
    links.map((a) => a.getAttribute("href") ?? ""),
  );
  return { status, slugs: hrefs.map((href) => href.split("/").filter(Boolean).pop() ?? "") };
}

/** Opens the search page as a shared link `/tim-kiem/?q=…` (with more `params`) and waits for its answer. */
export async function openQuery(page: Page, base: string, query: string, params = ""): Promise<Shown> {
  await page.goto(`${base}/tim-kiem/?q=${encodeURIComponent(query)}${params}`);
  return shownResults(page);
}

/** Every result, pressing “Xem thêm kết quả” until all are listed. */
export async function allResults(page: Page): Promise<Shown> {
  await shownResults(page);
  while (await page.isVisible("[data-search-more]")) {
    const count = await page.locator(".search-result").count();
    await page.click("[data-search-more]");
    await page.waitForFunction(
      (before) => document.querySelectorAll(".search-result").length > before,
      count,
    );
  }
  return shownResults(page);
}

/** The years of the result dates shown ("Thứ Sáu, 01/06/2018" → 2018). */
export async function shownYears(page: Page): Promise<number[]> {
  return page.$$eval(".search-date", (items) =>
    items.map((p) => Number(/\/(\d{4})\b/.exec(p.textContent ?? "")?.[1])),
  );
}
