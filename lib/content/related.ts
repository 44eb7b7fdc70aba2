/**
 * "Tin liên quan" and previous/next, computed once per build for every article.
 *
 * Why not compare all pairs: at 10,000 articles that is 50 million comparisons. Instead each
 * article looks only at its neighbours in time inside each of its tag lists and its category list
 * (a window either side), so the work grows with articles × tags × window: near-linear.
 */
import { nameKey } from "../text/fold.ts";
import type { Article } from "./article.ts";

/** Weight of one shared tag; sharing the category counts 1. */
const TAG_WEIGHT = 2;

export interface RelatedOptions {
  /** At most this many related articles per article. */
  readonly max?: number;
  /** Neighbours considered either side in each list. */
  readonly window?: number;
}

function addToIndex(index: Map<string, Article[]>, key: string, article: Article): void {
  const list = index.get(key);
  if (list) list.push(article);
  else index.set(key, [article]);
}

/**
 * Related articles for each article (by slug): scored by shared tags (2 each, compared by
 * `nameKey`) and shared category (1); ties go to the article closest in date. `articles` is newest first.
 */
export function relatedArticles(
  articles: readonly Article[],
  options: RelatedOptions = {},
): Map<string, Article[]> {
  const max = options.max ?? 5;
  const window = options.window ?? 12;
  const lists = new Map<string, Article[]>();
  const tagKeys = new Map<string, Set<string>>();
  for (const article of articles) {
    const keys = new Set(article.tags.map(nameKey));
    tagKeys.set(article.slug, keys);
    for (const key of keys) addToIndex(lists, `t:${key}`, article);
    addToIndex(lists, `c:${article.category.slug}`, article);
  }
  const positions = new Map<string, Map<string, number>>();
  for (const [key, list] of lists) positions.set(key, new Map(list.map((a, i) => [a.slug, i])));

  const result = new Map<string, Article[]>();
  for (const article of articles) {
    const own = tagKeys.get(article.slug) ?? new Set<string>();
    const candidates = new Map<string, Article>();
    for (const key of [...[...own].map((k) => `t:${k}`), `c:${article.category.slug}`]) {
      const list = lists.get(key) ?? [];
      const at = positions.get(key)?.get(article.slug) ?? 0;
      for (let i = Math.max(0, at - window); i <= Math.min(list.length - 1, at + window); i++) {
        const other = list[i] as Article;
        if (other.slug !== article.slug) candidates.set(other.slug, other);
      }
    }
    const time = article.date.instant.getTime();
    const scored = [...candidates.values()].map((other) => {
      let score = other.category.slug === article.category.slug ? 1 : 0;
      for (const key of tagKeys.get(other.slug) ?? []) if (own.has(key)) score += TAG_WEIGHT;
      return { other, score, distance: Math.abs(other.date.instant.getTime() - time) };
    });
    // Plain string order for the last tie-break: localeCompare (ICU) here dominated the whole step.
    const bySlug = (a: Article, b: Article): number => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
    scored.sort((a, b) => b.score - a.score || a.distance - b.distance || bySlug(a.other, b.other));
    result.set(
      article.slug,
      scored.slice(0, max).map((s) => s.other),
    );
  }
  return result;
}

export interface Neighbours {
  /** The next older article. */
  readonly previous?: Article;
  /** The next newer article. */
  readonly next?: Article;
}

/** Previous (older) and next (newer) article by date, for articles sorted newest first. */
export function neighbours(articles: readonly Article[]): Map<string, Neighbours> {
  const result = new Map<string, Neighbours>();
  articles.forEach((article, i) => {
    const previous = articles[i + 1];
    const next = i > 0 ? articles[i - 1] : undefined;
    result.set(article.slug, { ...(previous ? { previous } : {}), ...(next ? { next } : {}) });
  });
  return result;
}
