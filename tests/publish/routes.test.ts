/**
 * The routes `npm run check` refuses as aliases, against a real build: every top-level file and folder
 * the site publishes must be one of them, or `check` would pass an alias the build then refuses.
 */
import { readdirSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { routeKey } from "../../lib/content/aliases.ts";
import { articleUrl } from "../../lib/content/url-scheme.ts";
import { siteRoutes } from "../../lib/publish/routes.ts";

describe("siteRoutes", () => {
  const routes = siteRoutes();
  const folders = new Set(routes.folders.map((f) => routeKey(f)));
  const pages = new Set(routes.pages.map((p) => routeKey(p)));
  // Article pages are reserved one by one (drafts included), from the articles themselves.
  const articles = routeKey(articleUrl("x")).replace(/\/x$/, "");

  it("covers every top-level entry of the built site", () => {
    const entries = readdirSync(inject("siteDir"), { withFileTypes: true });
    expect(entries.length).toBeGreaterThan(10);
    const uncovered = entries
      .map((entry) => ({ key: routeKey(`/${entry.name}`), folder: entry.isDirectory() }))
      .filter(({ key, folder }) => (folder ? !folders.has(key) && key !== articles : !pages.has(key)))
      .filter(({ key }) => key !== "/index.html");
    expect(uncovered).toEqual([]);
  });

  it("reserves the home page, the list sections, the search and archive pages and the plugins' folders", () => {
    expect(pages.has("/")).toBe(true);
    for (const folder of [
      "/chuyen-muc",
      "/the",
      "/tac-gia",
      "/don-vi",
      "/nam",
      "/tim-kiem",
      "/pagefind",
      "/admin",
      "/gioi-thieu",
    ])
      expect(folders.has(folder), folder).toBe(true);
    for (const page of [
      "/robots.txt",
      "/sitemap.xml",
      "/sitemap-2.xml",
      "/news-sitemap.xml",
      "/feed.xml",
      "/404.html",
    ])
      expect(pages.has(page), page).toBe(true);
  });
});
