import { describe, expect, it } from "vitest";
import { neighbours, relatedArticles } from "../../lib/content/related.ts";
import { nameKey } from "../../lib/text/fold.ts";
import type { Article } from "../../lib/content/article.ts";
import { article, newestFirst } from "../support/articles.ts";

/** The rule written plainly: every candidate in the windows, all scored, all sorted. */
function plainRelated(articles: readonly Article[], max = 5, window = 12): Map<string, string[]> {
  const lists = new Map<string, Article[]>();
  const keysOf = (a: Article): Set<string> => new Set(a.tags.map(nameKey));
  const listKeys = (a: Article): string[] => [...[...keysOf(a)].map((k) => `t:${k}`), `c:${a.category.slug}`];
  for (const a of articles) for (const key of listKeys(a)) lists.set(key, [...(lists.get(key) ?? []), a]);
  const result = new Map<string, string[]>();
  for (const a of articles) {
    const candidates = new Set<Article>();
    for (const key of listKeys(a)) {
      const list = lists.get(key) ?? [];
      const at = list.indexOf(a);
      list
        .slice(Math.max(0, at - window), at + window + 1)
        .forEach((other) => other !== a && candidates.add(other));
    }
    const score = (o: Article): number =>
      (o.category.slug === a.category.slug ? 1 : 0) +
      2 * [...keysOf(o)].filter((k) => keysOf(a).has(k)).length;
    const distance = (o: Article): number => Math.abs(o.date.instant.getTime() - a.date.instant.getTime());
    const ranked = [...candidates].sort(
      (x, y) => score(y) - score(x) || distance(x) - distance(y) || (x.slug < y.slug ? -1 : 1),
    );
    result.set(
      a.slug,
      ranked.slice(0, max).map((o) => o.slug),
    );
  }
  return result;
}

const kt = { slug: "kinh-te", name: "Kinh tế" };

describe("relatedArticles", () => {
  it("ranks shared tags above a shared category, and never lists the article itself", () => {
    const list = newestFirst([
      article({ slug: "main", tags: ["nông thôn mới", "hoà giải"], date: "2024-05-10T08:00:00+07:00" }),
      article({
        slug: "two-tags",
        tags: ["Nông thôn mới", "hòa giải"],
        category: kt,
        date: "2024-01-01T08:00:00+07:00",
      }),
      article({ slug: "same-cat", date: "2024-05-09T08:00:00+07:00" }),
      article({ slug: "one-tag", tags: ["nông thôn mới"], category: kt, date: "2024-05-08T08:00:00+07:00" }),
      article({ slug: "unrelated", category: kt, date: "2024-05-11T08:00:00+07:00" }),
    ]);
    const related = relatedArticles(list)
      .get("main")
      ?.map((a) => a.slug);
    expect(related).toEqual(["two-tags", "one-tag", "same-cat"]);
  });

  it("keeps at most five", () => {
    const list = newestFirst(
      Array.from({ length: 12 }, (_, i) =>
        article({ slug: `a${i}`, date: `2024-05-${String(i + 1).padStart(2, "0")}` }),
      ),
    );
    expect(relatedArticles(list).get("a3")).toHaveLength(5);
  });

  it("handles 10,000 articles that all share one tag (windowed, not all pairs)", () => {
    const list = newestFirst(
      Array.from({ length: 10_000 }, (_, i) =>
        article({
          slug: `a${i}`,
          tags: ["cán bộ", `t${i % 50}`],
          date: new Date(Date.UTC(2000, 0, 1) + i * 3600_000).toISOString(),
        }),
      ),
    );
    const related = relatedArticles(list);
    expect(related.size).toBe(10_000);
    expect(related.get("a500")).toHaveLength(5);
  });
});

describe("relatedArticles against the rule written plainly", () => {
  it("picks the same articles in the same order on a varied archive (ties in score and date included)", () => {
    const tagPool = [
      "hoà giải",
      "hòa giải",
      "Nông thôn mới",
      "cán bộ",
      "Đường giao thông",
      "y tế",
      "giáo dục",
    ];
    const categories = [kt, { slug: "xa-hoi", name: "Xã hội" }, { slug: "chinh-tri", name: "Chính trị" }];
    let seed = 7;
    const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const list = newestFirst(
      Array.from({ length: 400 }, (_, i) =>
        article({
          slug: `bai-${random(1000)}-${i}`,
          tags: Array.from({ length: random(4) }, () => tagPool[random(tagPool.length)] as string),
          category: categories[random(categories.length)],
          // Few distinct dates, so equal scores and equal distances are common.
          date: `2024-0${1 + random(3)}-1${random(3)}T08:00:00+07:00`,
        }),
      ),
    );
    for (const [max, window] of [
      [5, 12],
      [3, 2],
      [1, 40],
    ] as const) {
      const related = relatedArticles(list, { max, window });
      const expected = plainRelated(list, max, window);
      expect(new Map([...related].map(([slug, others]) => [slug, others.map((o) => o.slug)]))).toEqual(
        expected,
      );
    }
  });
});

describe("neighbours", () => {
  it("links the older article as previous and the newer as next", () => {
    const list = newestFirst([
      article({ slug: "old", date: "2024-01-01" }),
      article({ slug: "mid", date: "2024-02-01" }),
      article({ slug: "new", date: "2024-03-01" }),
    ]);
    const mid = neighbours(list).get("mid");
    expect(mid?.previous?.slug).toBe("old");
    expect(mid?.next?.slug).toBe("new");
    expect(neighbours(list).get("new")?.next).toBeUndefined();
  });
});
