import { describe, expect, it } from "vitest";
import { bodyImages, bodyLinks, isLocalImage } from "../../lib/content/body-refs.ts";

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
