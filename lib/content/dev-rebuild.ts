/**
 * Dev server (`npm start`): a save to one article re-renders that article's page at once, and the rest
 * of the site a few seconds later.
 *
 * Why: articles are global data paginated by one template, so Eleventy cannot tell which pages an
 * article feeds, and without this every save re-renders every page: a full build's time.
 *
 * How (`--serve` and `--watch` only; a one-off build never registers this):
 * 1. Quick pass. When every file in Eleventy's change queue is an article's `index.md` and, once the
 *    articles are loaded again, the set of articles and everything that places them in lists (date,
 *    category, tags, author, unit, draft, aliases) is as the last good build left it, the article
 *    template paginates only the changed articles, their previous/next neighbours and the articles
 *    that list them under "Tin liên quan" (every article page that shows their title), and the home
 *    page renders if it shows one of them. Every other template is skipped: its pages stay on disk as
 *    the previous build wrote them (Eleventy never deletes output).
 * 2. Follow-up. FOLLOW_UP_DELAY_MS after a quick pass, a full rebuild is started (through a signal
 *    file Eleventy watches, the only way a plugin can queue a build). Until it has written its pages,
 *    the list pages (category, tag, author, unit, year), their index pages, feeds, sitemaps and
 *    `_redirects`/`_headers` show the article as it was before the save; the dev search index is also
 *    refreshed by that build: the delay plus one full rebuild.
 * Anything else (a new or deleted article, a moved one, a layout, `_data`, assets, the config, a
 * failed previous build) takes the full rebuild at once, exactly as without this module.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { contentDir, type EleventyConfig } from "../eleventy.ts";
import type { Article } from "./article.ts";
import type { Listings } from "./listings.ts";

export interface DevRebuildOptions {
  /** This build's published articles (the same promise the `articles` data resolves). */
  readonly load: () => Promise<readonly Article[]>;
  /** Computes the listings (collections, lists, neighbours, related articles, home) from scratch. */
  readonly listingsOf: (articles: readonly Article[]) => Listings;
  /** Receives the articles of `articlePages` (all, or a quick pass's few), for the post-build steps. */
  readonly pages: (articles: readonly Article[]) => readonly Article[];
  /** Virtual path of the template that paginates `articlePages`. */
  readonly articleTemplate: string;
  /** Virtual path of the home page template. */
  readonly homeTemplate: string;
  /** Quiet time after a quick pass before the full rebuild starts; env `DEV_FOLLOW_UP_MS` also sets it. */
  readonly followUpDelayMs?: number;
}

/**
 * Long enough that a burst of saves gets quick passes only (a save during the full rebuild waits for
 * it), short enough that lists catch up while the author still looks.
 */
export const FOLLOW_UP_DELAY_MS = 2000;

/** One build's articles, as later builds compare and reuse them. */
interface Built {
  readonly articles: readonly Article[];
  readonly outline: Map<string, string>;
  readonly listings: Listings;
}

interface Pass extends Built {
  /** Slugs of the article pages to render; undefined: all of them (a full build). */
  readonly slugs?: ReadonlySet<string>;
  readonly home: boolean;
}

/** Dev-server state per Eleventy configuration, so other plugins can ask whether a pass is partial. */
const quickPasses = new WeakMap<EleventyConfig, () => boolean>();

/**
 * Whether the running build is a dev-server quick pass (a few article pages only). Post-build steps
 * that derive a whole-site file from the build's results (redirects, headers, search index) skip it:
 * the follow-up full rebuild writes them.
 */
export function isQuickPass(eleventyConfig: EleventyConfig): boolean {
  return quickPasses.get(eleventyConfig)?.() ?? false;
}

/**
 * Registers the quick pass, and the global data `listings`, `articlePages` and `listPages` (what the
 * article and list templates paginate).
 */
export default function devRebuildPlugin(eleventyConfig: EleventyConfig, options: DevRebuildOptions): void {
  const delay = options.followUpDelayMs ?? (Number(process.env.DEV_FOLLOW_UP_MS) || FOLLOW_UP_DELAY_MS);
  const articlesRoot = path.join(contentDir(eleventyConfig), "articles");
  // Eleventy only queues a build for a file it watches; writing this file is how the follow-up is queued.
  // One per output folder (two servers never share one), so a server stopped by a signal leaves no litter.
  const outputKey = createHash("sha1").update(path.resolve(eleventyConfig.directories.output)).digest("hex");
  const signal = path.join(os.tmpdir(), `phuninh-dev-follow-up-${outputKey.slice(0, 12)}.txt`);
  writeFileSync(signal, "");
  eleventyConfig.addWatchTarget(signal);

  let changed: readonly string[] | undefined;
  let lastGood: Built | undefined;
  let baseline: Built | undefined;
  let preparing: Promise<Pass> | undefined;
  let pass: Pass | undefined;
  let followUp: NodeJS.Timeout | undefined;

  eleventyConfig.on("eleventy.beforeWatch", (queue: readonly string[]) => {
    clearTimeout(followUp);
    changed = queue;
  });
  eleventyConfig.on("eleventy.before", () => {
    // A failed build may have left any page half-updated: the next one after it must be full.
    baseline = lastGood;
    lastGood = undefined;
    preparing = undefined;
    pass = undefined;
  });
  const prepare = (): Promise<Pass> =>
    (preparing ??= (async () => {
      const articles = await options.load();
      const outline = outlineOf(articles);
      const queue = changed;
      changed = undefined;
      const slugs = queue && articleSlugs(queue, articlesRoot);
      if (!slugs || !baseline || !sameOutline(baseline.outline, outline)) {
        return (pass = { articles, outline, listings: options.listingsOf(articles), home: true });
      }
      // Same outline, same lists: the last listings with this build's article objects are this build's listings.
      const listings = relinkListings(baseline.listings, baseline.articles, articles);
      pass = {
        articles,
        outline,
        listings,
        slugs: pagesShowing(slugs, listings),
        home: onHome(slugs, listings),
      };
      console.log(
        `Sửa nhanh: ${pass.slugs?.size} trang bài viết; danh sách cập nhật sau ${delay / 1000} s ` +
          `(quick pass: ${[...slugs].join(", ")})`,
      );
      return pass;
    })());
  quickPasses.set(eleventyConfig, () => pass?.slugs !== undefined);

  eleventyConfig.addGlobalData("listings", async () => (await prepare()).listings);
  eleventyConfig.addGlobalData("listPages", async () => (await prepare()).listings.listPages);
  eleventyConfig.addGlobalData("articlePages", async () => {
    const { articles, slugs } = await prepare();
    return options.pages(slugs ? articles.filter((article) => slugs.has(article.slug)) : articles);
  });
  eleventyConfig.addPreprocessor("dev-quick-pass", "njk", async function (this: { inputPath: string }) {
    const { slugs, home } = await prepare();
    if (!slugs) return undefined;
    const name = path.basename(this.inputPath);
    // `false` makes Eleventy skip the template (no pages, nothing written).
    return name === options.articleTemplate || (home && name === options.homeTemplate) ? undefined : false;
  });
  eleventyConfig.on("eleventy.after", () => {
    lastGood = pass;
    if (pass?.slugs) followUp = setTimeout(() => writeFileSync(signal, String(Date.now())), delay).unref();
  });
}

