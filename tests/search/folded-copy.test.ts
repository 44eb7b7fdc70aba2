import { describe, expect, it } from "vitest";
import { foldedCopy, foldStroke } from "../../lib/search/folded-copy.ts";
import { indexedText, withFoldedCopy } from "../../lib/search/page-text.ts";

describe("the hidden đ-folded copy", () => {
  it("folds only đ, keeping tone marks so Pagefind still prefers exact diacritics", () => {
    expect(foldStroke("Đảng ủy đào tạo")).toBe("Dảng ủy dào tạo");
  });

  it("copies the words next to a word with đ, as runs that keep two-syllable phrases together", () => {
    expect(foldedCopy("Hôm nay Đảng ủy xã Tam Thành họp sơ kết")).toBe("nay Dảng ủy");
    expect(foldedCopy("một hai ba bốn năm sáu bảy tám chín mười")).toBe("");
  });

  it("copies a repeated run once", () => {
    expect(foldedCopy("a b đào c d e f g a b đào c d")).toBe("b dào c");
  });

  it("reads NFD text as NFC", () => {
    expect(foldedCopy("đào tạo".normalize("NFD"))).toBe("dào tạo");
  });
});

describe("the page Pagefind receives", () => {
  const page =
    '<html><body><nav>Xây dựng Đảng</nav><article data-pagefind-body class="a"><h1>Đảng &amp; ủy dân</h1>' +
    "<p>Họp <b>định kỳ</b></p></article><footer>Địa chỉ</footer></body></html>";

  it("takes the text of the indexed article only, not the navigation or footer", () => {
    expect(indexedText(page)).toBe("Đảng & ủy dân Họp định kỳ");
    expect(indexedText("<html><body>Đảng</body></html>")).toBeUndefined();
  });

  it("adds the copy as the metadata field dd just before </body>, escaped", () => {
    expect(withFoldedCopy(page)).toContain(
      '</footer><div data-pagefind-meta="dd">Dảng &amp; / Họp dịnh kỳ</div></body>',
    );
  });

  it("leaves pages without an indexed part alone", () => {
    const other = "<html><body><p>Đảng</p></body></html>";
    expect(withFoldedCopy(other)).toBe(other);
  });
});
