import { createHash } from "node:crypto";
import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { loadArticles, type LoadResult } from "../../lib/content/load.ts";
import { copyToTemp, fixturePath, writeArticle } from "../support/fixture.ts";

const PHOTO_ARTICLE = "huan-luyen-luc-luong-dan-quan-tu-ve-nam-2024";
const DRAFT = "ban-nhap-ke-hoach-chua-cong-bo";
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Articles with problems of every kind the cache must keep (errors, warnings, across articles), and one without. */
const PROBLEMS: Record<string, string> = {
  "lien-ket-hong": `---
title: "Bài có liên kết tới bài không còn"
date: "2025-01-10T08:00"
author: "Ngô Mỹ"
unit: "Văn phòng"
category: "xay-dung-dang"
---

Xem [bài sắp xoá](/tin-tuc/bai-se-xoa/), [bài nháp](/tin-tuc/${DRAFT}/) và ![](anh-thieu.jpg).
`,
  "bai-se-xoa": `---
title: "Bài sẽ bị xoá"
date: "2025-01-11"
author: "Ngô Mỹ"
unit: "Văn phòng"
category: "xay-dung-dang"
updated: "2025-02-01T09:15"
---

Nội dung <b>đậm</b>, văn bản dạng NFD: ${"Phú Ninh".normalize("NFD")}.
`,
  "tro-toi-bai-se-xoa": `---
title: "Bài hợp lệ trỏ tới bài sẽ bị xoá"
date: "2025-01-12"
author: "Ngô Mỹ"
unit: "Văn phòng"
category: "xay-dung-dang"
---

Xem thêm [bài sẽ bị xoá](https://phuninh.gov.vn/tin-tuc/bai-se-xoa/).
`,
  "dau-bai-hong": `---
title: Hội nghị: tổng kết
date: 2025-13-01
tags: "a, b"
---

Thân bài [liên kết](/tin-tuc/khong-co/).
`,
};

/** The fixture site plus the articles above, and one saved by Windows Notepad (BOM, CRLF), in a fresh folder. */
function makeSite(): string {
  const content = copyToTemp(fixturePath("site"));
  for (const [slug, markdown] of Object.entries(PROBLEMS)) writeArticle(content, slug, markdown);
  const windows = (PROBLEMS["tro-toi-bai-se-xoa"] ?? "").replace("/bai-se-xoa/", "/").replace(/\n/g, "\r\n");
  writeArticle(content, "luu-tu-windows", `\uFEFF${windows}`);
  return content;
}

/**
 * New times on every file and folder, as a fresh CI checkout has: the in-process memo (keyed by
 * times) misses, so the next load asks the persistent cache, which must not care.
 */
let clock = Date.now() / 1000;
function touchAll(dir: string): void {
  clock += 10;
  for (const name of readdirSync(dir, { recursive: true }))
    utimesSync(path.join(dir, String(name)), clock, clock);
  utimesSync(dir, clock, clock);
}

/** A load with the cache, as a new build process would do it. */
function cached(content: string, cacheDir: string): LoadResult {
  touchAll(content);
  return loadArticles(content, content, { cacheDir });
}

/** A load that parses every file (`observe` bypasses both caches). */
const fresh = (content: string): LoadResult => loadArticles(content, content, { observe: () => undefined });

/** Same articles (dates as Dates, fields in the same order, which page keys hash) and same problems. */
function expectSame(actual: LoadResult, expected: LoadResult): void {
  expect(actual.articles).toStrictEqual(expected.articles);
  expect(JSON.stringify(actual.articles)).toBe(JSON.stringify(expected.articles));
  expect(actual.problems).toStrictEqual(expected.problems);
}

const cacheFile = (cacheDir: string): string => {
  const [name] = readdirSync(cacheDir);
  return path.join(cacheDir, name ?? "missing");
};

let content: string;
let cacheDir: string;
let total: number;
beforeEach(() => {
  content = makeSite();
  cacheDir = mkdtempSync(path.join(os.tmpdir(), "phuninh-content-cache-"));
  total = readdirSync(path.join(content, "articles")).length;
});

