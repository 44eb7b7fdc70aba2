/**
 * Eleventy's entry: a table of contents. Each concern is a plugin in `lib/`.
 * Run through tsx (`npm run build`), since Eleventy does not load TypeScript by itself.
 */
import path from "node:path";
import { eleventyInput, type EleventyConfig } from "./lib/eleventy.ts";
import textPlugin from "./lib/text/plugin.ts";
import contentPlugin from "./lib/content/plugin.ts";
import assetsPlugin from "./lib/assets/plugin.ts";
import seoPlugin from "./lib/seo/plugin.ts";
import publishPlugin from "./lib/publish/plugin.ts";
import adminPlugin from "./lib/admin/plugin.ts";
import imagesPlugin, { SiteImages } from "./lib/images/plugin.ts";
import searchPlugin from "./lib/search/plugin.ts";
import pagesAsBytesPlugin from "./lib/pages-as-bytes.ts";

const projectDir = import.meta.dirname;

// One per process, not per config: Eleventy reuses compiled templates (and the filters they hold)
// across builds in one process (watch mode, the benchmark), so they must all see the same pipeline.
const images = new SiteImages({
  // Kept between builds (Netlify's cache plugin and CI cache `.cache/`); IMAGE_CACHE_DIR for tests.
  cacheDir: process.env.IMAGE_CACHE_DIR ?? path.join(projectDir, ".cache", "images"),
  banner: path.join(projectDir, "assets", "images", "banner.png"),
});

export default function (eleventyConfig: EleventyConfig): void {
  // Content is data, never a template: Eleventy's input is our empty folder, whoever starts it.
  if (path.resolve(eleventyConfig.directories.input) !== eleventyInput)
    throw new Error(
      `Eleventy's input must be ${path.relative(projectDir, eleventyInput)}; content is read by lib/content`,
    );
  // Layouts live beside the project, whatever content folder is built (tests build fixture folders).
  eleventyConfig.setIncludesDirectory(
    path.relative(eleventyConfig.directories.input, path.join(projectDir, "layouts")),
  );
  eleventyConfig.setUseGitIgnore(false);

  // Vietnamese text: portal dates in Asia/Ho_Chi_Minh, slugs where đ → d.
  eleventyConfig.addPlugin(textPlugin);
  // Photos and banner: responsive AVIF/WebP/JPEG without EXIF or GPS, encoded once and cached.
  eleventyConfig.addPlugin(imagesPlugin, { images });
  // Articles: one schema, validated together, drafts and future dates held back; collections, list
  // pages, home and 404 built from the same published set; photos via `images`.
  eleventyConfig.addPlugin(contentPlugin, { images: images.articles });
  // Feeds, sitemaps, robots.txt and the metadata filters (canonical, Open Graph, JSON-LD); share
  // images with their real sizes from `images`.
  eleventyConfig.addPlugin(seoPlugin, { shareImages: images });
  // CSS and JS under content-hashed names, for year-long CDN caching.
  eleventyConfig.addPlugin(assetsPlugin, { sourceDir: path.join(projectDir, "assets") });
  // The CMS at /admin/ for staff who do not use git; its form is generated from the schema.
  eleventyConfig.addPlugin(adminPlugin);
  // Old addresses (aliases, legacy portal URLs) → a Netlify `_redirects` file; clashes fail the build.
  // `_headers`: each section's CSP (the CMS its own), hashed images cached for a year. The search index
  // folder is written after the output is listed, so it is named here; after the CMS, which it lists.
  eleventyConfig.addPlugin(publishPlugin, { otherPluginFolders: ["pagefind", "img"] });
  // Search: Pagefind index of article pages (đ-folded copy for "dang uy"), and the page /tim-kiem/.
  eleventyConfig.addPlugin(searchPlugin);
  // Last: rendered pages are kept by Eleventy until the build ends, as UTF-8 bytes outside the JavaScript heap, not as strings.
  eleventyConfig.addPlugin(pagesAsBytesPlugin);
}

export const config = {
  // Input (lib/eleventy-input, empty), output and the content folder are given by the caller
  // (lib/build.ts, scripts/serve.ts), so tests can build fixture folders. No data folder: site
  // settings are global data read by lib/content, so no data file is ever executed.
  dir: { data: "_no-data" },
  // Only our virtual templates (njk) are rendered; articles are read by lib/content.
  templateFormats: ["njk"],
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
};
