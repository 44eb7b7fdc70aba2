/**
 * Collections: from the published articles (newest first), the categories, tags, authors, units and
 * years a reader browses, each with its articles and URL. Pure functions, computed once per build.
 *
 * One name, one page: names are grouped by `nameKey`, so old and new tone placement (hoà/hòa,
 * thuý/thúy, uỷ/ủy) and case differences land on one page. The DISPLAY FORM of a group is the
 * spelling used by the most articles; on a tie, the spelling that comes first in Vietnamese collation.
 * Why majority: it follows what the newsroom actually writes, and changes only when usage changes.
 * The slug is `slugify(display form)`. Two different names can fold to one slug: the communes
 * "Tam Dân" and "Tam Đàn", or "Hòa" and "Hóa". They stay two pages: the name first published keeps
 * the plain slug and the later one gets `-2` (then `-3`). Why by first publication: an archive's URLs
 * must not move, and a new article can only add a name later than the existing ones.
 */
import { nameKey } from "../text/fold.ts";
import { slugify } from "../text/slug.ts";
import { compareVietnamese, sortVietnamese } from "../text/collate.ts";
import { vietnamYear } from "../text/date.ts";
import type { Article } from "./article.ts";
import type { Category } from "./site.ts";
import { taxonUrl, type TaxonKind } from "./url-scheme.ts";

export type { TaxonKind };

/** A browsable group of articles: a category, tag, author, unit or year. */
export interface Taxon {
  /** Grouping key (`nameKey` of the name; the slug for categories; the year for years). */
  readonly key: string;
  /** Display form. */
  readonly name: string;
  readonly slug: string;
  /** Site-relative URL of the first page, e.g. `/the/hoa-giai/`. */
  readonly url: string;
  /** Newest first. */
  readonly articles: readonly Article[];
}

/** Thrown when two different names would share one URL. */
export class SlugCollisionError extends Error {
  override name = "SlugCollisionError";
}

interface Group {
  readonly key: string;
  readonly spellings: Map<string, number>;
  readonly articles: Article[];
}

/** Full-strength Vietnamese collation: tells hòa from hoà and case, so a tie has one answer. */
const tieBreaker = new Intl.Collator("vi", { sensitivity: "variant", caseFirst: "lower" });

function firstInCollation(a: string, b: string): boolean {
  return (compareVietnamese(a, b) || tieBreaker.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)) < 0;
}

/** Picks the display form: most used spelling, ties broken by Vietnamese collation (input order never matters). */
export function displayForm(spellings: ReadonlyMap<string, number>): string {
  let best: [string, number] | undefined;
  for (const entry of spellings) {
    if (!best || entry[1] > best[1] || (entry[1] === best[1] && firstInCollation(entry[0], best[0]))) {
      best = entry;
    }
  }
  if (!best) throw new Error("displayForm needs at least one spelling");
  return best[0];
}

/**
 * Groups articles by the names `pick` returns (one name or several per article), one group per
 * `nameKey`. Articles keep their order (newest first) and appear once per group.
 */
export function groupByName(
  articles: readonly Article[],
  pick: (article: Article) => readonly string[],
  kind: TaxonKind,
): Taxon[] {
  const groups = new Map<string, Group>();
  for (const article of articles) {
    const seen = new Set<string>();
    for (const raw of pick(article)) {
      const name = raw.trim();
      const key = nameKey(name);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { key, spellings: new Map(), articles: [] }));
      group.spellings.set(name, (group.spellings.get(name) ?? 0) + 1);
      group.articles.push(article);
    }
  }
  const bySlug = new Map<string, Taxon>();
  const firstPublished = (group: Group): number =>
    (group.articles[group.articles.length - 1] as Article).date.instant.getTime();
  const ordered = [...groups.values()].sort(
    (a, b) =>
      firstPublished(a) - firstPublished(b) ||
      compareVietnamese(displayForm(a.spellings), displayForm(b.spellings)) ||
      (a.key < b.key ? -1 : 1),
  );
  for (const group of ordered) {
    const name = displayForm(group.spellings);
    const base = slugify(name);
    if (!base) {
      const files = group.articles.map((a) => a.inputPath).join(", ");
      throw new SlugCollisionError(
        `Tên "${name}" (${kind}) không tạo được địa chỉ (slug rỗng) — trong: ${files}`,
      );
    }
    let slug = base;
    for (let n = 2; bySlug.has(slug); n++) slug = `${base}-${n}`;
    bySlug.set(slug, {
      key: group.key,
      name,
      slug,
      url: taxonUrl(kind, slug),
      articles: group.articles,
    });
  }
  return sortVietnamese([...bySlug.values()], (taxon) => taxon.name);
}

/** One taxon per configured category, in the site's order, empty ones included (the menu links them). */
function groupByCategory(articles: readonly Article[], categories: readonly Category[]): Taxon[] {
  const lists = new Map<string, Article[]>(categories.map((c) => [c.slug, []]));
  for (const article of articles) lists.get(article.category.slug)?.push(article);
  return categories.map((c) => ({
    key: c.slug,
    name: c.name,
    slug: c.slug,
    url: taxonUrl("category", c.slug),
    articles: lists.get(c.slug) ?? [],
  }));
}

/** One taxon per Vietnam-time calendar year, newest year first. */
export function groupByYear(articles: readonly Article[]): Taxon[] {
  const lists = new Map<number, Article[]>();
  for (const article of articles) {
    const year = vietnamYear(article.date.instant);
    let list = lists.get(year);
    if (!list) lists.set(year, (list = []));
    list.push(article);
  }
  return [...lists.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([year, list]) => ({
      key: String(year),
      name: `Năm ${year}`,
      slug: String(year),
      url: taxonUrl("year", year),
      articles: list,
    }));
}

export interface Collections {
  readonly categories: readonly Taxon[];
  readonly tags: readonly Taxon[];
  readonly authors: readonly Taxon[];
  readonly units: readonly Taxon[];
  readonly years: readonly Taxon[];
}

/** Every collection of the site, from the published articles (newest first). */
export function buildCollections(articles: readonly Article[], categories: readonly Category[]): Collections {
  return {
    categories: groupByCategory(articles, categories),
    tags: groupByName(articles, (a) => a.tags, "tag"),
    authors: groupByName(articles, (a) => [a.author], "author"),
    units: groupByName(articles, (a) => [a.unit], "unit"),
    years: groupByYear(articles),
  };
}

/** Finds the taxon a name belongs to (by `nameKey`), for linking an article's own spelling. */
export function taxonIndex(taxa: readonly Taxon[]): Map<string, Taxon> {
  return new Map(taxa.map((t) => [t.key, t]));
}
