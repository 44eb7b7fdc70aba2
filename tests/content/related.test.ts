import { describe, expect, it } from "vitest";
import { neighbours, relatedArticles } from "../../lib/content/related.ts";
import { article, newestFirst } from "../support/articles.ts";

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