/**
 * Slugs of the changed articles when every changed file is an article's `index.md`, else undefined.
 * Why the suffix match: Eleventy reports paths relative to a folder it picks for its watcher (the
 * project, or a parent of a content folder outside it), not absolute ones.
 */
export function articleSlugs(queue: readonly string[], articlesRoot: string): Set<string> | undefined {
  const slugs = new Set<string>();
  for (const file of queue) {
    const relative = file.replace(/^\.\//, "").split(path.sep).join("/");
    const slug = /(?:^|\/)articles\/([^/]+)\/index\.md$/.exec(relative)?.[1];
    const expected = slug && path.join(articlesRoot, slug, "index.md");
    if (
      !expected ||
      !(path.isAbsolute(file) ? path.resolve(file) === expected : expected.endsWith(`/${relative}`))
    )
      return undefined;
    slugs.add(slug);
  }
  return slugs.size > 0 ? slugs : undefined;
}

/** What places each article in lists, by slug, in list order; equal outlines: the same lists. */
function outlineOf(articles: readonly Article[]): Map<string, string> {
  return new Map(articles.map((a) => [a.slug, placementOf(a)]));
}

const placements = new WeakMap<Article, string>();

/** Cached per article object: the loader returns the same object for a file that has not changed. */
function placementOf(article: Article): string {
  let key = placements.get(article);
  if (key === undefined) {
    const { date, category, tags, author, unit, draft, aliases } = article;
    key = JSON.stringify([
      date.instant.getTime(),
      date.hasTime,
      category.slug,
      tags,
      author,
      unit,
      draft,
      aliases,
    ]);
    placements.set(article, key);
  }
  return key;
}

function sameOutline(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  const left = a.entries();
  for (const [slug, key] of b) {
    const other = left.next().value;
    if (!other || other[0] !== slug || other[1] !== key) return false;
  }
  return true;
}

/** The changed articles, their previous/next neighbours and every article listing one as related. */
export function pagesShowing(slugs: ReadonlySet<string>, listings: Listings): Set<string> {
  const pages = new Set(slugs);
  for (const [slug, links] of Object.entries(listings.articleLinks)) {
    if (slugs.has(slug)) {
      if (links.previous) pages.add(links.previous.slug);
      if (links.next) pages.add(links.next.slug);
    } else if (links.related.some((a) => slugs.has(a.slug))) pages.add(slug);
  }
  return pages;
}

function onHome(slugs: ReadonlySet<string>, listings: Listings): boolean {
  const shown = [...listings.home.latest, ...listings.home.blocks.flatMap((block) => block.articles)];
  return shown.some((article) => slugs.has(article.slug));
}

/**
 * The listings `previous` (built from `previousArticles`) with every article replaced by this build's object of the same slug.
 * Valid only when the outlines are equal: lists, neighbours and related articles are computed from
 * the outline alone (see `placementOf`), so only the articles' other fields (title, body…) differ.
 * Why: computing the listings compares the articles with each other (related articles, lists), which
 * grows faster than the archive; relinking only copies them.
 */
export function relinkListings(
  previous: Listings,
  previousArticles: readonly Article[],
  articles: readonly Article[],
): Listings {
  const old = new Set<object>(previousArticles);
  const bySlug = new Map(articles.map((article) => [article.slug, article]));
  const done = new Map<object, unknown>();
  const relink = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null || value instanceof Date) return value;
    const seen = done.get(value);
    if (seen !== undefined) return seen;
    let result: unknown;
    if (Array.isArray(value)) result = value.map(relink);
    else if (old.has(value)) result = bySlug.get((value as Article).slug);
    else if (Object.getPrototypeOf(value) === Object.prototype)
      result = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, relink(item)]));
    // A Map or class in the listings would keep the old articles: fail loudly rather than render stale data.
    else throw new Error(`relinkListings: cannot copy a ${value.constructor.name}`);
    done.set(value, result);
    return result;
  };
  return Object.freeze(relink(previous) as Listings);
}
