import { describe, expect, it } from "vitest";
import { bodyImages, bodyLinks, draftLinkProblems, isLocalImage } from "../../lib/content/body-refs.ts";

describe("bodyImages", () => {
  it("finds Markdown and HTML images with their alt text and line", () => {
    const body = '\nĐoạn.\n\n![Lễ khai mạc](khai-mac.jpg "Chú thích")\n\n<img src="b.jpg">\n\n![](c.jpg)';
    expect(bodyImages(body)).toEqual([
      { line: 4, alt: "Lễ khai mạc", src: "khai-mac.jpg" },
      { line: 6, alt: undefined, src: "b.jpg" },
      { line: 8, alt: "", src: "c.jpg" },
    ]);
  });
});

describe("isLocalImage", () => {
  it("is true only for files beside the article", () => {
    expect(isLocalImage("anh.jpg")).toBe(true);
    expect(isLocalImage("/assets/images/banner.png")).toBe(false);
    expect(isLocalImage("https://example.com/a.jpg")).toBe(false);
  });
});

describe("bodyLinks", () => {
  it("finds links to article pages, relative or with the site's own address", () => {
    const body = "[a](/tin-tuc/mot/)\n[b](https://phuninh.gov.vn/tin-tuc/hai/#doan)\n<a href=\"/tin-tuc/ba/\">c</a>\n[d](https://example.com/tin-tuc/bon/)";
    expect(bodyLinks(body, "https://phuninh.gov.vn").map((l) => [l.line, l.slug])).toEqual([
      [1, "mot"],
      [2, "hai"],
      [3, "ba"],
    ]);
  });
});

describe("bodyLinks, read as a browser reads them", () => {
  it("resolves relative links from the article's page and decodes entities and percent-encoding", () => {
    const body = '[a](../mot/)\n<a href="/tin-tuc/&#104;ai/">b</a>\n[c](/tin-tuc/b%C3%A0i/)\n[d](quyet-dinh.pdf)\n[e](http://phuninh.gov.vn/tin-tuc/nam/)';
    expect(bodyLinks(body, "https://phuninh.gov.vn", "/tin-tuc/goc/").map((l) => [l.line, l.slug])).toEqual([
      [1, "mot"],
      [2, "hai"],
      [3, "bài"],
      [4, "goc"],
      [5, "nam"],
    ]);
  });
});

describe("draftLinkProblems", () => {
  const source = (slug: string, draft: boolean, ...links: [string, number][]) => ({
    file: `content/articles/${slug}/index.md`,
    slug,
    draft,
    links: links.map(([to, line]) => ({ line, slug: to, href: `/tin-tuc/${to}/` })),
  });
  it("refuses a published article's link to a draft, naming its file and line; drafts may link to drafts", () => {
    const sources = [
      source("da-dang", false, ["nhap", 12], ["khac", 14]),
      source("nhap", true, ["nhap-khac", 9]),
      source("nhap-khac", true),
      source("khac", false),
    ];
    expect(draftLinkProblems(sources)).toEqual([
      {
        file: "content/articles/da-dang/index.md",
        line: 12,
        field: "body",
        message: expect.stringContaining("/tin-tuc/nhap/ trỏ tới bài viết nháp"),
        severity: "error",
      },
    ]);
  });
});
