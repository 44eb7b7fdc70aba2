/**
 * Printing an article (Decree 42/2022: state portals let readers print every article), in Debian's
 * Chromium: at the printable width of A4 and Letter nothing crosses the paper's edge, the printout says
 * where it came from (portal, full address, the article's date and the day it was printed), the site's
 * controls stay off paper, and the PDF Chromium prints holds every line whole (read back with poppler's
 * pdftotext). The first page of the A4 PDF is rendered to docs/screenshots/print-a4.png for reviewers.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { projectDir } from "../../lib/build.ts";
import { absoluteUrl } from "../../lib/seo/urls.ts";
import { formatVietnameseDate } from "../../lib/text/date.ts";
import { siteInBrowser } from "../support/browser.ts";
import { SEED_SLUG } from "../support/fixture.ts";

const site = JSON.parse(readFileSync(path.join(projectDir, "content", "_data", "site.json"), "utf8")) as {
  url: string;
  name: string;
};
const ARTICLE = `/tin-tuc/${SEED_SLUG}/`;
const MM = 96 / 25.4;

/**
 * Paper widths and the side margins a print dialog may use: Chromium's default (0.4 in), a common
 * 1 cm, 2 cm (office templates), and the stylesheet's own `@page` margin.
 */
const PAPERS = [
  { paper: "A4", width: 210 },
  { paper: "Letter", width: 215.9 },
] as const;
const MARGINS = [10, 10.16, 15, 20];

const served = siteInBrowser(() => inject("siteDir"));
const work = mkdtempSync(path.join(os.tmpdir(), "phuninh-print-"));

/** The article as printed on a page box `widthPx` wide, at the reader's text scale. */
async function printView(widthPx: number, scale = 1): Promise<Page> {
  const page = await served.browser.newPage({ viewport: { width: Math.floor(widthPx), height: 1100 } });
  if (scale !== 1)
    await page.addInitScript((value) => localStorage.setItem("phuninh:font-scale", String(value)), scale);
  await page.goto(served.base + ARTICLE, { waitUntil: "load" });
  await page.emulateMedia({ media: "print" });
  return page;
}

/** Every rendered line of text that reaches past the left or right edge of the page box. */
function linesOutside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const outside: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const box of Array.from(range.getClientRects()))
        if (box.width > 0 && (box.left < -0.5 || box.right > width + 0.5))
          outside.push(
            `${Math.round(box.left)}…${Math.round(box.right)} of ${width}: ${node.textContent.trim().slice(0, 40)}`,
          );
    }
    return outside;
  });
}

/** The text nodes of what a printout must show in full, as printed (visible in print media). */
function printedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const blocks = document.querySelectorAll(
      ".brand-name, .article h1, .article-meta, .print-source, .article-summary, .article-body > *, .photo figcaption, .byline",
    );
    for (const block of Array.from(blocks)) {
      if (!(block as HTMLElement).checkVisibility()) continue;
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        if (node.textContent?.trim() && node.parentElement?.checkVisibility()) texts.push(node.textContent);
    }
    return texts;
  });
}

/** Runs a poppler tool, failing clearly when it is missing. */
function poppler(tool: "pdftotext" | "pdftoppm", args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: "utf8" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new Error(
        `${tool} not found: run \`bash scripts/ensure-tools.sh\` (installs Debian's poppler-utils).`,
      );
    throw error;
  }
}

/**
 * Text compared without spacing and hyphens: a printed line may end inside the long address, after
 * one of its hyphens, and pdftotext joins such a word back without the hyphen.
 */
const squeeze = (text: string): string => text.normalize("NFC").replace(/[\s-]+/g, "");

describe("an article on paper", () => {
  for (const { paper, width } of PAPERS) {
    for (const margin of MARGINS) {
      const printable = (width - 2 * margin) * MM;
      it(`keeps every line inside ${paper} with ${margin} mm side margins (${Math.floor(printable)} px)`, async () => {
        const page = await printView(printable);
        expect(await linesOutside(page)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          Math.floor(printable),
        );
        await page.close();
      });
    }
    it(`keeps every line inside ${paper} at the largest text size (A+ five times)`, async () => {
      const page = await printView((width - 2 * 15) * MM, 1.5);
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe("24px");
      expect(await linesOutside(page)).toEqual([]);
      await page.close();
    });
  }

  it("says where it came from, and leaves the site's controls off the paper", async () => {
    const page = await printView((210 - 30) * MM);
    const visible = (selector: string): Promise<boolean> => page.locator(selector).first().isVisible();
    expect(await page.locator(".brand-name").innerText()).toBe(site.name);
    expect(await page.locator(".print-source").innerText()).toContain(absoluteUrl(ARTICLE, site.url));
    // The day of printing, in Vietnam time, is added as the print dialog opens.
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    const today = formatVietnameseDate({ instant: new Date(), hasTime: false }).replace(/^.*, /, "");
    expect(await page.locator(".print-source").innerText()).toContain(`In ngày ${today}`);
    expect(await page.locator(".article-meta time").first().innerText()).toMatch(
      /^Thứ \S+, \d\d\/\d\d\/\d{4}$/,
    );
    for (const selector of [
      ".site-nav",
      ".search-form",
      ".share",
      "[data-article-tools]",
      ".breadcrumb",
      ".skip-link",
    ])
      expect(await visible(selector), selector).toBe(false);
    // A photo keeps its caption, right under it, and is not split across two sheets.
    const figures = await page.locator(".photo").evaluateAll((list) =>
      list.map((figure) => {
        const image = figure.querySelector("img")!.getBoundingClientRect();
        const caption = figure.querySelector("figcaption");
        return {
          caption: caption?.checkVisibility() ?? false,
          gap: caption ? caption.getBoundingClientRect().top - image.bottom : NaN,
          unbroken: getComputedStyle(figure).breakInside,
        };
      }),
    );
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) {
      expect(figure.caption).toBe(true);
      expect(figure.gap).toBeGreaterThanOrEqual(0);
      expect(figure.gap).toBeLessThan(24);
      expect(figure.unbroken).toBe("avoid");
    }
    await page.close();
  });

  for (const { paper } of PAPERS) {
    for (const margin of ["stylesheet", "10mm"] as const) {
      it(`prints a ${paper} PDF (${margin} margins) holding every line whole, the address and the portal's name`, async () => {
        const page = await served.browser.newPage();
        await page.goto(served.base + ARTICLE, { waitUntil: "load" });
        await page.emulateMedia({ media: "print" });
        const expected = await printedTexts(page);
        const pdf = await page.pdf({
          format: paper,
          ...(margin === "stylesheet"
            ? {}
            : { margin: { top: margin, right: margin, bottom: margin, left: margin } }),
        });
        await page.close();
        const file = path.join(work, `${paper}-${margin}.pdf`);
        writeFileSync(file, pdf);
        const text = squeeze(poppler("pdftotext", ["-enc", "UTF-8", file, "-"]));
        expect(expected.length).toBeGreaterThan(15);
        const missing = expected.filter((part) => !text.includes(squeeze(part)));
        expect(missing).toEqual([]);
        for (const part of [site.name, absoluteUrl(ARTICLE, site.url)]) expect(text).toContain(squeeze(part));
        if (paper === "A4" && margin === "stylesheet") {
          const prefix = path.join(work, "print-a4");
          poppler("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", file, prefix]);
          writeFileSync(
            path.join(projectDir, "docs", "screenshots", "print-a4.png"),
            readFileSync(`${prefix}.png`),
          );
        }
      });
    }
  }
});
