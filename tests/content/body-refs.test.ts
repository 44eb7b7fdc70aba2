import { describe, expect, it } from "vitest";
import {
  bodyLinks,
  bodyReferenceProblems,
  draftLinkProblems,
  PLACEHOLDER_ALT,
} from "../../lib/content/body-refs.ts";
import { listBodyImages } from "../../lib/images/references.ts";

describe("bodyReferenceProblems", () => {
  it("refuses photos without an alt text or with the importer's placeholder, and links to missing articles", () => {
    const body =
      "Đoạn [a](/tin-tuc/co/) và [b](/tin-tuc/khong-co/).\n\n![](a.jpg)\n\n![Cầu](b.jpg)\n\n![  ](c.jpg)\n\n![CẦN BỔ SUNG MÔ TẢ ẢNH](d.jpg)";
    const problems = bodyReferenceProblems(
      listBodyImages(body, 10),
      bodyLinks(body, "https://phuninh.gov.vn"),
      new Set(["co"]),
    );
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [1, "liên kết /tin-tuc/khong-co/ trỏ tới bài viết không tồn tại"],
      [12, 'ảnh "a.jpg" thiếu mô tả (alt): hãy tả nội dung ảnh'],
      [16, 'ảnh "c.jpg" thiếu mô tả (alt): hãy tả nội dung ảnh'],
      [18, expect.stringContaining(`thay "${PLACEHOLDER_ALT}"`)],
    ]);
  });
});

describe("bodyLinks", () => {
  it("finds links to article pages, relative or with the site's own address", () => {
    const body =
      '[a](/tin-tuc/mot/)\n[b](https://phuninh.gov.vn/tin-tuc/hai/#doan)\n<a href="/tin-tuc/ba/">c</a>\n[d](https://example.com/tin-tuc/bon/)';
    expect(bodyLinks(body, "https://phuninh.gov.vn").map((l) => [l.line, l.slug])).toEqual([
      [1, "mot"],
      [2, "hai"],
      [3, "ba"],
    ]);
  });
});

describe("bodyLinks, read as a browser reads them", () => {
  it("resolves relative links from the article's page and decodes entities and percent-encoding", () => {
    const body =
      '[a](../mot/)\n<a href="/tin-tuc/&#104;ai/">b</a>\n[c](/tin-tuc/b%C3%A0i/)\n[d](quyet-dinh.pdf)\n[e](http://phuninh.gov.vn/tin-tuc/nam/)';
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
