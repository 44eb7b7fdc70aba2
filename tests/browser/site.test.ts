/**
 * The built fixture site in Chromium, served with a strict CSP (no inline script or style):
 * screenshots of the home and a category page, the font-size control, and no console errors.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { projectDir } from "../../lib/build.ts";
import { siteInBrowser } from "../support/browser.ts";
import { copyToTemp, fixturePath, runBuild } from "../support/fixture.ts";

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'";
const screenshots = path.join(projectDir, "docs", "screenshots");
const ARTICLE = "/tin-tuc/to-hoa-giai-o-co-so-gop-phan-giu-vung-doan-ket-khu-dan-cu/";

const served = siteInBrowser(
  async () => {
    const run = await runBuild(copyToTemp(fixturePath("site")));
    expect(run.code, run.stderr).toBe(0);
    mkdirSync(screenshots, { recursive: true });
    return run.output;
  },
  { headers: { "content-security-policy": CSP } },
);
const problems: string[] = [];

async function open(url: string, width: number, javaScript = true): Promise<Page> {
  const context = await served.browser.newContext({
    viewport: { width, height: 800 },
    javaScriptEnabled: javaScript,
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    // No favicon yet (the images module makes the icons); Chromium asks for /favicon.ico regardless.
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico"))
      problems.push(`${url}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${url}: ${e.message}`));
  await page.goto(served.base + url, { waitUntil: "load" });
  return page;
}

const overflows = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

describe("home and category pages", () => {
  for (const [name, url] of [
    ["home", "/"],
    ["category", "/chuyen-muc/xay-dung-dang/"],
  ] as const) {
    for (const width of [360, 1280]) {
      it(`${name} at ${width} px fits the width, shows photos and is screenshotted`, async () => {
        const page = await open(url, width);
        expect(await overflows(page)).toBe(false);
        const photos = await page
          .locator(".card-photo img")
          .evaluateAll((imgs) =>
            imgs.map(
              (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
            ),
          );
        await page.locator(".card-photo img").first().scrollIntoViewIfNeeded();
        expect(photos.length).toBeGreaterThan(0);
        await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`), fullPage: true });
        await page.context().close();
      });
    }
  }
});

describe("the font-size control", () => {
  it("enlarges text without horizontal scrolling, and remembers the size on the next page", async () => {
    const page = await open(ARTICLE, 360);
    const size = (): Promise<number> =>
      page.evaluate(() =>
        parseFloat(getComputedStyle(document.querySelector(".article-body p") as Element).fontSize),
      );
    const nameSize = (): Promise<number> =>
      page.evaluate(() =>
        parseFloat(getComputedStyle(document.querySelector(".brand-name") as Element).fontSize),
      );
    const before = await size();
    const nameBefore = await nameSize();
    await expect(page.locator("[data-article-tools]").isVisible()).resolves.toBe(true);
    await expect(page.getByRole("group", { name: "Cỡ chữ" }).getByText("Cỡ chữ").isVisible()).resolves.toBe(
      true,
    );
    const larger = page.getByRole("button", { name: "Tăng cỡ chữ" });
    for (let i = 0; i < 4; i++) await larger.press("Enter");
    expect(await size()).toBeGreaterThan(before * 1.4);
    // The portal's name is text and grows with the article.
    expect(await nameSize()).toBeGreaterThan(nameBefore * 1.4);
    // At the limit the button says so and keeps the keyboard focus (a disabled button would drop it).
    expect(await larger.getAttribute("aria-disabled")).toBe("true");
    expect(await larger.evaluate((button) => button === document.activeElement)).toBe(true);
    const atLimit = await size();
    await larger.press("Enter");
    expect(await size()).toBe(atLimit);
    expect(await overflows(page)).toBe(false);
    await page.reload();
    expect(await size()).toBeGreaterThan(before * 1.4);
    await page.getByRole("button", { name: "Cỡ chữ mặc định" }).click();
    expect(await size()).toBe(before);
    await page.context().close();
  });

  it("stays hidden without JavaScript, where it could do nothing", async () => {
    const page = await open(ARTICLE, 360, false);
    expect(await page.locator("[data-article-tools]").isVisible()).toBe(false);
    expect(await page.locator("[data-copy-link]").isVisible()).toBe(false);
    expect(await page.locator(".share-facebook").isVisible()).toBe(true);
    await page.context().close();
  });

  it("hides the extras when printing", async () => {
    const page = await open(ARTICLE, 1280);
    await page.emulateMedia({ media: "print" });
    for (const selector of [".share", ".related", ".prev-next", "[data-article-tools]"])
      expect(await page.locator(selector).isVisible(), selector).toBe(false);
    await page.context().close();
  });
});

describe("the pages under a strict CSP", () => {
  it("log no console errors or CSP violations", () => {
    expect(problems).toEqual([]);
  });
});
