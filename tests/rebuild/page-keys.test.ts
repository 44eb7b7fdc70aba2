import { describe, expect, it } from "vitest";
import type { Article } from "../../lib/content/article.ts";
import { buildListings } from "../../lib/content/listings.ts";
import { pageKeys } from "../../lib/rebuild/page-keys.ts";
import { pageFile } from "../../lib/rebuild/selection.ts";
import { article, newestFirst } from "../support/articles.ts";

const categories = [
  { slug: "xay-dung-dang", name: "Xây dựng Đảng" },
  { slug: "kinh-te", name: "Kinh tế" },
];

/** Five articles a day apart, "a" newest, all tagged "cán bộ"; `change` replaces some of them. */
function site(change: Partial<Record<string, Partial<Omit<Article, "date">>>> = {}, imageKey = "photo-1") {
  const articles = newestFirst(
    ["a", "b", "c", "d", "e"].map((slug, i) =>
      article({ slug, tags: ["cán bộ"], date: `2024-05-0${9 - i}T08:00:00+07:00`, ...change[slug] }),
    ),
  );
  const listings = buildListings(articles, categories, "Cổng thông tin");
  return pageKeys({ articles, listings, imageKeys: (a) => (a.slug === "c" ? [imageKey] : []) });
}

/** URLs whose key differs between two sets of keys (a page added or gone counts). */
function changed(before: ReturnType<typeof pageKeys>, after: ReturnType<typeof pageKeys>): string[] {
  const a = new Map([...before.articles, ...before.lists]);
  const b = new Map([...after.articles, ...after.lists]);
  return [...new Set([...a.keys(), ...b.keys()])].filter((url) => a.get(url) !== b.get(url)).sort();
}

describe("pageKeys", () => {
  const base = site();

  it("gives the same keys to the same content", () => {
    expect(changed(base, site())).toEqual([]);
  });

  it("changes only the edited article's page when its body changes", () => {
    expect(changed(base, site({ c: { body: "Nội dung mới." } }))).toEqual(["/tin-tuc/c/"]);
  });

  it("changes the pages that show an article's title: neighbours, related articles and its lists", () => {
    const after = changed(base, site({ c: { title: "Tiêu đề mới" } }));
    expect(after).toEqual(expect.arrayContaining(["/tin-tuc/b/", "/tin-tuc/c/", "/tin-tuc/d/"]));
    expect(after).toEqual(
      expect.arrayContaining(["/chuyen-muc/xay-dung-dang/", "/the/can-bo/", "/nam/2024/"]),
    );
  });

  it("changes an article's page and lists when its photo's content changes", () => {
    expect(changed(base, site({}, "photo-2"))).toEqual(
      expect.arrayContaining(["/tin-tuc/c/", "/chuyen-muc/xay-dung-dang/"]),
    );
  });

  it("gives a new list page when an article moves to another category", () => {
    const after = changed(base, site({ e: { category: { slug: "kinh-te", name: "Kinh tế" } } }));
    expect(after).toEqual(expect.arrayContaining(["/chuyen-muc/kinh-te/", "/chuyen-muc/xay-dung-dang/"]));
  });
});

describe("pageFile", () => {
  it("writes a folder URL to its index.html and a file URL as it is", () => {
    expect(pageFile("/")).toBe("index.html");
    expect(pageFile("/the/can-bo/trang/2/")).toBe("the/can-bo/trang/2/index.html");
    expect(pageFile("/404.html")).toBe("404.html");
  });
});
