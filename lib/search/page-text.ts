/**
 * The indexed part of an article page's HTML, and the record Pagefind receives.
 */
import { decodeHtml } from "../text/html.ts";
import { markDStroke } from "./d-stroke.ts";

/** The attribute that marks the one element of a page Pagefind indexes (set in layouts/article.njk). */
export const BODY_ATTRIBUTE = "data-pagefind-body";

/**
 * The inline sort values of a page (`data-pagefind-sort="key:value"`), by key.
 * @example sortValues('<p data-pagefind-sort="date:2025-11-26T23:30:00+07:00">') // Map { date → "2025-11-26T23:30:00+07:00" }
 */
export function sortValues(html: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const [, pair] of html.matchAll(/data-pagefind-sort="([^"]*)"/g)) {
    const colon = pair!.indexOf(":");
    if (colon > 0)
      values.set(
        decodeHtml(pair!.slice(0, colon), "attribute"),
        decodeHtml(pair!.slice(colon + 1), "attribute"),
      );
  }
  return values;
}

/** What Pagefind receives for an article page. */
export interface IndexRecord {
  /** The indexed `<article>` alone in a bare document, its đ written as ḏ (see `d-stroke.ts`). */
  readonly content: string;
  /** False for the rare page indexed as written, whose fragment must not be unmarked. */
  readonly marked: boolean;
}

/**
 * What Pagefind receives for a page: only the indexed `<article>`, in a bare document, with đ marked
 * for the index (`markDStroke`); undefined when the page has no indexed part. Why not the whole page:
 * Pagefind parses every byte it is sent, and header, navigation and footer are two thirds of an
 * article page that it would parse only to skip (the indexed element is the same, so the index is the
 * same).
 */
export function indexRecord(html: string): IndexRecord | undefined {
  const marker = html.indexOf(BODY_ATTRIBUTE);
  if (marker < 0) return undefined;
  const start = html.lastIndexOf("<", marker);
  const close = html.lastIndexOf("</article>");
  const end = close > marker ? close + "</article>".length : html.length;
  const page = `<!doctype html><html lang="vi"><body>${html.slice(start, end)}</body></html>`;
  const content = markDStroke(page);
  return content === undefined ? { content: page, marked: false } : { content, marked: true };
}
