/**
 * Content: loads and validates every article once per build, and exposes the published ones.
 */
import path from "node:path";
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { outputDir, type EleventyConfig } from "../eleventy.ts";
import { loadArticles, publishedArticles } from "./load.ts";
import { ContentError, formatProblem, type Problem } from "./problems.ts";
import { createMarkdown, type ImageRenderer } from "./markdown.ts";
import type { Article } from "./article.ts";

/** What the content module needs from an image pipeline (lib/images provides it). */
export interface ContentImages {
  /** Encodes every image of these articles before pages render; resolves with the bad ones. */
  prepareArticles(articles: readonly Article[]): Promise<Problem[]>;
  readonly renderImage: ImageRenderer;
}

export interface ContentOptions {
  /** The moment that decides which dated articles are out; defaults to the build's start. */
  readonly now?: Date;
  /** Responsive images; without it body images render as plain `<img>` and no image file is published. */
  readonly images?: ContentImages;
}

const templatesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "templates");

/** Photos are published only through the image pipeline: the originals may carry GPS coordinates. */
const IMAGE_FILE = /\.(?:jpe?g|png|webp|avif|gif|tiff?|heic|heif|bmp)$/i;

export default function contentPlugin(eleventyConfig: EleventyConfig, options: ContentOptions = {}): void {
  const markdown = createMarkdown(options.images?.renderImage);
  eleventyConfig.setLibrary("md", markdown);
  eleventyConfig.addWatchTarget(path.join(eleventyConfig.directories.input, "articles"));

  eleventyConfig.addGlobalData("articles", async () => {
    const input = eleventyConfig.directories.input;
    const { articles, problems } = loadArticles(input);
    const devServer = process.env.ELEVENTY_RUN_MODE === "serve" || process.env.ELEVENTY_RUN_MODE === "watch";
    published = publishedArticles(articles, options.now ?? new Date(), devServer);
    // Images are checked even when other articles have errors, so one run lists every problem.
    const all = [...problems, ...((await options.images?.prepareArticles(published)) ?? [])];
    if (all.some((p) => p.severity === "error")) throw new ContentError(all);
    for (const warning of all) console.warn(formatProblem(warning));
    return published;
  });

  // Other files beside an article (PDF attachments) are served from its URL, so relative links work.
  let published: Article[] = [];
  eleventyConfig.on("eleventy.after", () => {
    for (const article of published) {
      for (const entry of readdirSync(article.dir, { withFileTypes: true })) {
        const file = entry.name;
        if (!entry.isFile() || file === "index.md" || IMAGE_FILE.test(file)) continue;
        const target = path.join(outputDir(eleventyConfig), article.url, file);
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(path.join(article.dir, file), target);
      }
    }
  });

  eleventyConfig.addFilter("articleBody", (article: Article) => markdown.render(article.body, { article }));
  eleventyConfig.addTemplate("article-pages.njk", readFileSync(path.join(templatesDir, "article-pages.njk"), "utf8"));
}
