import { describe, expect, it } from "vitest";
import { outputUrl, pictureHtml, type PlacedImage } from "../../lib/images/markup.ts";

const photo: PlacedImage = {
  manifest: {
    width: 1440,
    height: 1080,
    widths: [360, 720, 1080, 1440],
    fallback: "jpeg",
    colour: [30, 110, 250],
    share: false,
  },
  baseUrl: "/tin-tuc/bai/",
  name: "cau",
  hash: "0123abcd",
};

describe("pictureHtml", () => {
  it("offers AVIF, then WebP, then a JPEG <img> with srcset, sizes, width, height and alt", () => {
    const html = pictureHtml(photo, { alt: 'Cầu "mới"', sizes: "100vw", priority: "lazy" });
    expect(html).toBe(
      '<picture><source type="image/avif" srcset="/tin-tuc/bai/cau-360.0123abcd.avif 360w, /tin-tuc/bai/cau-720.0123abcd.avif 720w, /tin-tuc/bai/cau-1080.0123abcd.avif 1080w, /tin-tuc/bai/cau-1440.0123abcd.avif 1440w" sizes="100vw">' +
        '<source type="image/webp" srcset="/tin-tuc/bai/cau-360.0123abcd.webp 360w, /tin-tuc/bai/cau-720.0123abcd.webp 720w, /tin-tuc/bai/cau-1080.0123abcd.webp 1080w, /tin-tuc/bai/cau-1440.0123abcd.webp 1440w" sizes="100vw">' +
        '<img src="/tin-tuc/bai/cau-720.0123abcd.jpg" srcset="/tin-tuc/bai/cau-360.0123abcd.jpg 360w, /tin-tuc/bai/cau-720.0123abcd.jpg 720w, /tin-tuc/bai/cau-1080.0123abcd.jpg 1080w, /tin-tuc/bai/cau-1440.0123abcd.jpg 1440w" sizes="100vw" width="1440" height="1080" alt="Cầu &quot;mới&quot;" loading="lazy" decoding="async" class="ph-013"></picture>',
    );
  });

  it("marks the LCP image high priority and an in-view one neither lazy nor high", () => {
    expect(pictureHtml(photo, { alt: "a", sizes: "100vw", priority: "high" })).toMatch(
      /alt="a" fetchpriority="high" class/,
    );
    const eager = pictureHtml(photo, { alt: "a", sizes: "100vw", priority: "eager" });
    expect(eager).not.toMatch(/loading=|fetchpriority=|decoding=/);
  });

  it("falls back to PNG, with no placeholder colour, for a transparent image", () => {
    const logo = { ...photo, manifest: { ...photo.manifest, fallback: "png" as const, widths: [360, 500] } };
    const html = pictureHtml(logo, { alt: "Biểu trưng", sizes: "100vw", priority: "lazy" });
    expect(html).toContain('<img src="/tin-tuc/bai/cau-500.0123abcd.png"');
    expect(html).not.toContain("class=");
    expect(outputUrl(logo, 360, "png")).toBe("/tin-tuc/bai/cau-360.0123abcd.png");
  });
});
