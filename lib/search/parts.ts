/**
 * Partial indexes formed by something that does not move when one article changes: the quarter of
 * publication (Vietnam time, from the page's `date` sort value), a large quarter split by URL. So a
 * text edit changes one partial index, a date change two, and every other one keeps its cache key
 * (`part-cache.ts`). Why quarters, not months: every partial index costs Pagefind and the merge a
 * fixed share, and a portal's month is a few dozen articles, a quarter about the part size.
 */
import { createHash } from "node:crypto";

/** One indexed page as the indexer keeps it until its partial index is known to be cached or written. */
export interface PageRecord {
  readonly url: string;
  /**
   * What Pagefind receives (`indexRecord`), UTF-8: half the memory of the string for Vietnamese text.
   * Absent for a kept page known from the last build's book (`page-records.ts`) until its partial
   * index must be indexed again; it is then read from `file`.
   */
  readonly content?: Buffer;
  /** The file of a kept page known from the book, in the previous version (lib/rebuild/selection.ts). */
  readonly file?: string;
  /** False for a page indexed as written, whose fragment must not be unmarked (`d-stroke.ts`). */
  readonly marked: boolean;
  readonly sorts: ReadonlyMap<string, string>;
  /** SHA-256 of URL, marking and content: what the partial index's key is made of. */
  readonly hash: Buffer;
}

export function pageRecord(
  url: string,
  content: string,
  marked: boolean,
  sorts: ReadonlyMap<string, string>,
): PageRecord {
  const bytes = Buffer.from(content);
  const hash = createHash("sha256")
    .update(url)
    .update(marked ? "\0m\0" : "\0u\0")
    .update(bytes)
    .digest();
  return { url, content: bytes, marked, sorts, hash };
}

/**
 * The month (`YYYY-MM`) of a page from its `date` sort value (ISO 8601 with +07:00: Vietnam time), or
 * undefined when it has none.
 * @example pageMonth(new Map([["date", "2025-11-30T23:30:00+07:00"]])) // "2025-11"
 */
export function pageMonth(sorts: ReadonlyMap<string, string>): string | undefined {
  const month = sorts.get("date")?.slice(0, 7) ?? "";
  return /^\d{4}-\d{2}$/.test(month) ? month : undefined;
}

/**
 * The quarter (`YYYY-Qn`) of a month (`YYYY-MM`).
 * @example quarterOf("2025-11") // "2025-Q4"
 */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
}

/** One partial index: pages of one quarter (or one slice of a large one), in URL order, and its key. */
export interface PartPages {
  readonly period: string;
  readonly records: readonly PageRecord[];
  /** Hex SHA-256 of the settings' key and each page's hash, in order. */
  readonly key: string;
}

/**
 * The partial indexes of one quarter's pages: in URL order, split into as few slices of at most
 * `maxPages` as can be, of even size, so the split depends only on the quarter's pages.
 */
export function periodParts(
  period: string,
  records: Iterable<PageRecord>,
  maxPages: number,
  settingsKey: string,
): PartPages[] {
  const sorted = [...records].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const count = Math.ceil(sorted.length / maxPages);
  return Array.from({ length: count }, (_, i) => {
    const slice = sorted.slice(
      Math.floor((i * sorted.length) / count),
      Math.floor(((i + 1) * sorted.length) / count),
    );
    const hash = createHash("sha256").update(settingsKey);
    for (const record of slice) hash.update(record.hash);
    return { period, records: slice, key: hash.digest("hex") };
  });
}
