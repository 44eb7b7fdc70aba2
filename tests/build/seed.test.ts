/**
 * The seed article, published from the real `content/` by the real build: word for word, in NFC.
 * The scraped original (shared/seed) is copied under tests/fixtures so the test runs in any checkout.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { SEED_SLUG } from "../support/fixture.ts";
import { textOf } from "../support/html.ts";

const seedText = readFileSync(path.resolve("tests/fixtures/legacy/000_bb7d62f00e8dc002.txt"), "utf8");
const html = readFileSync(path.join(inject("siteDir"), "tin-tuc", SEED_SLUG, "index.html"), "utf8");
const pageText = textOf(html);

/** The seed's body paragraphs: after the banner marker and title, before the byline and portal footer. */
const bodyParagraphs = seedText
  .split(/\n\s*\n/)
  .map((p) => p.trim())
  .filter(Boolean)
  .slice(2, -2)
  .filter((p) => p !== "anhamy");

describe("the seed article page", () => {
  it("contains every sentence of the seed's body, in order", () => {
    const sentences = bodyParagraphs.flatMap((p) => p.split(/(?<=[.;])\s+/));
    expect(sentences.length).toBeGreaterThan(40);
    let from = 0;
    for (const sentence of sentences) {
      const at = pageText.indexOf(sentence.normalize("NFC"), from);
      expect(at, `missing or out of order: ${sentence}`).toBeGreaterThanOrEqual(0);
      from = at + sentence.length;
    }
  });

  it("keeps the closing ./. of the original", () => {
    expect(pageText).toContain("văn minh đô thị./.");
  });

  it("is in NFC and declares Vietnamese", () => {
    expect(html).toBe(html.normalize("NFC"));
    expect(html).toMatch(/<html lang="vi">/);
  });

  it("has the title as its one h1", () => {
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain(
      "HUYỆN ỦY PHÚ NINH CHÚ TRỌNG CÔNG TÁC ĐÀO TẠO, BỒI DƯỠNG, QUY HOẠCH CÁN BỘ LÃNH ĐẠO CÁC CẤP</h1>",
    );
  });

  it("ends with the byline of Ngô Mỹ and her unit", () => {
    expect(pageText).toMatch(/Ngô Mỹ – Trung tâm Bồi dưỡng chính trị huyện/);
    expect(pageText.indexOf("Ngô Mỹ –")).toBeGreaterThan(pageText.indexOf("văn minh đô thị./."));
  });

  it("shows the photo where 'anhamy' stood, as a figure with a caption", () => {
    const photo = html.indexOf('<figure class="photo">');
    expect(photo).toBeGreaterThan(html.indexOf("hàng năm đều hoàn thành tốt nhiệm vụ trở lên."));
    expect(photo).toBeLessThan(html.indexOf("Những năm qua, Huyện ủy luôn quan tâm"));
    expect(html.slice(photo)).toMatch(/<figcaption>Ảnh minh họa\. Ảnh gốc/);
  });

  it("names the portal and its managing unit in the header as text, the banner being decoration", () => {
    expect(html).toMatch(/<div class="banner"><picture>[^]*?<img [^>]*alt=""[^>]*><\/picture><\/div>/);
    expect(html).toMatch(
      /<a href="\/" class="brand">[^]*?<span class="brand-unit">Ủy ban nhân dân huyện Phú Ninh<\/span> <span class="brand-name">Cổng thông tin điện tử huyện Phú Ninh<\/span>/,
    );
  });

  it("says near the top that the portal is an archive, linking to the page that explains it", () => {
    expect(html).toMatch(
      /<header class="site-header">\s*<p class="archive-bar"><span>Trang lưu trữ: [^<]*01\/7\/2025\.<\/span> <a href="\/gioi-thieu\/luu-tru\/">/,
    );
  });

  it("shows the imprint a state portal owes its readers, marking the values not yet set", () => {
    const footer = html.slice(html.indexOf('<footer class="site-footer">'));
    for (const line of ["Cơ quan chủ quản: Ủy ban nhân dân huyện Phú Ninh", "Địa chỉ: Thị trấn Phú Thịnh"])
      expect(footer).toContain(line);
    for (const label of ["Người chịu trách nhiệm", "Điện thoại", "Email", "Giấy phép"])
      expect(footer).toMatch(new RegExp(`${label}: <span class="unset">\\[chưa cập nhật\\]</span>`));
    expect(footer).toContain("khi phát hành lại thông tin từ cổng thông tin này.");
    expect(footer).not.toContain("Trang vàng");
  });

  it("says the estimated date is an estimate, in Vietnam time", () => {
    expect(html).toMatch(/<time datetime="2018-06-01T00:00:00\+07:00">Thứ Sáu, 01\/06\/2018<\/time>/);
    expect(pageText).toContain("Ngày đăng ước tính");
  });

  it("has a breadcrumb to its category", () => {
    expect(html).toMatch(/<nav class="breadcrumb"[\s\S]*Trang chủ[\s\S]*Xây dựng Đảng/);
  });
});
