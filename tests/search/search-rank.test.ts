import { describe, expect, it } from "vitest";
import {
  bodyText,
  combineResults,
  describeTiers,
  excerptSegments,
  foldAll,
  foldStroke,
  joinBundles,
  matchesTyped,
  matchTier,
  meetingIds,
  noResultsMessage,
  pagefindSearches,
  pagefindTerms,
  parseQuery,
  querySyllables,
  rerank,
  TIER,
  toneKey,
} from "../../assets/js/search-rank.js";

const q = parseQuery;
const marked = (text: string, query: string): string[] =>
  excerptSegments(text, q(query), 200)
    .filter((s) => s.mark)
    .map((s) => s.text);

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

describe("matching a syllable as the reader typed it", () => {
  it("ignores the marks the reader left out", () => {
    expect(matchesTyped("dang", "Đảng")).toBe(true);
    expect(matchesTyped("dang", "đăng")).toBe(true);
    expect(matchesTyped("Dảng", "Đảng")).toBe(true);
    expect(matchesTyped("đang", "đăng")).toBe(true);
  });

  it("requires every mark the reader typed", () => {
    expect(matchesTyped("Đảng", "đăng")).toBe(false);
    expect(matchesTyped("đào", "đạo")).toBe(false);
    expect(matchesTyped("đăng", "dăng")).toBe(false);
    expect(matchesTyped("bò", "bộ")).toBe(false);
  });

  it("accepts either tone placement, NFD and any case", () => {
    expect(matchesTyped("hòa", "hoà")).toBe(true);
    expect(matchesTyped("ĐẢNG", "đảng".normalize("NFD"))).toBe(true);
  });
});

describe("queries", () => {
  it("splits a query into NFC syllables without quotes or punctuation", () => {
    expect(querySyllables(' "cán  bộ", '.normalize("NFD"))).toEqual(["cán", "bộ"]);
  });

  it("splits codes into their letters and digits, as Pagefind indexes them", () => {
    expect(querySyllables("ĐT609")).toEqual(["ĐT", "609"]);
    expect(querySyllables("42/2022/NĐ-CP")).toEqual(["42", "2022", "NĐ", "CP"]);
  });

  it("reads quoted phrases, straight or curly, closed or still being typed", () => {
    expect(q('"đào tạo" nghề')).toMatchObject({
      syllables: ["đào", "tạo", "nghề"],
      phrases: [["đào", "tạo"]],
      words: ["nghề"],
    });
    expect(q("“cán bộ” trẻ").phrases).toEqual([["cán", "bộ"]]);
    expect(q('nông "thôn mới').phrases).toEqual([["thôn", "mới"]]);
    expect(q("can bo").phrases).toEqual([]);
  });

  it("sends Pagefind lower-case words with đ written as in the index", () => {
    expect(pagefindTerms("ĐÀO TẠO, dạo")).toEqual(["ḏào", "tạo", "dạo"]);
  });

  it("sends a code in the parts Pagefind indexes, or whole when it has a part of one character", () => {
    expect(pagefindTerms(" 42/2022/NĐ-CP. ĐT609")).toEqual(["42", "2022", "nḏ", "cp", "ḏt", "609"]);
    expect(pagefindTerms("“ĐH5”")).toEqual(["ḏh5"]);
  });

  it("asks for each word exactly, a code whole or by its parts, and each quoted phrase", () => {
    expect(pagefindSearches(q('"đào tạo" nghề'), true)).toEqual({
      plain: "ḏào tạo nghề",
      phrase: ['"ḏào tạo nghề"'],
      required: [[['"ḏào"']], [['"tạo"']], [['"nghề"']], [['"ḏào tạo"']]],
    });
    expect(pagefindSearches(q("QĐ-UBND"), false)).toEqual({
      plain: "qḏ ubnd",
      phrase: [],
      required: [[['"qḏ-ubnd"'], ['"qḏ"', '"ubnd"']]],
    });
    expect(pagefindSearches(q('"qua ĐT609"'), true).required[2]).toEqual([['"qua ḏt609"'], ['"qua ḏt 609"']]);
    expect(pagefindSearches(q("dt609"), true).phrase).toEqual(['"dt609"', '"dt 609"']);
    expect(pagefindSearches(q("ĐT 609"), true).phrase).toEqual(['"ḏt609"', '"ḏt 609"']);
    expect(pagefindSearches(q("dan quan 2024"), true).phrase).toEqual(['"dan quan 2024"']);
  });

  it("keeps a page that meets one alternative of a requirement in full", () => {
    const whole = new Set(["a"]);
    const parts = [new Set(["b", "c"]), new Set(["c", "d"])];
    expect([...meetingIds([[whole], parts])].sort()).toEqual(["a", "c"]);
  });
});

