import { describe, expect, it } from "vitest";
import type { Article } from "../../lib/content/article.ts";
import { searchFacets } from "../../lib/search/facets.ts";

const article = (unit: string, author: string, iso: string, image?: string): Article =>
  ({
    url: "/tin-tuc/bai/",
    unit,
    author,
    date: { instant: new Date(iso), hasTime: true },
    image: image ? { src: image, path: "", alt: "Ảnh" } : undefined,
  }) as unknown as Article;

describe("search facets", () => {
  it("lists units and authors once each in Vietnamese order, and years newest first in Vietnam's time", () => {
    const facets = searchFacets([
      article("Phòng Văn hóa", "Đỗ Đạt", "2023-05-01T00:00:00Z"),
      article("Ban Tuyên giáo", "Ngô Mỹ", "2024-12-31T18:00:00Z"),
      article("Phòng Văn hóa", "Dương Anh", "2023-01-01T00:00:00Z"),
    ]);
    expect(facets.units).toEqual(["Ban Tuyên giáo", "Phòng Văn hóa"]);
    expect(facets.authors).toEqual(["Dương Anh", "Đỗ Đạt", "Ngô Mỹ"]);
    expect(facets.years).toEqual(["2025", "2023"]);
  });
});
