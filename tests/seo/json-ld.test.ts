import { describe, expect, it } from "vitest";
import { breadcrumbList, jsonLdScript, newsArticle, webSite } from "../../lib/seo/json-ld.ts";
import { readSiteConfig } from "../../lib/content/site.ts";
import { article } from "../support/articles.ts";

const site = readSiteConfig("content");

describe("jsonLdScript", () => {
  it("cannot end its <script> block: </script> in a title becomes \\u003c/script\\u003e", () => {
    const text = jsonLdScript({ headline: 'Cảnh giác </script><script>alert("x")</script>' });
    expect(text).not.toMatch(/<\/script/i);
    expect(text).not.toContain("<");
    expect(JSON.parse(text)).toEqual({ headline: 'Cảnh giác </script><script>alert("x")</script>' });
  });

  it("escapes line and paragraph separators and keeps Vietnamese as is", () => {
    const text = jsonLdScript({ a: "Đảng\u2028ủy" });
    expect(text).toBe('{"a":"Đảng\\u2028ủy"}');
  });
});

describe("newsArticle", () => {
  it("has +07:00 dates, a Person author and the district government as publisher", () => {
    const ld = newsArticle(
      article({ slug: "x", date: "2024-05-01T01:00:00Z", title: "Tin Hòa" }),
      site,
      "/tac-gia/ngo-my/",
    );
    expect(ld).toMatchObject({
      "@type": "NewsArticle",
      headline: "Tin Hòa",
      datePublished: "2024-05-01T08:00:00+07:00",
      dateModified: "2024-05-01T08:00:00+07:00",
      author: { "@type": "Person", name: "Ngô Mỹ", url: "https://phuninh.gov.vn/tac-gia/ngo-my/" },
      publisher: {
        "@type": "GovernmentOrganization",
        name: site.publisher,
        logo: { "@type": "ImageObject" },
      },
      mainEntityOfPage: { "@id": "https://phuninh.gov.vn/tin-tuc/x/" },
      inLanguage: "vi",
    });
    // Every article has a share image (lead photo, else first photo, else the banner), with its size.
    expect(ld.image).toEqual([
      {
        "@type": "ImageObject",
        url: "https://phuninh.gov.vn/tin-tuc/x/anh-chia-se.jpg",
        width: 1200,
        height: 630,
      },
    ]);
  });
});

describe("breadcrumbList and webSite", () => {
  it("numbers crumbs from 1 with absolute URLs", () => {
    const ld = breadcrumbList(
      [
        { name: "Trang chủ", url: "/" },
        { name: "Kinh tế", url: "/chuyen-muc/kinh-te/" },
      ],
      site,
    );
    expect(ld.itemListElement).toEqual([
      { "@type": "ListItem", position: 1, name: "Trang chủ", item: "https://phuninh.gov.vn/" },
      {
        "@type": "ListItem",
        position: 2,
        name: "Kinh tế",
        item: "https://phuninh.gov.vn/chuyen-muc/kinh-te/",
      },
    ]);
  });

  it("points the SearchAction at the search page", () => {
    expect(JSON.stringify(webSite(site))).toContain(
      "https://phuninh.gov.vn/tim-kiem/?q={search_term_string}",
    );
  });
});
