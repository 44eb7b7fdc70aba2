import { describe, expect, it } from "vitest";
import { articleTrail, breadcrumbTrail } from "../../lib/content/breadcrumbs.ts";

describe("breadcrumb trails", () => {
  it("runs from the home page to an article through its category, the article last", () => {
    const article = {
      title: "Hội nghị cán bộ chủ chốt",
      url: "/tin-tuc/hoi-nghi-can-bo/",
      category: { slug: "xay-dung-dang", name: "Xây dựng Đảng" },
    };
    expect(articleTrail(article)).toEqual([
      { name: "Trang chủ", url: "/" },
      { name: "Xây dựng Đảng", url: "/chuyen-muc/xay-dung-dang/" },
      { name: "Hội nghị cán bộ chủ chốt", url: "/tin-tuc/hoi-nghi-can-bo/" },
    ]);
  });

  it("puts the home page first and keeps only the name and URL of each step", () => {
    const tag = { name: "hòa giải", url: "/the/hoa-giai/", key: "hoa giai", articles: [] };
    expect(breadcrumbTrail({ name: "Thẻ", url: "/the/" }, tag)).toEqual([
      { name: "Trang chủ", url: "/" },
      { name: "Thẻ", url: "/the/" },
      { name: "hòa giải", url: "/the/hoa-giai/" },
    ]);
  });
});
