/**
 * What a reader sees: the seed article in Debian's Chromium at phone and desktop widths.
 * The screenshots are saved under docs/screenshots/ for reviewers.
 */
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { projectDir } from "../../lib/build.ts";
import { siteInBrowser } from "../support/browser.ts";
import { SEED_SLUG } from "../support/fixture.ts";

const served = siteInBrowser(() => inject("siteDir"));

describe("the seed article in a browser", () => {
  it.each([360, 1280])(
    "renders at %i px wide with no horizontal scroll, and is screenshotted",
    async (width) => {
      const page = await served.browser.newPage({ viewport: { width, height: 800 } });
      const errors: string[] = [];
      page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${served.base}/tin-tuc/${SEED_SLUG}/`);
      expect(await page.locator("h1").count()).toBe(1);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
      await page.screenshot({
        path: path.join(projectDir, "docs", "screenshots", `article-${width}.png`),
        fullPage: true,
      });
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  // Regression: a grey band showed under the footer of short pages on a tall desktop window.
  it.each(["/404.html", "/gioi-thieu/luu-tru/"])(
    "%s ends with its footer at a tall window's bottom",
    async (url) => {
      const page = await served.browser.newPage({ viewport: { width: 1280, height: 1400 } });
      await page.goto(served.base + url);
      const bottom = await page
        .locator(".site-footer")
        .evaluate((footer) => footer.getBoundingClientRect().bottom);
      expect(bottom).toBe(1400);
      await page.close();
    },
  );

  it("prints the whole article without the site's navigation", async () => {
    const page = await served.browser.newPage();
    await page.goto(`${served.base}/tin-tuc/${SEED_SLUG}/`);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-nav").isVisible()).toBe(false);
    expect(await page.locator(".article-body").isVisible()).toBe(true);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
    await page.close();
  });
});
