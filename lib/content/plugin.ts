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
import { timeStage } from "../timing.ts";
import { progress } from "../progress.ts";

export interface ContentOptions {
  /** The moment that decides which dated articles are out; defaults to the build's start. */
  readonly now?: Date;
}

const templatesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "templates");

export default function contentPlugin(eleventyConfig: EleventyConfig, options: ContentOptions = {}): void {
  const markdown = createMarkdown();
  eleventyConfig.setLibrary("md", markdown);
  eleventyConfig.addWatchTarget(path.join(eleventyConfig.directories.input, "articles"));

  eleventyConfig.addGlobalData("articles", () => {
    const input = eleventyConfig.directories.input;
    const { articles, problems } = timeStage("content", () => loadArticles(input));
    if (problems.some((p) => p.severity === "error")) throw new ContentError(problems);
    const devServer = process.env.ELEVENTY_RUN_MODE === "serve" || process.env.ELEVENTY_RUN_MODE === "watch";
    published = publishedArticles(articles, options.now ?? new Date(), devServer);
    progress.articles(published.length);
    return published;
  });

  // Photos beside each article are served from the article's URL, so relative Markdown paths work.
  let published: Article[] = [];
  eleventyConfig.on("eleventy.after", () =>
    timeStage("article files", () => {
      for (const article of published) {
        for (const file of readdirSync(article.dir)) {
          if (file === "index.md") continue;
          const target = path.join(outputDir(eleventyConfig), article.url, file);
          mkdirSync(path.dirname(target), { recursive: true });
          copyFileSync(path.join(article.dir, file), target);
        }
      }
    }),
  );

  eleventyConfig.addFilter("articleBody", (article: Article) => markdown.render(article.body, { article }));
  eleventyConfig.addTemplate("article-pages.njk", readFileSync(path.join(templatesDir, "article-pages.njk"), "utf8"));
}
