import type { Server } from "node:http";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serveStatic } from "../../lib/preview/server.ts";
import { adminCsp } from "../../lib/admin/csp.ts";
import { launchBrowser } from "../support/browser.ts";

let browser: Browser;
let server: Server;
let base: string;

/**
 * Off-site requests Sveltia makes at load: its UI fonts on jsDelivr (blocked by the admin CSP: no font
 * CDN), its update check on unpkg and GitHub's status page (allowed, but this machine has no network).
 * Failures are allowed only for these addresses.
 */
const EXPECTED_OFFSITE = [
  /^https:\/\/cdn\.jsdelivr\.net\/fontsource\//,
  /^https:\/\/unpkg\.com\/@sveltia\/cms\//,
  /^https:\/\/www\.githubstatus\.com\//,
];

beforeAll(async () => {
  // Served with the policy the site must send for /admin/*, so a CSP violation fails the test.
  ({ server, url: base } = await serveStatic(inject("siteDir"), 0, {
    headers: () => ({ "content-security-policy": adminCsp() }),
  }));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe("/admin/", () => {
  it("loads the self-hosted CMS to its GitHub sign-in screen with no console error of its own", async () => {
    const page = await browser.newPage();
    const errors: { text: string; url: string }[] = [];
    const offsite: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push({ text: message.text(), url: message.location().url });
    });
    page.on("pageerror", (error) => errors.push({ text: `uncaught: ${error.message}`, url: "" }));
    page.on("requestfailed", (request) => {
      if (!request.url().startsWith(base)) offsite.push(request.url());
    });
    await page.goto(`${base}/admin/`, { waitUntil: "load" });
    // Sveltia wraps names in Unicode isolates: "Sign In with \u2068GitHub\u2069".
    const signIn = page.getByRole("button", { name: /Sign In with\W{0,2}GitHub/ });
    await signIn.waitFor({ state: "visible", timeout: 60_000 });
    expect(await signIn.isEnabled()).toBe(true);
    await page.waitForTimeout(1000);

    expect(offsite.filter((url) => !EXPECTED_OFFSITE.some((allowed) => allowed.test(url)))).toEqual([]);
    const ownErrors = errors.filter(
      (e) =>
        !(e.text.startsWith("Failed to load resource: net::ERR_") && offsite.includes(e.url)) &&
        !/^(Refused to load|Loading) the font 'https:\/\/cdn\.jsdelivr\.net\/fontsource\/.*font-src/.test(
          e.text,
        ),
    );
    expect(ownErrors).toEqual([]);
    await page.close();
  });
});
