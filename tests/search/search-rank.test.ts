import { describe, expect, it } from "vitest";
import {
  combineResults,
  describeTiers,
  excerptSegments,
  foldAll,
  foldStroke,
  joinBundles,
  matchTier,
  pagefindQuery,
  querySyllables,
  rerank,
  TIER,
  toneKey,
} from "../../assets/js/search-rank.js";

describe("folding", () => {
  it("maps đ to d and keeps the tone marks for Pagefind", () => {
    expect(foldStroke("Đảng ủy đào tạo")).toBe("Dảng ủy dào tạo");
  });

  it("folds every mark and đ for comparisons", () => {
    expect(foldAll("Đảng ỦY")).toBe("dang uy");
    expect(foldAll("cán bộ".normalize("NFD"))).toBe("can bo");
  });

  it("gives both tone placements the same exact key, and different tones different keys", () => {
    expect(toneKey("hoà")).toBe(toneKey("hòa"));
    expect(toneKey("THUỶ")).toBe(toneKey("thủy"));
    expect(toneKey("cán")).not.toBe(toneKey("cần"));
    expect(toneKey("đào")).not.toBe(toneKey("dào"));
  });
});

describe("queries", () => {
  it("splits a query into NFC syllables without quotes or punctuation", () => {
    expect(querySyllables(' "cán  bộ", '.normalize("NFD"))).toEqual(["cán", "bộ"]);
  });

  it("sends Pagefind lower-case syllables with đ written as in the index", () => {
    expect(pagefindQuery(["ĐÀO", "TẠO", "dạo"])).toBe("ḏào tạo dạo");
  });
});

describe("match tiers", () => {
  const text = "Huyện chú trọng công tác đào tạo cán bộ trẻ.";

  it("ranks the phrase typed with its diacritics as exact", () => {
    expect(matchTier(text, ["đào", "tạo"])).toBe(TIER.EXACT_PHRASE);
  });

  it("ranks the phrase typed without diacritics as a phrase", () => {
    expect(matchTier(text, ["dao", "tao"])).toBe(TIER.PHRASE);
  });

  it("ranks scattered syllables below phrases", () => {
    expect(matchTier(text, ["cán", "trọng"])).toBe(TIER.EXACT_WORDS);
    expect(matchTier(text, ["can", "trong"])).toBe(TIER.WORDS);
  });

  it("does not count a syllable that only starts a word (bộ is not bồi)", () => {
    expect(matchTier("Lớp bồi dưỡng cho bốn cán sự.", ["cán", "bộ"])).toBe(TIER.MISSING);
  });

  it("treats old and new tone placement alike", () => {
    expect(matchTier("Tổ hoà giải ở thôn", ["hòa", "giải"])).toBe(TIER.EXACT_PHRASE);
  });
});

describe("ordering", () => {
  it("re-ranks by tier, keeps Pagefind's order within a tier and drops incomplete matches", () => {
    const texts = ["tạo điều kiện, dạo quanh", "đào tạo nghề", "bồi dưỡng", "công tác đào tạo"];
    expect(rerank(texts, (t) => t, ["dao", "tao"])).toEqual([
      "đào tạo nghề",
      "công tác đào tạo",
      "tạo điều kiện, dạo quanh",
    ]);
  });

  it("drops results lacking a whole syllable and puts phrase matches first", () => {
    const results = [{ id: "a" }, { id: "b" }, { id: "c" }];
    const syllableIds = [new Set(["a", "b", "c"]), new Set(["a", "c"])];
    expect(combineResults(results, syllableIds, new Set(["c"]))).toEqual([{ id: "c" }, { id: "a" }]);
    expect(combineResults(results, syllableIds, null)).toEqual([{ id: "a" }, { id: "c" }]);
  });
});

describe("excerpts", () => {
  it("highlights the real words, đ included, for a query typed without diacritics", () => {
    const segments = excerptSegments("Hôm qua, Đảng ủy xã họp.", ["dang", "uy"]);
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(["Đảng", "ủy"]);
    expect(segments.map((s) => s.text).join("")).toBe("Hôm qua, Đảng ủy xã họp.");
  });

  it("centres a long text on the phrase and marks the cut with ellipses", () => {
    const words = Array.from({ length: 100 }, (_, i) => `từ${i}`);
    words.splice(60, 0, "Phú", "Ninh");
    const text = words.join(" ");
    const segments = excerptSegments(text, ["phu", "ninh"], 20);
    const shown = segments.map((s) => s.text).join("");
    expect(shown.startsWith("… ")).toBe(true);
    expect(shown.endsWith(" …")).toBe(true);
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(["Phú", "Ninh"]);
  });
});

describe("joinBundles", () => {
  const r = (id: string, score: number) => ({ id, score });
  const recent = { results: [r("a", 5), r("b", 1), r("c", 3)], phraseIds: new Set(["a"]) };
  const archive = { results: [r("x", 9), r("y", 4), r("z", 2)], phraseIds: new Set(["y", "z"]) };

  it("keeps a single bundle's order as it is", () => {
    expect(joinBundles([recent], true).map((x) => x.id)).toEqual(["a", "b", "c"]);
  });

  it("puts every bundle's phrase matches first, then the rest, each by Pagefind's score", () => {
    expect(joinBundles([recent, archive], true).map((x) => x.id)).toEqual(["a", "y", "z", "x", "c", "b"]);
  });

  it("lists the recent bundle before the archive when sorted newest first", () => {
    const byDate = [
      { results: recent.results, phraseIds: null },
      { results: archive.results, phraseIds: null },
    ];
    expect(joinBundles(byDate, false).map((x) => x.id)).toEqual(["a", "b", "c", "x", "y", "z"]);
  });
});

describe("describeTiers", () => {
  it("names whole years when the two bundles meet at a new year", () => {
    expect(
      describeTiers({
        recent: { from: "2022-01", to: "2025-12" },
        archive: { from: "2018-03", to: "2021-12" },
      }),
    ).toEqual({ recent: "trong các năm 2022–2025", archive: "Tìm cả trong các năm 2018–2021" });
    expect(
      describeTiers({
        recent: { from: "2025-02", to: "2025-11" },
        archive: { from: "2024-01", to: "2024-12" },
      }),
    ).toEqual({ recent: "trong năm 2025", archive: "Tìm cả trong năm 2024" });
  });

  it("names the month the recent bundle starts from otherwise", () => {
    expect(
      describeTiers({
        recent: { from: "2025-03", to: "2025-11" },
        archive: { from: "2016-01", to: "2025-02" },
      }),
    ).toEqual({ recent: "từ tháng 3/2025", archive: "Tìm cả các bài trước tháng 3/2025" });
  });
});
