/**
 * Content: loads and validates every article once per build, and exposes the published ones.
 */
import path from "node:path";
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { outputDir, type EleventyConfig } from "../eleventy.ts";
import { loadArticles, publishedArticles } from "./load.ts";
import { ContentError } from "./problems.ts";
import { createMarkdown } from "./markdown.ts";
import type { Article } from "./article.ts";
import { buildPortal } from "./portal.ts";
import { readSiteConfig } from "./site.ts";

export interface ContentOptions {
  /** The moment that decides which dated articles are out; defaults to the build's start. */
  readonly now?: Date;
  /** Virtual templates (in `templates/`) to register; drop one to turn a kind of page off. */
  readonly pages?: readonly string[];
}

/**
 * Articles, home, lists (category, tag, author, unit, year, with pagination), their index pages
 * and the Vietnamese 404 page.
 */
const DEFAULT_PAGES = ["article-pages", "home", "list-pages", "index-pages", "not-found"];

const templatesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "templates");

export default function contentPlugin(eleventyConfig: EleventyConfig, options: ContentOptions = {}): void {
  const markdown = createMarkdown();
  eleventyConfig.setLibrary("md", markdown);
  eleventyConfig.addWatchTarget(path.join(eleventyConfig.directories.input, "articles"));

  // Loaded once per build and shared by `articles` and `portal`, so every list, feed and sitemap
  // sees exactly the same published set (no drafts, no future dates).
  let published: Article[] | undefined;
  const load = (): Article[] => {
    if (published) return published;
    const input = eleventyConfig.directories.input;
    const { articles, problems } = loadArticles(input);
    if (problems.some((p) => p.severity === "error")) throw new ContentError(problems);
    const devServer = process.env.ELEVENTY_RUN_MODE === "serve" || process.env.ELEVENTY_RUN_MODE === "watch";
    published = publishedArticles(articles, options.now ?? new Date(), devServer);
    return published;
  };
  eleventyConfig.on("eleventy.before", () => {
    published = undefined;
  });
  eleventyConfig.addGlobalData("articles", load);
  // Collections, list pages, related articles and previous/next: computed here once, rendered by layouts.
  eleventyConfig.addGlobalData("portal", () => {
    const site = readSiteConfig(eleventyConfig.directories.input);
    return buildPortal(load(), site.categories, site.name);
  });

  // Photos beside each article are served from the article's URL, so relative Markdown paths work.
  eleventyConfig.on("eleventy.after", () => {
    for (const article of published ?? []) {
      for (const file of readdirSync(article.dir)) {
        if (file === "index.md") continue;
        const target = path.join(outputDir(eleventyConfig), article.url, file);
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(path.join(article.dir, file), target);
      }
    }
  });

  eleventyConfig.addFilter("articleBody", (article: Article) => markdown.render(article.body, { article }));
  for (const page of options.pages ?? DEFAULT_PAGES) {
    eleventyConfig.addTemplate(`${page}.njk`, readFileSync(path.join(templatesDir, `${page}.njk`), "utf8"));
  }
}
