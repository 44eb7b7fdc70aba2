/**
 * Real builds (as `npm run build` runs) of fixture articles with photos: the HTML a reader gets, the
 * files published, bad photos failing the build with the article named, and the cache across builds.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { articleMarkdown, makeContentDir, runBuild, writeArticle } from "../support/fixture.ts";
import { gpsJpeg, plainJpeg, transparentPng, truncatedJpeg } from "./photos.ts";

const cacheRoot = mkdtempSync(path.join(os.tmpdir(), "phuninh-image-cache-"));
afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

const fields = (extra: Record<string, unknown> = {}) => ({
  title: "Đoàn viên Phú Ninh ra quân làm đường giao thông nông thôn",
  date: "2025-03-02T07:30",
  author: "Trần Thị Hoà",
  unit: "Huyện đoàn Phú Ninh",
  category: "xay-dung-dang",
  ...extra,
});

describe("article photos in a real build", () => {
  const content = makeContentDir();
  const env = { IMAGE_CACHE_DIR: path.join(cacheRoot, "good") };
  const slug = "doan-vien-ra-quan-lam-duong";
  const page = (output: string) => readFileSync(path.join(output, "tin-tuc", slug, "index.html"), "utf8");

  it("publishes a lead photo and body photos as <picture>, and only the encoded files", async () => {
    writeArticle(
      content,
      slug,
      articleMarkdown(
        fields({
          image: { src: "le-ra-quan.jpg", alt: "Đoàn viên tập trung tại sân UBND xã", caption: "Lễ ra quân" },
        }),
        'Mở đầu bài.\n\n![Đoàn viên đổ bê tông mặt đường](<đổ bê tông.jpg> "Đổ bê tông đoạn đường thôn 3")\n\nĐoạn giữa.\n\n![Biểu trưng Đoàn](logo.png)\n',
      ),
      {
        "le-ra-quan.jpg": await gpsJpeg(),
        "đổ bê tông.jpg": await plainJpeg(1600, 1200),
        "logo.png": await transparentPng(),
      },
    );
    const run = await runBuild(content, env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.counts["images encoded"]).toBe(4); // banner, lead, two body photos
    const html = page(run.output);
    expect(html.match(/<picture>/g)).toHaveLength(4); // banner, lead, two body photos
    expect(html.match(/fetchpriority="high"/g)).toHaveLength(1);
    expect(html).toMatch(
      /<figure class="photo lead-photo"><picture>.*alt="Đoàn viên tập trung tại sân UBND xã" fetchpriority="high"[^>]*><\/picture><figcaption>Lễ ra quân<\/figcaption><\/figure>/,
    );
    // The banner is in view: not lazy, and not competing with the lead photo.
    expect(html).toMatch(/<div class="banner"><picture>(?:(?!loading=)[^])*?<\/picture>/);
    expect(html).toMatch(
      /<figure class="photo"><picture>.*alt="Đoàn viên đổ bê tông mặt đường" loading="lazy" decoding="async" class="ph-\d{3}"><\/picture><figcaption>Đổ bê tông đoạn đường thôn 3<\/figcaption><\/figure>/,
    );
    expect(html).toMatch(
      /<img src="[^"]*\/logo-720\.[0-9a-f]{8}\.png" srcset="[^"]*logo-360\.[0-9a-f]{8}\.png 360w/,
    );
    expect(html).toMatch(/width="1440" height="1080"/);

    const published = readdirSync(path.join(run.output, "img", "tin-tuc", slug));
    const beside = readdirSync(path.join(run.output, "tin-tuc", slug));
    expect([...published, ...beside]).not.toContain("le-ra-quan.jpg"); // the original, GPS and all
    expect([...published, ...beside]).not.toContain("đổ bê tông.jpg");
    // Search results show the lead photo's smallest WebP, a file that exists.
    const thumbnail = /data-pagefind-meta="image:([^"]+)"/.exec(html)?.[1] ?? "";
    expect(thumbnail).toMatch(new RegExp(`^/img/tin-tuc/${slug}/le-ra-quan-360\\.[0-9a-f]{8}\\.webp$`));
    expect(existsSync(path.join(run.output, thumbnail))).toBe(true);
    expect(published).toContain(
      "do-be-tong-1440." + published.find((f) => f.startsWith("do-be-tong-1440."))?.split(".")[1] + ".avif",
    );
    for (const url of html.matchAll(/(?:src|srcset)="([^"]+)"/g)) {
      for (const candidate of (url[1] as string).split(", ")) {
        const file = path.join(run.output, decodeURI(candidate.split(" ")[0] as string));
        expect(existsSync(file), candidate).toBe(true);
      }
    }
    const share = path.join(run.output, "tin-tuc", slug, "anh-chia-se.jpg");
    const meta = await sharp(share).metadata();
    expect(meta).toMatchObject({ width: 1200, height: 630, format: "jpeg" });
    expect(meta.exif).toBeUndefined();
  });

  it("encodes nothing on a second build with nothing changed", async () => {
    const run = await runBuild(content, env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.counts).toMatchObject({ "images encoded": 0, "images cached": 4 });
    expect(page(run.output)).toContain("<picture>");
  });
});

describe("bad photos fail the build, all listed with the article", () => {
  it("names the truncated JPEG, the missing file and the missing alt together, and publishes nothing", async () => {
    const content = makeContentDir();
    writeArticle(content, "anh-bi-cat", articleMarkdown(fields(), "Bài.\n\n![Cầu Tam Kỳ](cau.jpg)\n"), {
      "cau.jpg": await truncatedJpeg(),
    });
    writeArticle(
      content,
      "anh-khong-co",
      articleMarkdown(fields(), "Bài.\n\n![Đập Phú Ninh](dap-phu-ninh.jpg)\n"),
    );
    writeArticle(content, "anh-thieu-alt", articleMarkdown(fields(), "Bài.\n\n![](hoi-nghi.jpg)\n"), {
      "hoi-nghi.jpg": await plainJpeg(800, 600),
    });
    writeArticle(
      content,
      "khong-phai-anh",
      articleMarkdown(fields({ image: { src: "bia.jpg", alt: "Bìa" } })),
      {
        "bia.jpg": "<html>not a photo</html>",
      },
    );
    const run = await runBuild(content, { IMAGE_CACHE_DIR: path.join(cacheRoot, "bad") });
    expect(run.code).not.toBe(0);
    const lines = run.stderr.split("\n");
    const lineOf = (article: string, image: string) =>
      lines.find((line) => line.includes(`articles/${article}/index.md`) && line.includes(image));
    expect(lineOf("anh-bi-cat", '"cau.jpg"'), run.stderr).toMatch(/index\.md:\d+ .*body: .*không đọc được/);
    expect(lineOf("anh-khong-co", '"dap-phu-ninh.jpg"'), run.stderr).toMatch(/không tìm thấy tệp ảnh/);
    expect(lineOf("anh-thieu-alt", '"hoi-nghi.jpg"'), run.stderr).toMatch(/thiếu mô tả \(alt\)/);
    expect(lineOf("khong-phai-anh", '"bia.jpg"'), run.stderr).toMatch(/image\.src: .*không đọc được/);
    expect(existsSync(run.output)).toBe(false);
  });

  it("warns, without failing, about a photo narrower than the smallest width", async () => {
    const content = makeContentDir();
    writeArticle(content, "anh-nho", articleMarkdown(fields(), "Bài.\n\n![Con dấu](dau.jpg)\n"), {
      "dau.jpg": await plainJpeg(200, 150),
    });
    const run = await runBuild(content, { IMAGE_CACHE_DIR: path.join(cacheRoot, "small") });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/anh-nho\/index\.md:\d+ .*cảnh báo.*"dau\.jpg" chỉ rộng 200 px/);
    // Without a lead photo the banner is the page's one high-priority image; the body photo stays lazy.
    const html = readFileSync(path.join(run.output, "tin-tuc", "anh-nho", "index.html"), "utf8");
    expect(html.match(/fetchpriority="high"/g)).toHaveLength(1);
    expect(html).toMatch(/<div class="banner"><picture>[^]*?fetchpriority="high"[^]*?<\/picture><\/div>/);
    expect(html).toMatch(
      /<img src="[^"]*\/dau-200\.[0-9a-f]{8}\.jpg" srcset="[^"]*dau-200\.[0-9a-f]{8}\.jpg 200w"[^>]*width="200" height="150"/,
    );
  });
});
