import { describe, expect, it } from "vitest";
import { paginate, pageWindow } from "../../lib/content/pagination.ts";
import { article } from "../support/articles.ts";

const items = Array.from({ length: 45 }, (_, i) => article({ slug: `a${i}` }));

describe("paginate", () => {
  it("cuts 45 articles into pages of 20, 20 and 5 with /trang/N/ URLs", () => {
    const pages = paginate("/the/can-bo/", items);
    expect(pages.map((p) => [p.url, p.articles.length])).toEqual([
      ["/the/can-bo/", 20],
      ["/the/can-bo/trang/2/", 20],
      ["/the/can-bo/trang/3/", 5],
    ]);
    expect(pages[1]).toMatchObject({
      number: 2,
      total: 3,
      previousUrl: "/the/can-bo/",
      nextUrl: "/the/can-bo/trang/3/",
    });
    expect(pages[0]?.previousUrl).toBeUndefined();
    expect(pages[2]?.nextUrl).toBeUndefined();
  });

  it("marks only the current page", () => {
    const links = paginate("/x/", items)[1]?.links ?? [];
    expect(links.filter((l) => l?.current).map((l) => l?.number)).toEqual([2]);
  });

  it("still makes one empty page for an empty list", () => {
    expect(paginate("/chuyen-muc/kinh-te/", []).map((p) => p.url)).toEqual(["/chuyen-muc/kinh-te/"]);
  });
});

describe("pageWindow", () => {
  it("shows first, last and two either side, with gaps", () => {
    expect(pageWindow(10, 20)).toEqual([1, undefined, 8, 9, 10, 11, 12, undefined, 20]);
  });
});
