/**
 * Search: the Pagefind index of article pages (built after every build, `npm start` included), the
 * search page `/tim-kiem/`, and the template filters the article layout uses to describe itself to
 * the index (year).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { outputDir, type EleventyConfig } from "../eleventy.ts";
import { vietnamYear, type PortalDate } from "../text/date.ts";
import { indexPages } from "./index-pages.ts";
import { BODY_ATTRIBUTE } from "./page-text.ts";
import { searchFacets } from "./facets.ts";

export interface SearchOptions {
  /** Folder of the Pagefind bundle inside the output; the browser script imports `/<bundle>/pagefind.js`. */
  readonly bundle?: string;
  /** Language of the index (no stemmer exists for Vietnamese; the code still names the index). */
  readonly language?: string;
}

const templatesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "templates");

export default function searchPlugin(eleventyConfig: EleventyConfig, options: SearchOptions = {}): void {
  const bundle = options.bundle ?? "pagefind";
  const language = options.language ?? "vi";

  eleventyConfig.addFilter("searchFacets", searchFacets);
  eleventyConfig.addFilter("vnYear", (date: PortalDate) => vietnamYear(date.instant));
  eleventyConfig.addTemplate(
    "tim-kiem.njk",
    readFileSync(path.join(templatesDir, "search-page.njk"), "utf8"),
  );

  // Only pages that mark their indexed part (article pages) are offered: no home, lists or search page.
  eleventyConfig.on("eleventy.after", async ({ results }) => {
    const pages = (results ?? [])
      .filter((result) => result.outputPath && result.content.includes(BODY_ATTRIBUTE))
      .map((result) => ({ url: result.url, html: result.content }));
    const summary = await indexPages(pages, path.join(outputDir(eleventyConfig), bundle), language);
    console.log(`Chỉ mục tìm kiếm: ${summary.pages} bài trong ${(summary.milliseconds / 1000).toFixed(1)} s`);
  });
}
