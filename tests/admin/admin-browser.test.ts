/**
 * /admin/ as an official opens it: served as Netlify serves it (the preview applies the built
 * `_headers` and netlify.toml, so the CMS's own CSP), in a browser whose language is English, on a
 * network where nothing but this site answers. Requests to any other host are refused and recorded;
 * GitHub's (api.github.com, github.com) are the only ones allowed to be asked for, and are refused too
 * (this machine has no network). The CMS must still show its Vietnamese sign-in screen under the
 * portal's name, with its icons drawn by the self-hosted Material Symbols font, and no CSP refusal.
 * Screenshots of that screen go to docs/screenshots/.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { projectDir } from "../../lib/build.ts";
import { siteInBrowser } from "../support/browser.ts";

/** Hosts the CMS may ask for: GitHub's API and sign-in. */
const GITHUB_HOSTS = new Set(["api.github.com", "github.com"]);

const served = siteInBrowser(() => inject("siteDir"), { netlify: true });

interface Observed {
  page: Page;
  /** Every request to another host, all refused. */
  offsite: string[];
  /** CSP refusals: `securitypolicyviolation` events and the console's reports. */
  violations: string[];
  errors: string[];
  /** Fonts the page loaded. */
  fonts: string[];
}

/** Opens /admin/ with every off-site request refused, and waits for the sign-in button. */
async function openAdmin(width: number): Promise<Observed> {
  const context = await served.browser.newContext({ viewport: { width, height: 800 }, locale: "en-US" });
  const page = await context.newPage();
  const observed: Observed = { page, offsite: [], violations: [], errors: [], fonts: [] };
  page.on("requestfinished", (request) => {
    if (request.resourceType() === "font") observed.fonts.push(request.url());
  });
  const own = new URL(served.base).host;
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.host === own || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
    observed.offsite.push(url.href);
    return route.abort("blockedbyclient");
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) observed.violations.push(text);
    else if (
      message.type() === "error" &&
      !text.startsWith("Failed to load resource: net::ERR_BLOCKED_BY_CLIENT")
    )
      observed.errors.push(text);
  });
  page.on("pageerror", (error) => observed.errors.push(`uncaught: ${error.message}`));
  await page.goto(`${served.base}/admin/`, { waitUntil: "load" });
  // Sveltia wraps names in Unicode isolates: "Đăng nhập bằng \u2068GitHub\u2069".
  await page
    .getByRole("button", { name: /Đăng nhập bằng\W{0,2}GitHub/ })
    .waitFor({ state: "visible", timeout: 60_000 });
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(1000);
  observed.violations.push(
    ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)),
  );
  return observed;
}

describe("/admin/ under the production headers, with no network but this site", () => {
  it.each([1280, 360])(
    "shows the Vietnamese sign-in screen of Phú Ninh at %i px, icons drawn, no CSP refusal",
    async (width) => {
      const { page, offsite, violations, errors, fonts } = await openAdmin(width);

      expect(offsite.filter((url) => !GITHUB_HOSTS.has(new URL(url).host))).toEqual([]);
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);

      // Vietnamese, although the browser asks for English.
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("vi");
      const text = await page.locator("body").innerText();
      expect(text).toMatch(/Đăng nhập bằng\W{0,2}GitHub/);
      expect(text).toContain("Phú Ninh");
      // The portal's emblem instead of Sveltia's logo.
      expect(await page.locator('img[src="/assets/images/favicon.svg"]').first().isVisible()).toBe(true);

      // The icon font came from the site and draws icons: the sign-in screen has none of its own, so
      // an icon is set the way Sveltia sets one (its `.material-symbols-outlined` class), and must be one
      // glyph about its font size wide, not the word "arrow_back" (some 90 px in a text font).
      const icon = await page.evaluate(async () => {
        const probe = (className: string) => {
          const span = document.createElement("span");
          span.className = className;
          span.textContent = "arrow_back";
          span.style.fontSize = "24px";
          document.body.append(span);
          return span;
        };
        const glyph = probe("material-symbols-outlined");
        const word = probe("");
        await document.fonts.ready;
        const sizes = {
          glyph: glyph.getBoundingClientRect().width,
          word: word.getBoundingClientRect().width,
        };
        glyph.remove();
        word.remove();
        const faces: FontFace[] = [];
        document.fonts.forEach((face) => {
          if (face.family.replace(/"/g, "") === "Material Symbols Outlined") faces.push(face);
        });
        return { ...sizes, faces: faces.map((face) => face.status) };
      });
      expect(icon.faces).toEqual(["loaded"]);
      expect(icon.glyph).toBeGreaterThan(12);
      expect(icon.glyph).toBeLessThanOrEqual(30);
      expect(icon.word).toBeGreaterThan(3 * icon.glyph);
      expect(fonts.filter((url) => !url.startsWith(`${served.base}/admin/fonts/`))).toEqual([]);
      expect(fonts.some((url) => url.endsWith("/material-symbols-outlined-latin-wght-normal.woff2"))).toBe(
        true,
      );

      await page.screenshot({ path: path.join(projectDir, "docs", "screenshots", `cms-login-${width}.png`) });
      await page.context().close();
    },
  );
});
