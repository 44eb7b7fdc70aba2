/**
 * Every route the site serves besides article pages, taken from where each is defined, so that
 * `npm run check` (which builds nothing) and the build refuse the same aliases.
 * tests/publish/routes.test.ts builds a site and proves every top-level file and folder of it is here.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { KIND_PATHS, ROUTES } from "../content/url-scheme.ts";
import type { ServedRoutes } from "../content/aliases.ts";
import { feedPath, type FeedFormat } from "../seo/plugin.ts";
import { NEWS_SITEMAP_PATH, sitemapPartUrl } from "../seo/sitemaps.ts";

const libDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Folders that plugins write whole, at their default names (.eleventy.ts keeps the defaults): the
 * search bundle, hashed CSS/JS, encoded photos, the CMS. Netlify's own files are served by no one
 * but are listed so that no alias is mistaken for them.
 */
const PLUGIN_FOLDERS = ["/pagefind/", "/assets/", "/img/", "/admin/"];
const NETLIFY_FILES = ["/_redirects", "/_headers"];
const FEED_FORMATS: readonly FeedFormat[] = ["rss", "atom", "json"];
/** Sitemap parts exist only past 50,000 URLs; reserved by number up to a size no portal reaches. */
const SITEMAP_PARTS = 1000;

/** The routes no alias may take: list sections, fixed pages, feeds, sitemaps and plugin folders. */
export function siteRoutes(): ServedRoutes {
  const fixed = templatePermalinks();
  const folders = [
    ...Object.values(KIND_PATHS),
    ...PLUGIN_FOLDERS,
    // The archive explanation page, and the "about" section it opens.
    topFolder(ROUTES.archivePage),
    ...fixed.filter((url) => url !== "/" && url.endsWith("/")),
  ];
  const pages = [
    ...fixed.filter((url) => url === "/" || !url.endsWith("/")),
    ...FEED_FORMATS.map((format) => feedPath("/", format)),
    ...Array.from({ length: SITEMAP_PARTS }, (_, i) => sitemapPartUrl(i + 1)),
    NEWS_SITEMAP_PATH,
    ...NETLIFY_FILES,
  ];
  return { folders: [...new Set(folders)], pages: [...new Set(pages)] };
}

/** The first folder of a page's URL: `/gioi-thieu/luu-tru/` → `/gioi-thieu/`. */
function topFolder(url: string): string {
  return `/${url.split("/")[1] ?? ""}/`;
}

/** The literal permalinks of the project's own virtual templates (`lib/<area>/templates/*.njk`). */
function templatePermalinks(): string[] {
  const urls: string[] = [];
  for (const area of readdirSync(libDir, { withFileTypes: true })) {
    const dir = path.join(libDir, area.name, "templates");
    if (!area.isDirectory()) continue;
    let files: string[];
    try {
      files = readdirSync(dir).filter((name) => name.endsWith(".njk"));
    } catch {
      continue;
    }
    for (const name of files) {
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path.join(dir, name), "utf8"));
      const permalink = (parse(front?.[1] ?? "") as { permalink?: unknown } | null)?.permalink;
      if (typeof permalink === "string" && !permalink.includes("{")) urls.push(permalink);
    }
  }
  return urls;
}
