/**
 * What the last build handed the index for each article page, by page key: the hash of the page's
 * indexed text (`parts.ts`), whether its đ was marked, and its sort values; and the partial indexes
 * it merged. Kept in the search cache, one file per search settings, written whole after each build.
 *
 * Why: a page a republish keeps has the same code key and page key as when it was rendered
 * (lib/rebuild/selection.ts `PageKeying`), so the same bytes, so the same record. Its partial index's
 * key can be known without reading the page back; its text is read only when that partial index must
 * be indexed again, and checked against the record then (`SearchIndexer`). The partial indexes the
 * last build merged are the ones the next is most likely to merge, so their cache entries can be
 * verified while the pages render.
 *
 * A missing file, one of other code or settings, or one that does not match its own checksum is no
 * book at all: every kept page is then read back from the previous version.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";

const FORMAT = 1;

/** A page's search record without its text. */
export interface RecordFacts {
  /** SHA-256 of URL, marking and indexed text (`pageRecord`). */
  readonly hash: Buffer;
  readonly marked: boolean;
  readonly sorts: ReadonlyMap<string, string>;
}

/** One page of the book: its URL and page key, and the facts of its record. */
export interface BookPage extends RecordFacts {
  readonly url: string;
  readonly pageKey: string;
}

/** As stored: `[url, pageKey, hash (hex), marked (1/0), sorts]`. */
type StoredPage = [string, string, string, 0 | 1, [string, string][]];

interface StoredBook {
  readonly format: number;
  readonly codeKey: string;
  readonly settings: string;
  readonly parts: string[];
  readonly pages: StoredPage[];
  /** SHA-256 of the JSON of `[codeKey, settings, parts, pages]`: a damaged file is no book. */
  readonly checksum: string;
}

export class PageRecordBook {
  private constructor(
    private readonly pages: ReadonlyMap<string, { readonly pageKey: string; readonly facts: RecordFacts }>,
    /** Keys of the partial indexes the build that wrote the book merged. */
    readonly parts: readonly string[],
  ) {}

  static readonly empty = new PageRecordBook(new Map(), []);

  /** The file of the book for search settings `settings` in the cache folder `cacheDir`. */
  static file(cacheDir: string, settings: string): string {
    return path.join(cacheDir, `pages-${settings}.json`);
  }

  /** The book, if there is one for this code and these settings and it is whole; else an empty one. */
  static read(file: string, codeKey: string, settings: string): PageRecordBook {
    let stored: StoredBook;
    try {
      stored = JSON.parse(readFileSync(file, "utf8")) as StoredBook;
    } catch {
      return PageRecordBook.empty;
    }
    if (
      stored?.format !== FORMAT ||
      stored.codeKey !== codeKey ||
      stored.settings !== settings ||
      !Array.isArray(stored.parts) ||
      !Array.isArray(stored.pages) ||
      checksum(stored) !== stored.checksum
    )
      return PageRecordBook.empty;
    const pages = new Map<string, { pageKey: string; facts: RecordFacts }>();
    for (const [url, pageKey, hash, marked, sorts] of stored.pages) {
      pages.set(url, {
        pageKey,
        facts: { hash: Buffer.from(hash, "hex"), marked: marked === 1, sorts: new Map(sorts) },
      });
    }
    return new PageRecordBook(pages, stored.parts);
  }

  /** The facts of the page at `url` when the book has it under the same page key. */
  get(url: string, pageKey: string): RecordFacts | undefined {
    const page = this.pages.get(url);
    return page?.pageKey === pageKey ? page.facts : undefined;
  }

  /** Writes a book whole (a killed write leaves the old one or none). */
  static async write(
    file: string,
    codeKey: string,
    settings: string,
    parts: readonly string[],
    pages: Iterable<BookPage>,
  ): Promise<void> {
    const stored: Omit<StoredBook, "checksum"> = {
      format: FORMAT,
      codeKey,
      settings,
      parts: [...parts],
      pages: [...pages].map((page) => [
        page.url,
        page.pageKey,
        page.hash.toString("hex"),
        page.marked ? 1 : 0,
        [...page.sorts],
      ]),
    };
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify({ ...stored, checksum: checksum(stored) }));
    await rename(temporary, file);
  }
}

function checksum(book: Omit<StoredBook, "checksum">): string {
  return createHash("sha256")
    .update(JSON.stringify([book.codeKey, book.settings, book.parts, book.pages]))
    .digest("hex");
}
