/**
 * Page keys: for each article page and list page, one hash of everything the page is rendered from
 * besides the code key (lib/rebuild/code-key.ts). Two builds that give a page the same key render it
 * to the same bytes, so a build may keep the previous version's file instead of rendering it again.
 *
 * What each page reads (layouts/article.njk, layouts/list.njk and their partials):
 * - an article page: its article (every field, body included, and the content of each photo it
 *   shows or shares), its links (tag, author and unit pages, related articles, previous and next)
 *   and the navigation (categories that have articles);
 * - a list page: its `ListPageData` (heading, numbering, pager links, its articles) and the navigation.
 * An article another page shows (a card, a related link, a neighbour) counts with every field but
 * its body: a page never prints another article's body, while its title, date, summary or photo may.
 * Pages not listed here (home, index pages, feeds, sitemaps, search page, 404) are rendered every build.
 */
import { hash } from "node:crypto";
import type { Article } from "../content/article.ts";
import type { Listings } from "../content/listings.ts";

export interface PageKeyInputs {
  /** The published articles, newest first. */
  readonly articles: readonly Article[];
  readonly listings: Listings;
  /** Content keys of the photos an article's pages show (lead, body, share image): a replaced photo changes them. */
  readonly imageKeys?: (article: Article) => readonly string[];
}

export interface PageKeys {
  /** By article URL. */
  readonly articles: ReadonlyMap<string, string>;
  /** By list page URL. */
  readonly lists: ReadonlyMap<string, string>;
}

/** Computes the key of every article page and list page. No rendering: a hash over the data. */
export function pageKeys(inputs: PageKeyInputs): PageKeys {
  const { articles, listings } = inputs;
  const own = new Map<Article, string>();
  const shown = new Map<object, string>();
  for (const article of articles) {
    const images = inputs.imageKeys?.(article) ?? [];
    const { body, ...fields } = article;
    // Serialised once: the page itself adds its body to what other pages see of it.
    const seen = JSON.stringify([fields, images]);
    own.set(article, digest(`${seen}\0${JSON.stringify(body)}`));
    shown.set(article, `article:${digest(seen)}`);
  }
  // Any article inside a page's data stands as its digest: a page's key follows the fields it may show.
  const serialise = (value: unknown): string =>
    JSON.stringify(value, (_key, item: unknown) =>
      typeof item === "object" && item !== null ? (shown.get(item) ?? item) : item,
    );
  const navigation = serialise(listings.navigation);
  const articleKeys = new Map<string, string>();
  for (const article of articles) {
    const links = listings.articleLinks[article.slug];
    articleKeys.set(article.url, digest(`${own.get(article)}\0${serialise(links)}\0${navigation}`));
  }
  const listKeys = new Map<string, string>();
  for (const page of listings.listPages) listKeys.set(page.url, digest(`${serialise(page)}\0${navigation}`));
  return { articles: articleKeys, lists: listKeys };
}

function digest(text: string): string {
  return hash("sha256", text, "base64url").slice(0, 22);
}
