import { describe, expect, it } from "vitest";
import { readSiteConfig } from "../../lib/content/site.ts";
import { pageShareImage, type ShareImages } from "../../lib/seo/share.ts";
import { article } from "../support/articles.ts";

const site = readSiteConfig("content");
const card = {
  url: "/img/site/anh-chia-se.12345678.jpg",
  width: 1200,
  height: 630,
  type: "image/jpeg",
  bytes: 9,
} as const;
const images: ShareImages = {
  article: (a) =>
    a.slug === "co-anh"
      ? {
          url: `${a.url}anh-chia-se.jpg`,
          width: 1200,
          height: 630,
          type: "image/jpeg",
          bytes: 7,
          alt: "Ảnh hồ",
        }
      : undefined,
  site: () => card,
};

describe("pageShareImage", () => {
  it("uses an article's own image with its alt text", () => {
    expect(pageShareImage(article({ slug: "co-anh" }), site, images)).toEqual({
      url: "https://phuninh.gov.vn/tin-tuc/co-anh/anh-chia-se.jpg",
      width: 1200,
      height: 630,
      type: "image/jpeg",
      alt: "Ảnh hồ",
    });
  });

  it("uses the site's card for other pages and photo-less articles, described by the site's name", () => {
    for (const page of [undefined, article({ slug: "khong-anh" })])
      expect(pageShareImage(page, site, images)).toMatchObject({
        url: "https://phuninh.gov.vn/img/site/anh-chia-se.12345678.jpg",
        width: 1200,
        alt: site.name,
      });
  });

  it("falls back to the banner with its real size when there is no image pipeline", () => {
    expect(pageShareImage(undefined, site)).toMatchObject({ width: 1600, height: 240, type: "image/png" });
  });
});
