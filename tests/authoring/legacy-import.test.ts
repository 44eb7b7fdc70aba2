import { describe, expect, it } from "vitest";
import { isImageMarker, parseLegacyPage, splitByline } from "../../lib/authoring/legacy-import.ts";

const FOOTER = ["Phuninh.gov.vn", "Trang vàng quảng bá Huyện Phú Ninh"];

describe("isImageMarker", () => {
  it("accepts the old CMS's photo names: one lower-case ASCII token", () => {
    for (const marker of ["anhamy", "anh1", "hinh-anh-2", "img_003", "bannergis"])
      expect(isImageMarker(marker)).toBe(true);
  });
  it("refuses anything that reads as text: spaces, capitals, diacritics, punctuation, numbers, short words", () => {
    for (const text of [
      "Ảnh",
      "ảnh",
      "anh my",
      "Anhamy",
      "2018",
      "Phuninh.gov.vn",
      "ok",
      "anhamy.",
      "-anh",
      "xem tiếp…",
    ]) {
      expect(isImageMarker(text), text).toBe(false);
    }
  });
});

describe("splitByline", () => {
  it("splits the seed's byline at its first dash, whatever its spacing", () => {
    expect(splitByline("Ngô Mỹ- Trung tâm Bồi dưỡng chính trị huyện")).toEqual({
      author: "Ngô Mỹ",
      unit: "Trung tâm Bồi dưỡng chính trị huyện",
    });
    expect(splitByline("Trần Thị Hoà – Phòng Văn hóa - Thông tin")).toEqual({
      author: "Trần Thị Hoà",
      unit: "Phòng Văn hóa - Thông tin",
    });
  });
  it("does not take a sentence with a dash for a byline", () => {
    expect(splitByline("Tạo chuyển biến rõ nét trên lĩnh vực văn hóa- xã hội.")).toBeUndefined();
    expect(splitByline("công chức- viên chức các cấp")).toBeUndefined();
  });
});

describe("parseLegacyPage", () => {
  it("drops the banner marker and the portal's footer, keeps the title and marks photos in place", () => {
    const page = parseLegacyPage(
      "bannergis\n\nTIÊU ĐỀ\n\nĐoạn một.\n\nanhamy\n\nĐoạn hai.\n\nLê Văn A- UBND xã\n\nPhuninh.gov.vn\nTrang vàng quảng bá Huyện Phú Ninh\n",
      FOOTER,
    );
    expect(page).toEqual({
      title: "TIÊU ĐỀ",
      blocks: [
        { kind: "text", text: "Đoạn một." },
        { kind: "image", marker: "anhamy" },
        { kind: "text", text: "Đoạn hai." },
      ],
      author: "Lê Văn A",
      unit: "UBND xã",
    });
  });
  it("normalises NFD input to NFC, word for word", () => {
    const page = parseLegacyPage("Tiêu đề\n\nHòa bình.".normalize("NFD"), FOOTER);
    expect(page.blocks).toEqual([{ kind: "text", text: "Hòa bình." }]);
  });
});
