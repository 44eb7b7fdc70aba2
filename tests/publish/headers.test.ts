/**
 * The generated `_headers` with netlify.toml: on every file of the real built site, through the
 * preview's Netlify rule matcher, exactly one Content-Security-Policy (the strict one, the CMS's own
 * under /admin/) and exactly one caching policy, immutable only for content-hashed files, never HTML.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { ADMIN_OPENER_POLICY, adminCsp } from "../../lib/admin/csp.ts";
import { NETLIFY_DEFAULT_CACHE_CONTROL, headerValues } from "../../lib/preview/netlify.ts";
import { siteHeaderRules } from "../../lib/preview/preview.ts";
import { publicCsp } from "../../lib/publish/csp.ts";
import { headersFile } from "../../lib/publish/headers.ts";

/** What netlify.toml promises a content-hashed file. */
const IMMUTABLE = "public, max-age=31536000, immutable";

const siteDir = inject("siteDir");

const input = {
  publicCsp: "default-src 'self'",
  admin: {
    folder: "admin",
    csp: "default-src 'self'; style-src 'self' 'unsafe-inline'",
    openerPolicy: "same-origin-allow-popups",
  },
};

describe("headersFile", () => {
  it("gives each top-level entry its policy, the CMS folder its own, index.html also at /", () => {
    const text = headersFile({
      ...input,
      entries: [
        { name: "admin", folder: true },
        { name: "tin-tuc", folder: true },
        { name: "index.html", folder: false },
        { name: "robots.txt", folder: false },
      ],
    });
    expect(text).toContain(
      "/admin/*\n  Content-Security-Policy: default-src 'self'; style-src 'self' 'unsafe-inline'\n" +
        "  Cross-Origin-Opener-Policy: same-origin-allow-popups\n",
    );
    for (const rule of ["/tin-tuc/*", "/", "/index.html", "/robots.txt"])
      expect(text).toContain(
        `\n${rule}\n  Content-Security-Policy: default-src 'self'\n  Cross-Origin-Opener-Policy: same-origin\n`,
      );
  });

  it("sets no caching itself: hashed images are all under /img/, cached by one netlify.toml rule", () => {
    const text = headersFile({ ...input, entries: [{ name: "img", folder: true }] });
    expect(text).not.toContain("Cache-Control");
  });

  it("refuses a folder whose rule would also cover another entry (Netlify's /a/* matches /admin/)", () => {
    expect(() =>
      headersFile({
        ...input,
        entries: [
          { name: "a", folder: true },
          { name: "admin", folder: true },
        ],
      }),
    ).toThrow(/\/a\/\* would also cover \/admin/);
  });
});

describe("every file of the built site", () => {
  const rules = siteHeaderRules(siteDir);
  const files = readdirSync(siteDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `/${path.relative(siteDir, path.join(e.parentPath, e.name)).split(path.sep).join("/")}`);
  // A page is asked for by its folder too: both addresses must get the same answer.
  const urls = [...files, ...files.filter((f) => f.endsWith("/index.html")).map((f) => f.slice(0, -10))];

  it("covers the sections a reader and the CMS reach", () => {
    expect(files.length).toBeGreaterThan(20);
    for (const url of ["/", "/admin/", "/tim-kiem/", "/404.html", "/robots.txt"]) expect(urls).toContain(url);
    expect(files).toContainEqual(expect.stringMatching(/^\/pagefind\//));
    expect(readFileSync(path.join(siteDir, "_headers"), "utf8")).toContain("/admin/*");
  });

  it("gets exactly one Content-Security-Policy: the CMS's under /admin/, the strict one elsewhere", () => {
    for (const url of urls) {
      const expected = url.startsWith("/admin/") ? adminCsp() : publicCsp();
      expect(headerValues(rules, url)["content-security-policy"], url).toEqual([expected]);
      // The CMS's GitHub sign-in popup posts back to its opener: the CMS keeps that link.
      expect(headerValues(rules, url)["cross-origin-opener-policy"], url).toEqual([
        url.startsWith("/admin/") ? ADMIN_OPENER_POLICY : "same-origin",
      ]);
    }
  });

  it("gets no header from two rules (Netlify's CLI and CDN would disagree on the answer)", () => {
    for (const url of urls)
      for (const [name, values] of Object.entries(headerValues(rules, url)))
        expect(values, `${url} ${name}`).toHaveLength(1);
  });

  it("gets exactly one caching policy, immutable only for hashed names and never for HTML", () => {
    let hashedImages = 0;
    for (const url of urls) {
      const set = headerValues(rules, url)["cache-control"] ?? [];
      expect(set.length, url).toBeLessThanOrEqual(1);
      const cache = set[0] ?? NETLIFY_DEFAULT_CACHE_CONTROL;
      if (/-\d+\.[0-9a-f]{8}\.(avif|webp|jpg)$/.test(url)) {
        hashedImages++;
        expect(cache, url).toBe(IMMUTABLE);
      }
      if (cache.includes("immutable"))
        expect(url, "an immutable file must have a content hash in its path").toMatch(
          /[._/-][0-9a-f]{7,}[._/-]/,
        );
      if (url.endsWith(".html") || url.endsWith("/")) {
        expect(cache, url).toBe(NETLIFY_DEFAULT_CACHE_CONTROL);
        expect(cache, url).not.toContain("immutable");
      }
    }
    expect(hashedImages, "the banner and the seed article's photo").toBeGreaterThan(12);
  });
});
