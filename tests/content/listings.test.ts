import { describe, expect, it } from "vitest";
import { buildListings } from "../../lib/content/listings.ts";
import { sitemapEntries } from "../../lib/seo/sitemaps.ts";
import { article, newestFirst } from "../support/articles.ts";

const categories = [
  { slug: "xay-dung-dang", name: "Xây dựng Đảng" },
  { slug: "kinh-te", name: "Kinh tế" },
];
const list = newestFirst([
  article({ slug: "a", tags: ["hòa giải", "hoà giải"], unit: "Huyện uỷ Phú Ninh", date: "2024-01-01" }),
  article({ slug: "b", tags: ["hòa giải"], unit: "Huyện ủy Phú Ninh", date: "2024-02-01" }),
  article({ slug: "c", tags: ["Hòa giải"], unit: "Huyện ủy Phú Ninh", date: "2023-03-01" }),
]);
const listings = buildListings(list, categories, "Cổng thông tin");

describe("buildListings", () => {
  it("links an article's own spelling to the one page, once, under the display form", () => {
    expect(listings.articleLinks.a?.tags).toEqual([{ name: "hòa giải", url: "/the/hoa-giai/" }]);
    expect(listings.articleLinks.a?.unit).toEqual({
      name: "Huyện ủy Phú Ninh",
      url: "/don-vi/huyen-uy-phu-ninh/",
    });
  });

  it("makes a page for every list, the empty category included, with breadcrumbs", () => {
    const urls = listings.listPages.map((p) => p.url);
    expect(urls).toEqual(
      expect.arrayContaining([
        "/chuyen-muc/xay-dung-dang/",
        "/chuyen-muc/kinh-te/",
        "/the/hoa-giai/",
        "/tac-gia/ngo-my/",
        "/don-vi/huyen-uy-phu-ninh/",
        "/nam/2024/",
        "/nam/2023/",
      ]),
    );
    expect(listings.listPages.find((p) => p.url === "/the/hoa-giai/")?.breadcrumbs.map((b) => b.url)).toEqual(
      ["/", "/the/", "/the/hoa-giai/"],
    );
    expect(listings.home.blocks.map((b) => b.category.slug)).toEqual(["xay-dung-dang"]);
  });

  it("navigates only to the categories that have articles, in the configured order", () => {
    expect(listings.navigation).toEqual([{ name: "Xây dựng Đảng", url: "/chuyen-muc/xay-dung-dang/" }]);
    const both = buildListings(
      newestFirst([
        ...list,
        article({ slug: "d", category: { slug: "kinh-te", name: "Kinh tế" }, date: "2022-01-01" }),
      ]),
      [...categories].reverse(),
      "Cổng thông tin",
    );
    expect(both.navigation.map((link) => link.url)).toEqual([
      "/chuyen-muc/kinh-te/",
      "/chuyen-muc/xay-dung-dang/",
    ]);
  });

  it("lists every page once in the sitemap entries", () => {
    const urls = sitemapEntries(list, listings).map((e) => e.url);
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls).toEqual(expect.arrayContaining(["/", "/tin-tuc/a/", "/the/", "/nam/", "/the/hoa-giai/"]));
  });
});
