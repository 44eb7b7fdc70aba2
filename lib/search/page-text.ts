/**
 * The indexed part of an article page's HTML, and the record Pagefind receives.
 */
import { FOLDED_FIELD, foldedCopy } from "./folded-copy.ts";

/** The attribute that marks the one element of a page Pagefind indexes (set in layouts/article.njk). */
export const BODY_ATTRIBUTE = "data-pagefind-body";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/** Plain text of the element marked `data-pagefind-body`, or undefined when the page has none. */
export function indexedText(html: string): string | undefined {
  const marker = html.indexOf(BODY_ATTRIBUTE);
  if (marker < 0) return undefined;
  const start = html.indexOf(">", marker) + 1;
  const end = html.lastIndexOf("</article>");
  return html
    .slice(start, end > start ? end : undefined)
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Decodes the few entities our templates write. */
const unescapeHtml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? "");

/**
 * The inline sort values of a page (`data-pagefind-sort="key:value"`), by key.
 * @example sortValues('<p data-pagefind-sort="date:2025-11-26T23:30:00+07:00">') // Map { date → "2025-11-26T23:30:00+07:00" }
 */
export function sortValues(html: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const [, pair] of html.matchAll(/data-pagefind-sort="([^"]*)"/g)) {
    const colon = pair!.indexOf(":");
    if (colon > 0) values.set(unescapeHtml(pair!.slice(0, colon)), unescapeHtml(pair!.slice(colon + 1)));
  }
  return values;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The page as Pagefind should index it: the reader's HTML plus, just before `</body>`, the đ-folded
 * copy as the metadata field `dd` (never shipped to readers: only the index sees it).
 */
export function withFoldedCopy(html: string): string {
  const text = indexedText(html);
  if (text === undefined) return html;
  const copy = foldedCopy(text);
  if (!copy) return html;
  const element = `<div data-pagefind-meta="${FOLDED_FIELD}">${escapeHtml(copy)}</div>`;
  const close = html.lastIndexOf("</body>");
  return close < 0 ? html + element : html.slice(0, close) + element + html.slice(close);
}

/**
 * What Pagefind receives for a page: only the indexed `<article>` and the hidden đ-folded copy, in a
 * bare document; undefined when the page has no indexed part. Why not the whole page: Pagefind parses
 * every byte it is sent, and header, navigation and footer are two thirds of an article page that it
 * would parse only to skip (the indexed element is the same, so the index is the same).
 */
export function indexRecord(html: string): string | undefined {
  const marker = html.indexOf(BODY_ATTRIBUTE);
  if (marker < 0) return undefined;
  const start = html.lastIndexOf("<", marker);
  const close = html.lastIndexOf("</article>");
  const end = close > marker ? close + "</article>".length : html.length;
  return withFoldedCopy(`<!doctype html><html lang="vi"><body>${html.slice(start, end)}</body></html>`);
}
