/**
 * Chromium against the local preview with the production headers (netlify.toml + the generated
 * `_headers`): every kind of page the built site has raises no CSP violation and no console error; a
 * query typed on the search page finds the article under that policy; the CMS at /admin/ reaches its
 * sign-in screen under its own policy.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as pagefind from "pagefind";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { ADMIN_OPENER_POLICY, adminCsp } from "../../lib/admin/csp.ts";
import { startPreview } from "../../lib/preview/preview.ts";
import { publicCsp } from "../../lib/publish/csp.ts";
import { headersFile } from "../../lib/publish/headers.ts";
import { siteInBrowser } from "../support/browser.ts";
import { copyToTemp } from "../support/fixture.ts";

const siteDir = inject("siteDir");
const productionCsp = publicCsp();

/**
 * One URL per kind of page present in the build: article, and home, search, category, 404 when built.
 * The missing page is asked for inside a section: outside every section Netlify's 404 answer carries no
 * policy (lib/publish/headers.ts says why).
 */
function pageTypes(): [string, string][] {
  const first = (dir: string) =>
    existsSync(path.join(siteDir, dir))
      ? readdirSync(path.join(siteDir, dir)).find((name) =>
          existsSync(path.join(siteDir, dir, name, "index.html")),
        )
      : undefined;
  const article = first("tin-tuc");
  const types: [string, string | undefined][] = [
    ["bài viết", article && `/tin-tuc/${article}/`],
    ["trang chủ", existsSync(path.join(siteDir, "index.html")) ? "/" : undefined],
    ["tìm kiếm", existsSync(path.join(siteDir, "tim-kiem", "index.html")) ? "/tim-kiem/" : undefined],
    ["chuyên mục", first("chuyen-muc") && `/chuyen-muc/${first("chuyen-muc")}/`],
    ["404", existsSync(path.join(siteDir, "404.html")) ? "/tin-tuc/khong-co-bai-nay/" : undefined],
  ];
  return types.filter((t): t is [string, string] => t[1] !== undefined);
}

/** The build's `_headers` for a hand-made site folder: its top-level entries, the real policies. */
function writeHeaders(dir: string): void {
  const entries = readdirSync(dir, { withFileTypes: true }).map((e) => ({
    name: e.name,
    folder: e.isDirectory(),
  }));
  const text = headersFile({
    entries,
    publicCsp: publicCsp(),
    admin: { folder: "admin", csp: adminCsp(), openerPolicy: ADMIN_OPENER_POLICY },
  });
  writeFileSync(path.join(dir, "_headers"), text);
}

interface Watch {
  readonly problems: string[];
  collect(): Promise<string[]>;
}

