/**
 * The listings of the site: every list page and index page, the home page's blocks, the menu, and
 * each article's links to its tags, author, unit, related articles and neighbours. Prepared once per
 * build so that layouts only render (global data `listings`).
 */
import type { Article } from "./article.ts";
import type { Category } from "./site.ts";
import { buildCollections, taxonIndex, type Collections, type Taxon } from "./collections.ts";
import { KIND_PATHS, type Link, type TaxonKind } from "./url-scheme.ts";
import { breadcrumbTrail } from "./breadcrumbs.ts";

import { paginate, type ListPage } from "./pagination.ts";
import { neighbours, relatedArticles } from "./related.ts";
import { nameKey } from "../text/fold.ts";

/** One page of one list (category, tag, author, unit or year). */
export interface ListPageData extends ListPage {
  readonly kind: TaxonKind;
  readonly taxon: Link;
  /** The `<h1>` and `<title>`; page number appended after the first page. */
  readonly title: string;
  readonly heading: string;
  readonly description: string;
  readonly breadcrumbs: readonly Link[];
  /** Per-category feeds, linked as alternates. */
  readonly feeds?: { readonly rss: string; readonly atom: string };
}

export interface IndexPage {
  readonly url: string;
  readonly title: string;
  readonly description: string;
  readonly entries: readonly (Link & { readonly count: number })[];
  readonly breadcrumbs: readonly Link[];
}

/** What an article page links to besides its category: its lists, related articles and neighbours. */
export interface ArticleLinks {
  readonly tags: readonly Link[];
  readonly author: Link;
  readonly unit: Link;
  readonly related: readonly Article[];
  readonly previous?: Article;
  readonly next?: Article;
}

export interface Listings {
  readonly collections: Collections;
  readonly listPages: readonly ListPageData[];
  readonly indexes: readonly IndexPage[];
  readonly home: {
    readonly latest: readonly Article[];
    readonly blocks: readonly { readonly category: Taxon; readonly articles: readonly Article[] }[];
  };
  /** The categories that have articles, in the configured order: the site navigation (empty ones keep their page). */
  readonly navigation: readonly Link[];
  /** By article slug. */
  readonly articleLinks: Readonly<Record<string, ArticleLinks>>;
}

const LABELS: Record<
  TaxonKind,
  { index: string; heading: (name: string) => string; describe: (name: string) => string }
> = {
  category: { index: "Chuyên mục", heading: (n) => n, describe: (n) => `Tin bài chuyên mục ${n}` },
  tag: { index: "Thẻ", heading: (n) => `Thẻ: ${n}`, describe: (n) => `Tin bài gắn thẻ “${n}”` },
  author: { index: "Tác giả", heading: (n) => `Tác giả: ${n}`, describe: (n) => `Tin bài của tác giả ${n}` },
  unit: { index: "Đơn vị", heading: (n) => `Đơn vị: ${n}`, describe: (n) => `Tin bài của ${n}` },
  year: {
    index: "Lưu trữ theo năm",
    heading: (n) => `Lưu trữ: ${n}`,
    describe: (n) => `Tin bài đăng trong ${n.toLowerCase()}`,
  },
};

function listPages(kind: TaxonKind, taxa: readonly Taxon[], siteName: string): ListPageData[] {
  const label = LABELS[kind];
  return taxa.flatMap((taxon) =>
    paginate(taxon.url, taxon.articles).map((page) => {
      const heading = label.heading(taxon.name);
      const suffix = page.number > 1 ? ` – Trang ${page.number}` : "";
      return {
        ...page,
        kind,
        taxon: { name: taxon.name, url: taxon.url },
        heading,
        title: heading + suffix,
        description: `${label.describe(taxon.name)} trên ${siteName}${suffix}.`,
        breadcrumbs:
          kind === "category"
            ? breadcrumbTrail(taxon)
            : breadcrumbTrail({ name: label.index, url: KIND_PATHS[kind] }, taxon),
        ...(kind === "category"
          ? { feeds: { rss: `${taxon.url}feed.xml`, atom: `${taxon.url}atom.xml` } }
          : {}),
      };
    }),
  );
}

function indexPage(kind: TaxonKind, taxa: readonly Taxon[], description: string): IndexPage {
  return {
    url: KIND_PATHS[kind],
    title: LABELS[kind].index,
    description,
    entries: taxa.map((t) => ({ name: t.name, url: t.url, count: t.articles.length })),
    breadcrumbs: breadcrumbTrail({ name: LABELS[kind].index, url: KIND_PATHS[kind] }),
  };
}

function link(index: Map<string, Taxon>, name: string): Link {
  const taxon = index.get(nameKey(name));
  if (!taxon) throw new Error(`Không tìm thấy trang cho "${name}"`);
  return { name: taxon.name, url: taxon.url };
}

/** Builds the listings from the published articles (newest first) and the configured categories. */
export function buildListings(
  articles: readonly Article[],
  categories: readonly Category[],
  siteName: string,
): Listings {
  const collections = buildCollections(articles, categories);
  const tags = taxonIndex(collections.tags);
  const authors = taxonIndex(collections.authors);
  const units = taxonIndex(collections.units);
  const related = relatedArticles(articles);
  const around = neighbours(articles);
  const articleLinks: Record<string, ArticleLinks> = {};
  for (const article of articles) {
    const seen = new Set<string>();
    articleLinks[article.slug] = {
      tags: article.tags.map((t) => link(tags, t)).filter((l) => !seen.has(l.url) && seen.add(l.url)),
      author: link(authors, article.author),
      unit: link(units, article.unit),
      related: related.get(article.slug) ?? [],
      ...around.get(article.slug),
    };
  }
  return {
    collections,
    listPages: [
      ...listPages("category", collections.categories, siteName),
      ...listPages("tag", collections.tags, siteName),
      ...listPages("author", collections.authors, siteName),
      ...listPages("unit", collections.units, siteName),
      ...listPages("year", collections.years, siteName),
    ],
    indexes: [
      indexPage("tag", collections.tags, `Tất cả các thẻ (từ khóa) trên ${siteName}.`),
      indexPage("author", collections.authors, `Các tác giả viết bài trên ${siteName}.`),
      indexPage("unit", collections.units, `Các đơn vị có bài đăng trên ${siteName}.`),
      indexPage("year", collections.years, `Tin bài lưu trữ theo năm trên ${siteName}.`),
    ],
    home: {
      latest: articles.slice(0, 7),
      blocks: collections.categories
        .filter((c) => c.articles.length > 0)
        .map((category) => ({ category, articles: category.articles.slice(0, 5) })),
    },
    navigation: collections.categories
      .filter((c) => c.articles.length > 0)
      .map((c) => ({ name: c.name, url: c.url })),
    articleLinks,
  };
}
