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

/**
 * Related articles for each article (by slug): scored by shared tags (2 each, compared by
 * `nameKey`) and shared category (1); ties go to the article closest in date, then to the slug
 * first in plain string order. `articles` is newest first.
 *
 * Articles, tags and categories stand as numbers here and only the best `max` of each article's
 * candidates are kept in order, not all of them sorted: this runs for every article of the archive
 * in every build.
 */
export function relatedArticles(
  articles: readonly Article[],
  options: RelatedOptions = {},
): Map<string, Article[]> {
  const max = options.max ?? 5;
  const window = options.window ?? 12;
  const ids = new Map<string, number>();
  const idOf = (key: string): number => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  // Each article's lists (its tags' lists, then its category's) and its place in each.
  const lists: number[][] = [];
  const tags: number[][] = [];
  const category: number[] = [];
  const time: number[] = [];
  const places: { list: number[]; at: number }[][] = [];
  articles.forEach((article, i) => {
    const own = [...new Set(article.tags.map(nameKey))].map((key) => idOf(`t:${key}`));
    category.push(idOf(`c:${article.category.slug}`));
    tags.push(own);
    time.push(article.date.instant.getTime());
    places.push(
      [...own, category[i] as number].map((id) => {
        const list = (lists[id] ??= []);
        list.push(i);
        return { list, at: list.length - 1 };
      }),
    );
  });

  const seenBy = new Int32Array(articles.length).fill(-1);
  const result = new Map<string, Article[]>();
  articles.forEach((article, i) => {
    const own = tags[i] as number[];
    const best: Scored[] = [];
    for (const { list, at } of places[i] as { list: number[]; at: number }[]) {
      for (let p = Math.max(0, at - window); p <= Math.min(list.length - 1, at + window); p++) {
        const other = list[p] as number;
        if (other === i || seenBy[other] === i) continue;
        seenBy[other] = i;
        let score = category[other] === category[i] ? 1 : 0;
        for (const tag of tags[other] as number[]) if (own.includes(tag)) score += TAG_WEIGHT;
        keepBest(best, max, {
          article: articles[other] as Article,
          score,
          distance: Math.abs((time[other] as number) - (time[i] as number)),
        });
      }
    }
    result.set(
      article.slug,
      best.map((s) => s.article),
    );
  });
  return result;
}

interface Scored {
  readonly article: Article;
  readonly score: number;
  readonly distance: number;
}

/** Higher score first, then closer in date, then plain string order of slugs (not ICU: it is hot). */
function before(a: Scored, b: Scored): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.distance !== b.distance) return a.distance < b.distance;
  return a.article.slug < b.article.slug;
}

/** Inserts `item` into `best` (ordered by `before`) if it is among the first `max`. */
function keepBest(best: Scored[], max: number, item: Scored): void {
  if (max <= 0 || (best.length === max && !before(item, best[max - 1] as Scored))) return;
  let at = Math.min(best.length, max - 1);
  if (best.length < max) best.push(item);
  while (at > 0 && before(item, best[at - 1] as Scored)) {
    best[at] = best[at - 1] as Scored;
    at--;
  }
  best[at] = item;
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
