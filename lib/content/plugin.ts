/**
 * Content: loads and validates every article once per build, and exposes the published ones.
 */
import path from "node:path";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { contentDir, outputDir, type EleventyConfig } from "../eleventy.ts";
import { loadArticles, publishedArticles } from "./load.ts";
import { ContentError, formatProblem, type Problem } from "./problems.ts";
import { createMarkdown, type ImageRenderer } from "./markdown.ts";
import type { Article } from "./article.ts";
import { buildListings, type Listings } from "./listings.ts";
import { readSiteConfig } from "./site.ts";
import { ROUTES, taxonUrl, type Link, type TaxonKind } from "./url-scheme.ts";
import { articleTrail, breadcrumbTrail } from "./breadcrumbs.ts";
import { timeStage } from "../timing.ts";
import { buildNow } from "../clock.ts";
import { progress } from "../progress.ts";
import devRebuildPlugin from "./dev-rebuild.ts";
import devErrorsPlugin from "./dev-errors.ts";
import { selectPages, type PageSelection } from "../rebuild/selection.ts";

/** What the content module needs from an image pipeline (lib/images provides it). */
export interface ContentImages {
  /** Encodes every image of these articles before pages render; resolves with the bad ones. */
  prepareArticles(articles: readonly Article[]): Promise<Problem[]>;
  /** Once prepared, content keys of the photos an article's pages show: a replaced photo changes them. */
  imageKeys?(article: Article): readonly string[];
  readonly renderImage: ImageRenderer;
}

export interface ContentOptions {
  /** The moment that decides which dated articles are out; defaults to the build's start. */
  readonly now?: Date;
  /** Virtual templates (in `templates/`) to register; drop one to turn a kind of page off. */
  readonly pages?: readonly string[];
  /** Responsive images; without it body images render as plain `<img>` and no image file is published. */
  readonly images?: ContentImages;
}

/**
 * Articles, home, lists (category, tag, author, unit, year, with pagination), their index pages,
 * the Vietnamese 404 page and the page saying why the portal is an archive.
 */
const DEFAULT_PAGES = ["article-pages", "home", "list-pages", "index-pages", "not-found", "archive-page"];

const templatesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "templates");

/** Every article of the current build, drafts and future ones included, as this plugin loaded them. */
const loadedByConfig = new WeakMap<EleventyConfig, readonly Article[]>();

/**
 * The articles this build loaded (drafts and future ones included), for plugins that judge the whole
 * set after rendering (aliases), so content is read and validated once per build.
 */
export function loadedArticles(eleventyConfig: EleventyConfig): readonly Article[] {
  const articles = loadedByConfig.get(eleventyConfig);
  if (articles === undefined)
    throw new Error("loadedArticles: the content plugin has not loaded this build yet");
  return articles;
}

