import { describe, expect, it } from "vitest";
import { slugify } from "../../lib/text/slug.ts";

describe("slugify", () => {
  it("turns đ into d, not dj (Eleventy's legacy slug filter bug)", () => {
    expect(slugify("Đảng bộ huyện Phú Ninh")).toBe("dang-bo-huyen-phu-ninh");
  });
  it("drops tone and vowel marks from NFD input too", () => {
    expect(slugify("Huyện ủy chú trọng".normalize("NFD"))).toBe("huyen-uy-chu-trong");
  });
  it("joins words with single hyphens and trims punctuation", () => {
    expect(slugify("  Văn hóa - Xã hội: 2025!  ")).toBe("van-hoa-xa-hoi-2025");
  });
  it("gives the same slug for both tone placements", () => {
    expect(slugify("hoà thuý uỷ")).toBe(slugify("hòa thúy ủy"));
  });
});