describe("match tiers", () => {
  const text = "Huyện chú trọng công tác đào tạo cán bộ trẻ.";

  it("ranks the phrase typed with its diacritics as exact", () => {
    expect(matchTier(text, q("đào tạo"))).toBe(TIER.EXACT_PHRASE);
  });

  it("ranks the phrase typed without diacritics as exact too: the reader typed no marks to miss", () => {
    expect(matchTier(text, q("dao tao"))).toBe(TIER.EXACT_PHRASE);
    expect(matchTier(text, q("đạo tạo"))).toBe(TIER.PHRASE);
  });

  it("ranks scattered syllables below phrases", () => {
    expect(matchTier(text, q("cán trọng"))).toBe(TIER.EXACT_WORDS);
    expect(matchTier(text, q("càn trọng"))).toBe(TIER.WORDS);
  });

  it("does not count a syllable that only starts a word (bộ is not bồi)", () => {
    expect(matchTier("Lớp bồi dưỡng cho bốn cán sự.", q("cán bộ"))).toBe(TIER.MISSING);
  });

  it("treats old and new tone placement alike", () => {
    expect(matchTier("Tổ hoà giải ở thôn", q("hòa giải"))).toBe(TIER.EXACT_PHRASE);
  });

  it("finds a code however it is typed", () => {
    const road = "Thông xe đoạn tuyến ĐT609 và Nghị định 42/2022/NĐ-CP.";
    for (const typed of ["dt609", "DT 609", "ĐT609", "đt-609", "42/2022/nd-cp", "NĐ-CP 42/2022"])
      expect(matchTier(road, q(typed)), typed).not.toBe(TIER.MISSING);
  });

  it("requires a quoted phrase: folded when typed without marks, as typed otherwise", () => {
    expect(matchTier("công tác đào tạo", q('"dao tao"'))).toBe(TIER.EXACT_PHRASE);
    expect(matchTier("tạo điều kiện, đào sâu", q('"dao tao"'))).toBe(TIER.MISSING);
    expect(matchTier("đạo tạo", q('"đào tạo"'))).toBe(TIER.MISSING);
    expect(matchTier("lãnh đạo tạo ra", q('"đào tạo" lanh'))).toBe(TIER.MISSING);
  });
});

describe("ordering", () => {
  it("re-ranks by tier, keeps Pagefind's order within a tier and drops incomplete matches", () => {
    const texts = ["tạo điều kiện, dạo quanh", "đào tạo nghề", "bồi dưỡng", "công tác đào tạo"];
    expect(rerank(texts, (t) => t, q("dao tao"))).toEqual([
      "đào tạo nghề",
      "công tác đào tạo",
      "tạo điều kiện, dạo quanh",
    ]);
  });

  it("puts texts where more of the query's syllables stand together first", () => {
    const texts = ["nghề tạo ra, đào sâu", "đào tạo lao động, học nghề"];
    expect(rerank(texts, (t) => t, q("dao tao nghe"))).toEqual([texts[1], texts[0]]);
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
    const segments = excerptSegments("Hôm qua, Đảng ủy xã họp.", q("dang uy"));
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(["Đảng", "ủy"]);
    expect(segments.map((s) => s.text).join("")).toBe("Hôm qua, Đảng ủy xã họp.");
  });

  // Regression: "Đảng ủy" lit up "đăng", and "đào tạo cán bộ" lit up "đạo".
  it("highlights only the words with the marks the reader typed", () => {
    const text = "Đảng ủy chỉ đạo đăng ký; lãnh đạo và đào tạo cán bộ.";
    expect(marked(text, "Đảng ủy")).toEqual(["Đảng", "ủy"]);
    expect(marked(text, "đào tạo cán bộ")).toEqual(["đào", "tạo", "cán", "bộ"]);
    expect(marked(text, "dao")).toEqual(["đạo", "đạo", "đào"]);
  });

  it("highlights the query where it stands as a phrase, and its words alone only without one", () => {
    expect(marked("Đồng bộ, đội ngũ cán bộ.", "can bo")).toEqual(["cán", "bộ"]);
    expect(marked("Cán sự và đồng bộ.", "can bo")).toEqual(["Cán", "bộ"]);
  });

  it("highlights a quoted phrase where it stands whole, not its words elsewhere", () => {
    expect(marked("Chi bộ thôn; cán bộ trẻ; cán sự.", '"cán bộ" thôn')).toEqual(["thôn", "cán", "bộ"]);
  });

  it("highlights a code as one mark", () => {
    expect(marked("Tuyến ĐT609 nối quốc lộ.", "dt 609")).toEqual(["ĐT609"]);
  });

  it("centres a long text on the phrase and marks the cut with ellipses", () => {
    const words = Array.from({ length: 100 }, (_, i) => `từ${i}`);
    words.splice(60, 0, "Phú", "Ninh");
    const text = words.join(" ");
    const segments = excerptSegments(text, q("phu ninh"), 20);
    const shown = segments.map((s) => s.text).join("");
    expect(shown.startsWith("… ")).toBe(true);
    expect(shown.endsWith(" …")).toBe(true);
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(["Phú", "Ninh"]);
  });

  it("takes the article's text without the title Pagefind puts first", () => {
    expect(bodyText("Lễ hội mùa Xuân. Sáng 5/2, lễ hội…", "Lễ hội mùa Xuân")).toBe("Sáng 5/2, lễ hội…");
    expect(bodyText("Vì sao? Vì mưa.", "Vì sao?")).toBe("Vì mưa.");
    expect(bodyText("Nội dung.", undefined)).toBe("Nội dung.");
  });
});

describe("no results", () => {
  it("suggests fewer or other words, never typing diacritics", () => {
    const message = noResultsMessage("xyz abc", { filtered: false });
    expect(message).toBe("Không tìm thấy kết quả nào cho “xyz abc”. Hãy thử gõ ít từ hơn hoặc dùng từ khác.");
    expect(message).not.toMatch(/dấu/);
  });

  it("suggests dropping the quotes and the filters when there are some", () => {
    expect(noResultsMessage('"xyz abc"', { filtered: true })).toBe(
      'Không tìm thấy kết quả nào cho “"xyz abc"”. Hãy thử gõ ít từ hơn, dùng từ khác, bỏ dấu ngoặc kép hoặc bỏ bớt bộ lọc.',
    );
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