export default function contentPlugin(eleventyConfig: EleventyConfig, options: ContentOptions = {}): void {
  const markdown = createMarkdown(options.images?.renderImage);
  eleventyConfig.setLibrary("md", markdown);
  const content = contentDir(eleventyConfig);
  eleventyConfig.addWatchTarget(path.join(content, "articles"));
  eleventyConfig.addWatchTarget(path.join(content, "_data"));
  // Site settings as global data read here, not through an Eleventy data folder: data files there
  // may be JavaScript, which Eleventy would run.
  eleventyConfig.addGlobalData("site", () => readSiteConfig(content));

  const devServer = process.env.ELEVENTY_RUN_MODE === "serve" || process.env.ELEVENTY_RUN_MODE === "watch";

  // Loaded once per build and shared by `articles` and `listings`, so every list, feed and sitemap
  // sees exactly the same published set (no drafts, no future dates).
  let loading: Promise<Article[]> | undefined;
  // Dev server: a save that breaks an article shows its problems in the browser until it is fixed.
  const devErrors = devServer ? devErrorsPlugin(eleventyConfig) : undefined;
  const load = (): Promise<Article[]> =>
    (loading ??= loadPublished().catch((error: unknown) => {
      devErrors?.report(error);
      throw error;
    }));
  const loadPublished = async (): Promise<Article[]> => {
    const { articles, problems } = timeStage("content", () => loadArticles(content));
    loadedByConfig.set(eleventyConfig, articles);
    const published = publishedArticles(articles, options.now ?? buildNow(), devServer);
    progress.articles(published.length);
    // Images are checked even when other articles have errors, so one run lists every problem.
    // Loader warnings were printed by lib/build.ts before Eleventy started; image warnings are new.
    const imageProblems =
      (await timeStage("images", async () => options.images?.prepareArticles(published))) ?? [];
    const all = [...problems, ...imageProblems];
    if (all.some((p) => p.severity === "error")) throw new ContentError(all);
    for (const warning of imageProblems) console.warn(formatProblem(warning));
    return published;
  };
  eleventyConfig.on("eleventy.before", () => {
    loading = undefined;
  });
  eleventyConfig.addGlobalData("articles", load);
  // The URL scheme (lib/content/url-scheme.ts), so layouts write no address prefix themselves.
  eleventyConfig.addGlobalData("routes", ROUTES);
  eleventyConfig.addFilter("taxonUrl", (slug: string, kind: TaxonKind) => taxonUrl(kind, slug));
  // One breadcrumb trail per page, rendered both as the visible breadcrumb and as JSON-LD.
  eleventyConfig.addFilter("articleTrail", (article: Article) => articleTrail(article));
  eleventyConfig.addFilter("breadcrumbTrail", (page: Link) => breadcrumbTrail(page));
  // Collections, list pages, related articles and previous/next: computed here once, rendered by layouts.
  // Frozen: Eleventy deep-copies an unfrozen global object into every template's data, a cost that
  // grows with the archive; a frozen one is shared as is. Nothing writes to it.
  const listingsOf = (articles: readonly Article[]): Listings => {
    const site = readSiteConfig(content);
    return Object.freeze(buildListings(articles, site.categories, site.name));
  };
  // `articlePages`, what the article template paginates: every published article, except in a dev
  // server pass after an edit to some articles, which renders only the pages that show them.
  let rendered: readonly Article[] = [];
  const articlePages = (pages: readonly Article[]): readonly Article[] => (rendered = pages);
  if (devServer) {
    // Registers `listings` and `articlePages`: after a save to an article, only its pages re-render first.
    devRebuildPlugin(eleventyConfig, {
      load,
      listingsOf,
      pages: articlePages,
      articleTemplate: "article-pages.njk",
      homeTemplate: "home.njk",
    });
  } else {
    // A production build may keep unchanged article and list pages from the previous version
    // (lib/rebuild): the templates paginate only the pages to render; every other output sees all.
    let listings: Promise<Listings> | undefined;
    let selection: Promise<PageSelection> | undefined;
    eleventyConfig.on("eleventy.before", () => {
      listings = selection = undefined;
    });
    const listingsNow = (): Promise<Listings> => (listings ??= load().then(listingsOf));
    const select = (): Promise<PageSelection> =>
      (selection ??= (async () => {
        const articles = articlePages(await load());
        const imageKeys = options.images?.imageKeys?.bind(options.images);
        return selectPages(eleventyConfig, { articles, listings: await listingsNow(), imageKeys });
      })());
    eleventyConfig.addGlobalData("listings", listingsNow);
    eleventyConfig.addGlobalData("articlePages", async () => (await select()).articles);
    eleventyConfig.addGlobalData("listPages", async () => (await select()).listPages);
  }

  // The documents an article links to are served from its URL, so relative links work. Only these:
  // the inventory (lib/content/inventory.ts) judged each by its bytes; photos ship only encoded.
  eleventyConfig.on("eleventy.after", () =>
    timeStage("article files", () => {
      for (const article of rendered) {
        for (const attachment of article.attachments) {
          const target = path.join(outputDir(eleventyConfig), article.url, attachment.name);
          mkdirSync(path.dirname(target), { recursive: true });
          copyFileSync(attachment.path, target);
        }
      }
    }),
  );

  eleventyConfig.addFilter("articleBody", (article: Article) => markdown.render(article.body, { article }));
  for (const page of options.pages ?? DEFAULT_PAGES) {
    eleventyConfig.addTemplate(`${page}.njk`, readFileSync(path.join(templatesDir, `${page}.njk`), "utf8"));
  }
}
