/**
 * Search: the Pagefind index of article pages (built with every build, `npm start` included), the
 * search page `/tim-kiem/`, and the template filters the article layout uses to describe itself to
 * the index (year).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { outputDir, type EleventyConfig } from "../eleventy.ts";
import { vietnamYear, type PortalDate } from "../text/date.ts";
import { indexPages, SearchIndexer, type IndexSummary } from "./index-pages.ts";
import { countStage, timeStage } from "../timing.ts";
import { BODY_ATTRIBUTE } from "./page-text.ts";
import { searchFacets } from "./facets.ts";
import { indexerOptionsFromEnv, indexerSettings, type IndexerOptions } from "./options.ts";
import type { TierRange } from "./tiers.ts";
import { isQuickPass } from "../content/dev-rebuild.ts";
import { keptPages, pageKeying, readPages } from "../rebuild/selection.ts";

export interface SearchOptions extends IndexerOptions {
  /** Folder of the Pagefind bundle inside the output; the browser script imports `/<bundle>/pagefind.js`. */
  readonly bundle?: string;
}

const templatesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "templates");

export default function searchPlugin(eleventyConfig: EleventyConfig, options: SearchOptions = {}): void {
  const bundle = options.bundle ?? "pagefind";
  // The environment's knobs (tests, benchmark) under the caller's options; nothing below reads it.
  const settings = indexerSettings({ ...indexerOptionsFromEnv(process.env), ...options });
  // Eleventy sets its run mode before it loads the configuration.
  const devServer = process.env.ELEVENTY_RUN_MODE === "serve" || process.env.ELEVENTY_RUN_MODE === "watch";

  eleventyConfig.addFilter("searchFacets", searchFacets);
  eleventyConfig.addFilter("vnYear", (date: PortalDate) => vietnamYear(date.instant));
  eleventyConfig.addTemplate(
    "tim-kiem.njk",
    readFileSync(path.join(templatesDir, "search-page.njk"), "utf8"),
  );

  // A one-off build hands each article page to the indexer as soon as it is rendered (the last
  // transform, so it sees the page as written): Pagefind indexes each month's pages in processes of
  // its own, fed from worker threads, while Eleventy renders the next months. Only pages that mark
  // their indexed part (article pages) go in.
  let indexer: Promise<SearchIndexer> | undefined;
  eleventyConfig.on("eleventy.before", async () => {
    // One left open by a build that failed: its workers and partial indexes go with it.
    if (indexer) await (await indexer.catch(() => undefined))?.abort();
    indexer = devServer ? undefined : SearchIndexer.open(settings, pageKeying(eleventyConfig));
  });
  eleventyConfig.addTransform("search-index", async function (content: string) {
    if (indexer && this.page.outputPath && content.includes(BODY_ATTRIBUTE)) {
      await (await indexer).add({ url: this.page.url, html: content });
    }
    return content;
  });

  // The dev server indexes after the pages are written and without holding up the reload: an edit
  // shows at once and search catches up a few seconds later. Builds queue behind each other, since
  // Pagefind's Node API has one indexer process.
  let background: Promise<void> = Promise.resolve();
  eleventyConfig.on("eleventy.after", async ({ results }) => {
    // A dev server's quick pass renders only a few pages: indexing them alone would replace the
    // index with those pages until the follow-up full rebuild, which indexes everything.
    if (isQuickPass(eleventyConfig)) return;
    const target = path.join(outputDir(eleventyConfig), bundle);
    if (indexer) {
      const open = indexer;
      indexer = undefined;
      const summary = await timeStage("search index", async () => {
        const search = await open;
        // Pages this build kept from the previous version (lib/rebuild) go in from the last build's
        // records; those it has none of, as they were written.
        const unknown = keptPages(eleventyConfig).filter(
          (page) => page.kind === "article" && !search.addKept(page),
        );
        for await (const { page, html } of readPages(unknown))
          if (html.includes(BODY_ATTRIBUTE)) await search.add({ url: page.url, html });
        return search.write(target);
      });
      report(summary);
      return;
    }
    const pages = (results ?? [])
      .filter((result) => result.outputPath && result.content.includes(BODY_ATTRIBUTE))
      .map((result) => ({ url: result.url, html: result.content.toString() }));
    background = background
      .then(() => indexPages(pages, target, settings))
      .then(report, (error: unknown) => console.error(`Chỉ mục tìm kiếm lỗi: ${String(error)}`));
  });
}

function report(summary: IndexSummary): void {
  // Also as counters of the timing report (PORTAL_TIMINGS): figures for tools, whatever this line says.
  countStage("search pages", summary.pages);
  countStage("search parts", summary.parts);
  countStage("search parts indexed", summary.indexedParts);
  countStage("search lanes", summary.lanes);
  countStage("search pages kept unread", summary.keptUnread);
  countStage("search pages read back", summary.readBack);
  const { tiers } = summary;
  const months = (range: TierRange): string => `${range.from} → ${range.to}`;
  const split = tiers?.archive
    ? `; tìm trước ${tiers.recent.pages} bài ${months(tiers.recent)}, lưu trữ ${tiers.archive.pages} bài ${months(tiers.archive)}`
    : "";
  console.log(
    `Chỉ mục tìm kiếm: ${summary.pages} bài trong ${(summary.milliseconds / 1000).toFixed(1)} s ` +
      `(${summary.parts} phần, ${summary.lanes} luồng; ${summary.indexedParts} phần lập mới, ` +
      `${summary.parts - summary.indexedParts} phần có sẵn; ` +
      `${(summary.finishMilliseconds / 1000).toFixed(1)} s sau khi dựng xong trang${split})`,
  );
}