describe("the loader's persistent cache", () => {
  it("gives exactly what a fresh parse gives, problems included, after every file got a new time", () => {
    const cold = cached(content, cacheDir);
    expect(cold.files).toEqual({ parsed: total, reused: 0 });
    const warm = cached(content, cacheDir);
    expect(warm.files).toEqual({ parsed: 0, reused: total });
    const expected = fresh(content);
    expectSame(cold, expected);
    expectSame(warm, expected);
    // The reference really has what must survive the cache: errors, warnings and dates.
    expect(expected.problems.map((p) => p.severity)).toContain("warning");
    expect(expected.problems.filter((p) => p.severity === "error").length).toBeGreaterThan(3);
    expect(warm.articles.find((a) => a.slug === "luu-tu-windows")?.body).toBe(
      "\nXem thêm [bài sẽ bị xoá](https://phuninh.gov.vn/tin-tuc/).\n",
    );
    const updated = warm.articles.find((a) => a.slug === "bai-se-xoa")?.updated;
    expect(updated?.instant).toBeInstanceOf(Date);
    expect(updated?.instant.toISOString()).toBe("2025-02-01T02:15:00.000Z");
  });

  it("parses again only the article whose index.md changed", () => {
    cached(content, cacheDir);
    appendFileSync(path.join(content, "articles", PHOTO_ARTICLE, "index.md"), "\nMột câu mới.\n");
    const after = cached(content, cacheDir);
    expect(after.files).toEqual({ parsed: 1, reused: total - 1 });
    expectSame(after, fresh(content));
    expect(after.articles.find((a) => a.slug === PHOTO_ARTICLE)?.body).toContain("Một câu mới.");
  });

  it("parses an article again when a photo's bytes change what the inventory judges, same name and size", () => {
    cached(content, cacheDir);
    const photo = path.join(content, "articles", PHOTO_ARTICLE, "anh-dai-dien.jpg");
    const bytes = readFileSync(photo);
    const size = bytes.length;
    // Other JPEG bytes: the article's result is the same, so it is reused, and still right.
    bytes[size - 3] = (bytes[size - 3] ?? 0) ^ 0xff;
    writeFileSync(photo, bytes);
    const sameKind = cached(content, cacheDir);
    expect(sameKind.files).toEqual({ parsed: 0, reused: total });
    expectSame(sameKind, fresh(content));
    // PNG bytes under the JPEG's name: the cached result no longer holds.
    PNG_HEAD.copy(bytes);
    writeFileSync(photo, bytes);
    expect(statSync(photo).size).toBe(size);
    const otherKind = cached(content, cacheDir);
    expect(otherKind.files).toEqual({ parsed: 1, reused: total - 1 });
    expectSame(otherKind, fresh(content));
    expect(otherKind.problems.map((p) => p.message).join("\n")).toContain("nhưng nội dung là ảnh PNG");
  });

  it("parses an article again when a file is added to or removed from its folder", () => {
    cached(content, cacheDir);
    const extra = path.join(content, "articles", PHOTO_ARTICLE, "ghi-chu.txt");
    writeFileSync(extra, "ghi chú");
    const added = cached(content, cacheDir);
    expect(added.files).toEqual({ parsed: 1, reused: total - 1 });
    expectSame(added, fresh(content));
    expect(added.problems.some((p) => p.file.endsWith("ghi-chu.txt"))).toBe(true);
    rmSync(extra);
    rmSync(path.join(content, "articles", PHOTO_ARTICLE, "anh-dai-dien.jpg"));
    const removed = cached(content, cacheDir);
    expect(removed.files).toEqual({ parsed: 1, reused: total - 1 });
    expectSame(removed, fresh(content));
  });

  it("parses every article again when site.json changes", () => {
    cached(content, cacheDir);
    const site = path.join(content, "_data", "site.json");
    const settings = JSON.parse(readFileSync(site, "utf8")) as { categories: { name: string }[] };
    settings.categories[0] = { ...settings.categories[0], name: "Tên chuyên mục mới" } as { name: string };
    writeFileSync(site, JSON.stringify(settings, null, 2));
    const after = cached(content, cacheDir);
    expect(after.files).toEqual({ parsed: total, reused: 0 });
    expectSame(after, fresh(content));
  });

  it("does not parse the other articles again when one is added", () => {
    cached(content, cacheDir);
    writeArticle(content, "bai-moi", PROBLEMS["bai-se-xoa"] ?? "");
    const after = cached(content, cacheDir);
    expect(after.files).toEqual({ parsed: 1, reused: total });
    expectSame(after, fresh(content));
  });

  it("still reports a link to an article deleted since, and a link to an article made a draft, from cached results", () => {
    const before = cached(content, cacheDir);
    const linking = (result: LoadResult) => result.problems.filter((p) => p.file.includes("lien-ket-hong"));
    expect(
      linking(before)
        .map((p) => p.message)
        .join("\n"),
    ).not.toContain("bai-se-xoa");
    const target = path.join(content, "articles", "bai-se-xoa", "index.md");
    writeFileSync(target, readFileSync(target, "utf8").replace("category:", "draft: true\ncategory:"));
    const drafted = cached(content, cacheDir);
    expect(drafted.files).toEqual({ parsed: 1, reused: total - 1 });
    expect(drafted.problems).toContainEqual(
      expect.objectContaining({
        file: "articles/tro-toi-bai-se-xoa/index.md",
        message: expect.stringContaining("trỏ tới bài viết nháp") as unknown,
      }),
    );
    expectSame(drafted, fresh(content));
    rmSync(path.dirname(target), { recursive: true });
    const deleted = cached(content, cacheDir);
    expect(deleted.files).toEqual({ parsed: 0, reused: total - 1 });
    expect(linking(deleted)).toContainEqual(
      expect.objectContaining({
        line: 9,
        field: "body",
        severity: "error",
        message: "liên kết /tin-tuc/bai-se-xoa/ trỏ tới bài viết không tồn tại",
      }),
    );
    expectSame(deleted, fresh(content));
    // An article valid but for that link is refused, though its own file did not change.
    expect(before.articles.map((a) => a.slug)).toContain("tro-toi-bai-se-xoa");
    expect(deleted.articles.map((a) => a.slug)).not.toContain("tro-toi-bai-se-xoa");
    // The entry of the deleted article is gone from the file: one line per entry after the header.
    const lines = readFileSync(cacheFile(cacheDir), "utf8").trimEnd().split("\n");
    expect(lines.length - 1).toBe(total - 1);
  });

  it("ignores a damaged, truncated or edited cache file and parses again", () => {
    const expected = (cached(content, cacheDir), fresh(content));
    const file = cacheFile(cacheDir);
    const good = readFileSync(file);
    const damages: [string, Buffer][] = [
      ["truncated", good.subarray(0, Math.floor(good.length / 2))],
      [
        "one byte changed",
        Buffer.from(good.toString("utf8").replace('"severity":"error"', '"severity":"errox"')),
      ],
      ["empty", Buffer.alloc(0)],
      ["not ours", Buffer.from("hello\n")],
    ];
    for (const [what, bytes] of damages) {
      writeFileSync(file, bytes);
      const result = cached(content, cacheDir);
      expect(result.files, what).toEqual({ parsed: total, reused: 0 });
      expectSame(result, expected);
    }
  });

  it("parses again an entry edited with a matching checksum when it is not what the loader writes", () => {
    const expected = (cached(content, cacheDir), fresh(content));
    const file = cacheFile(cacheDir);
    const [, ...entries] = readFileSync(file, "utf8").trimEnd().split("\n");
    // One entry's errors dropped and an unknown field added: a hand-made entry, not a damaged file.
    const edited = entries.map((line) =>
      line.includes("lien-ket-hong") ? line.replace('"before":[', '"extra":1,"before":[') : line,
    );
    const payload = edited.map((line) => `${line}\n`).join("");
    const sha = createHash("sha256").update(payload).digest("hex");
    writeFileSync(file, `portal-content-cache/1 ${sha}\n${payload}`);
    const result = cached(content, cacheDir);
    expect(result.files).toEqual({ parsed: 1, reused: total - 1 });
    expectSame(result, expected);
  });

  it("is not used by npm run check's loads, which need every file parsed", () => {
    cached(content, cacheDir);
    const seen: string[] = [];
    const result = loadArticles(content, content, {
      cacheDir,
      observe: (source) => seen.push(source.relative),
    });
    expect(seen).toHaveLength(total);
    expect(result.files).toBeUndefined();
  });
});