/** Listens to the console, page errors, failed requests, CDP's log and `securitypolicyviolation`. */
async function watch(page: Page): Promise<Watch> {
  const problems: string[] = [];
  // A missing file is reported by URL below; the console's copy of it names no URL.
  const isLoadFailure = (text: string) => text.startsWith("Failed to load resource: the server responded");
  page.on("console", (m) => {
    if ((m.type() === "error" && !isLoadFailure(m.text())) || /Content[- ]Security[- ]Policy/i.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  page.on("response", (r) => {
    // The browser asks for /favicon.ico by itself; whether the site ships one is not this policy's concern.
    if (
      r.status() >= 400 &&
      new URL(r.url()).pathname !== "/favicon.ico" &&
      r.request().resourceType() !== "document"
    )
      problems.push(`http ${r.status()}: ${r.url()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  const cdp = await page.context().newCDPSession(page);
  cdp.on("Log.entryAdded", ({ entry }) => {
    if (
      (entry.level === "error" && !isLoadFailure(entry.text)) ||
      entry.source === "violation" ||
      /Content Security Policy/i.test(entry.text)
    )
      problems.push(`cdp ${entry.source}: ${entry.text}`);
  });
  await cdp.send("Log.enable");
  // Runs before any page script, through CDP, so the policy does not block the listener itself.
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return {
    problems,
    async collect() {
      const violations = await page.evaluate(
        () => (window as unknown as { cspViolations: string[] }).cspViolations,
      );
      return [...problems, ...violations.map((v) => `securitypolicyviolation: ${v}`)];
    },
  };
}

describe("pages under the production Content-Security-Policy", () => {
  const served = siteInBrowser(() => siteDir, { netlify: true });

  it("finds the article page type at least", () => {
    expect(pageTypes().map(([type]) => type)).toContain("bài viết");
  });

  it.each(pageTypes())("%s (%s) loads with no CSP violation and no console error", async (_type, url) => {
    const page = await served.browser.newPage();
    const watcher = await watch(page);
    const response = await page.goto(served.base + url, { waitUntil: "networkidle" });
    expect(response?.headers()["content-security-policy"]).toBe(productionCsp);
    await page.waitForTimeout(300);
    expect(await watcher.collect()).toEqual([]);
    await page.close();
  });

  it("search finds the article from a query typed on /tim-kiem/, under the policy", async () => {
    const page = await served.browser.newPage();
    const watcher = await watch(page);
    const response = await page.goto(`${served.base}/tim-kiem/`, { waitUntil: "networkidle" });
    expect(response?.headers()["content-security-policy"]).toBe(productionCsp);
    const box = page.locator("main input[data-search-input]");
    // Typed without diacritics and with đ as d: the site's folding must still find the seed article.
    await box.pressSequentially("dao tao can bo");
    await box.press("Enter");
    await page
      .locator('main [data-search-results] a[href*="/tin-tuc/"]')
      .first()
      .waitFor({ timeout: 20_000 });
    await page.waitForTimeout(300);
    expect(await watcher.collect()).toEqual([]);
    await page.close();
  });

  // Sveltia's fonts, languages and libraries are served from /admin/ itself (lib/admin/self-host.ts):
  // its sign-in screen raises no report and no failed request at all. tests/admin/admin-browser.test.ts
  // checks the rest (icons drawn, no other host asked).
  it("/admin/ reaches the CMS sign-in screen under its own policy, with no violation", async () => {
    const page = await served.browser.newPage();
    const watcher = await watch(page);
    const response = await page.goto(`${served.base}/admin/`, { waitUntil: "load" });
    expect(response?.headers()["content-security-policy"]).toBe(adminCsp());
    const signIn = page.getByRole("button", { name: /Đăng nhập bằng\W{0,2}GitHub/ });
    await signIn.waitFor({ state: "visible", timeout: 60_000 });
    await page.waitForTimeout(1000);
    expect(await watcher.collect()).toEqual([]);
    await page.close();
  });

  // The policy's reason for 'wasm-unsafe-eval' and worker-src: Pagefind's own UI on a real index of the
  // built site must search under it, whether or not the site's search page has landed yet.
  it("lets Pagefind's UI search a real index of the site", async () => {
    const dir = copyToTemp(siteDir, "_site");
    const { index } = await pagefind.createIndex({ forceLanguage: "vi" });
    await index?.addDirectory({ path: dir });
    await index?.writeFiles({ outputPath: path.join(dir, "pagefind") });
    await pagefind.close();
    mkdirSync(path.join(dir, "thu-tim-kiem"));
    writeFileSync(
      path.join(dir, "thu-tim-kiem", "index.html"),
      '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tìm</title>' +
        '<link rel="stylesheet" href="/pagefind/pagefind-ui.css"><script src="/pagefind/pagefind-ui.js"></script>' +
        '<script src="/thu-tim-kiem/start.js" defer></script></head><body><main><div id="tim"></div></main></body></html>',
    );
    writeFileSync(path.join(dir, "thu-tim-kiem", "start.js"), 'new PagefindUI({ element: "#tim" });\n');
    writeHeaders(dir);
    const local = await startPreview(dir, 0);
    const page = await served.browser.newPage();
    const watcher = await watch(page);
    const response = await page.goto(`${local.url}/thu-tim-kiem/`, { waitUntil: "networkidle" });
    expect(response?.headers()["content-security-policy"]).toBe(productionCsp);
    await page.locator(".pagefind-ui__search-input").fill("đào tạo cán bộ");
    await page.locator('.pagefind-ui__result-link[href*="/tin-tuc/"]').first().waitFor({ timeout: 20_000 });
    expect(await watcher.collect()).toEqual([]);
    await page.close();
    await local.close();
  });

  // Guards the guard: the same watcher must see a violation when a page breaks the policy.
  it("notices an inline script and an inline style the policy blocks", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "phuninh-csp-"));
    writeFileSync(
      path.join(dir, "index.html"),
      '<!doctype html><html lang="vi"><title>x</title><style>p{color:red}</style><script>document.title="y"</script><p>x</p>',
    );
    writeHeaders(dir);
    const bad = await startPreview(dir, 0);
    const page = await served.browser.newPage();
    const watcher = await watch(page);
    const response = await page.goto(`${bad.url}/`, { waitUntil: "networkidle" });
    expect(response?.headers()["content-security-policy"]).toBe(productionCsp);
    await page.waitForTimeout(300);
    const found = await watcher.collect();
    expect(found).toContainEqual(expect.stringContaining("script-src"));
    expect(found).toContainEqual(expect.stringContaining("style-src"));
    await page.close();
    await bad.close();
  });
});
