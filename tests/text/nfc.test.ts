import { describe, expect, it } from "vitest";
import { deepNFC, isNFC, toNFC } from "../../lib/text/nfc.ts";

describe("NFC", () => {
  it("composes NFD text from macOS keyboards", () => {
    const nfd = "Phú Ninh".normalize("NFD");
    expect(nfd).not.toBe("Phú Ninh");
    expect(toNFC(nfd)).toBe("Phú Ninh");
    expect(isNFC(nfd)).toBe(false);
  });
  it("normalises every string inside front matter", () => {
    const data = deepNFC({
      title: "Đảng ủy".normalize("NFD"),
      tags: ["cán bộ".normalize("NFD")],
      draft: false,
    });
    expect(data).toEqual({ title: "Đảng ủy", tags: ["cán bộ"], draft: false });
  });
});
