import { describe, expect, it } from "vitest";
import { foldDiacritics, nameKey } from "../../lib/text/fold.ts";

describe("foldDiacritics", () => {
  it("folds đ/Đ, which Unicode decomposition leaves alone", () => {
    expect(foldDiacritics("Đảng ủy")).toBe("dang uy");
    expect("đ".normalize("NFD")).toBe("đ");
  });
  it("folds every tone and vowel mark", () => {
    expect(foldDiacritics("CÁN BỘ đào tạo Ưu tú")).toBe("can bo dao tao uu tu");
  });
});

describe("nameKey", () => {
  it("treats old and new tone placement as one name", () => {
    expect(nameKey("Hoà Bình")).toBe(nameKey("hòa bình"));
    expect(nameKey("Thuý")).toBe(nameKey("thúy"));
    expect(nameKey("Huyện uỷ")).toBe(nameKey("huyện ủy"));
  });
  it("keeps different words apart", () => {
    expect(nameKey("cán")).not.toBe(nameKey("cần"));
    expect(nameKey("đa")).not.toBe(nameKey("da"));
  });
  it("ignores NFD input and extra spaces", () => {
    expect(nameKey(" Phú   Ninh ".normalize("NFD"))).toBe(nameKey("phú ninh"));
  });
});
