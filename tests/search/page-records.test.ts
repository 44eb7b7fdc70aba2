/**
 * The book of page records (lib/search/page-records.ts): what one build writes the next reads back
 * exactly, and only for the same code key, settings and page key; a damaged book is no book.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { PageRecordBook, type BookPage } from "../../lib/search/page-records.ts";

const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-book-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const page = (url: string, pageKey: string, text: string): BookPage => ({
  url,
  pageKey,
  hash: createHash("sha256").update(text).digest(),
  marked: text.includes("đ"),
  sorts: new Map([["date", "2025-11-26T23:30:00+07:00"]]),
});

const pages = [page("/tin-tuc/a/", "ka", "Đảng bộ"), page("/tin-tuc/b/", "kb", "cán bộ")];

async function written(name: string): Promise<string> {
  const file = PageRecordBook.file(path.join(root, name), "settings1");
  await PageRecordBook.write(file, "code1", "settings1", ["part1", "part2"], pages);
  return file;
}

describe("the book of page records", () => {
  it("gives back each page's facts under its page key, and the partial indexes", async () => {
    const book = PageRecordBook.read(await written("same"), "code1", "settings1");
    expect(book.parts).toEqual(["part1", "part2"]);
    for (const { url, pageKey, hash, marked, sorts } of pages)
      expect(book.get(url, pageKey)).toEqual({ hash, marked, sorts });
    expect(book.get("/tin-tuc/a/", "kb")).toBeUndefined();
    expect(book.get("/tin-tuc/c/", "ka")).toBeUndefined();
  });

  it("is no book for other code, other settings, or when missing", async () => {
    const file = await written("other");
    for (const book of [
      PageRecordBook.read(file, "code2", "settings1"),
      PageRecordBook.read(file, "code1", "settings2"),
      PageRecordBook.read(path.join(root, "missing.json"), "code1", "settings1"),
    ]) {
      expect(book.parts).toEqual([]);
      expect(book.get("/tin-tuc/a/", "ka")).toBeUndefined();
    }
  });

  it("is no book once damaged: a changed hash, a cut-off file", async () => {
    const file = await written("damaged");
    const text = readFileSync(file, "utf8");
    const hash = pages[0]!.hash.toString("hex");
    writeFileSync(
      file,
      text.replace(
        hash,
        hash.replace(/^./, (c) => (c === "0" ? "1" : "0")),
      ),
    );
    expect(PageRecordBook.read(file, "code1", "settings1").get("/tin-tuc/b/", "kb")).toBeUndefined();
    writeFileSync(file, text.slice(0, text.length / 2));
    expect(PageRecordBook.read(file, "code1", "settings1").parts).toEqual([]);
  });
});
