import path from "node:path";
import { describe, expect, it } from "vitest";
import { articleSlugs, pagesShowing, relinkListings } from "../../lib/content/dev-rebuild.ts";
import { buildListings } from "../../lib/content/listings.ts";
import { article, newestFirst } from "../support/articles.ts";

const categories = [
  { slug: "xay-dung-dang", name: "Xây dựng Đảng" },
  { slug: "kinh-te", name: "Kinh tế" },
];
const kinhTe = { slug: "kinh-te", name: "Kinh tế" };
const before = newestFirst([
  article({ slug: "a", tags: ["hòa giải"], date: "2024-01-05" }),
  article({ slug: "b", tags: ["nông thôn mới"], date: "2024-01-04", category: kinhTe }),
  article({ slug: "c", tags: ["hòa giải"], date: "2024-01-03" }),
  article({ slug: "d", tags: ["nông thôn mới"], date: "2024-01-02", category: kinhTe }),
  article({ slug: "e", tags: ["hòa giải"], date: "2024-01-01" }),
]);

describe("articleSlugs", () => {
  const root = "/srv/site/content/articles";

  it("names the articles when every changed file is an article's index.md, however Eleventy spells the path", () => {
    expect(
      articleSlugs(
        [`${root}/a/index.md`, "./content/articles/b/index.md", "site/content/articles/c/index.md"],
        root,
      ),
    ).toEqual(new Set(["a", "b", "c"]));
  });

  it("refuses anything else: a photo, a data file, another folder's articles, a bare file name", () => {
    expect(articleSlugs([`${root}/a/index.md`, `${root}/a/anh.jpg`], root)).toBeUndefined();
    expect(articleSlugs(["./content/_data/site.json"], root)).toBeUndefined();
    expect(articleSlugs(["/other/content/articles/a/index.md"], root)).toBeUndefined();
    expect(articleSlugs(["other/articles/a/index.md"], root)).toBeUndefined();
    expect(articleSlugs(["index.md"], root)).toBeUndefined();
    expect(articleSlugs([], root)).toBeUndefined();
    expect(articleSlugs([path.join(root, "a", "index.md.swp")], root)).toBeUndefined();
  });
});

describe("relinkListings", () => {
  it("gives the listings a fresh build would, after a title and body edit", () => {
    const after = before.map((a) =>
      a.slug === "c" ? { ...a, title: "Tiêu đề mới", body: "Thân bài mới." } : { ...a },
    );
    const relinked = relinkListings(buildListings(before, categories, "Cổng"), before, after);
    expect(relinked).toEqual(buildListings(after, categories, "Cổng"));
    expect(relinked.articleLinks.a?.related.find((r) => r.slug === "c")).toBe(after[2]);
    expect(relinked.articleLinks.b?.previous).toBe(after[2]);
  });
});

describe("pagesShowing", () => {
  it("is the article, its previous and next, and the articles listing it as related", () => {
    const listings = buildListings(before, categories, "Cổng");
    // c's neighbours are b and d; a and e share its tag and category.
    expect(pagesShowing(new Set(["c"]), listings)).toEqual(new Set(["c", "b", "d", "a", "e"]));
    // e: only c is its neighbour; a and c list it (same tag); b and d do not.
    expect(pagesShowing(new Set(["e"]), listings)).toEqual(new Set(["e", "d", "a", "c"]));
  });
});
