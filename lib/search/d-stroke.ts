/**
 * How `đ` reaches the index: written as `ḏ` (d with line below, U+1E0F) in the text Pagefind indexes,
 * and written back in the fragments readers download.
 *
 * Why: Pagefind (1.5+) folds tone and vowel marks, so "can bo" finds "cán bộ", by decomposing letters
 * and dropping the marks; `đ` has no decomposition (it is a letter of its own), so "dang uy" missed
 * "Đảng ủy". `ḏ` decomposes into `d` and a mark: Pagefind files "ḏảng" under "dang", like "cán" under
 * "can", with "ḏảng" as the spelling it prefers for an exact query, and the word keeps its place in
 * the text, so phrases ("dao tao") and highlights work as for any other word. No Vietnamese text uses
 * `ḏ`; a page that does is indexed as written (see `markDStroke`).
 */

const MARKED = /[ḏḎ]/;

/**
 * The indexed HTML with đ/Đ as ḏ/Ḏ in its text; tags and attribute values (filter and sort values,
 * URLs) are left as written. Undefined when the HTML already holds ḏ or Ḏ, which the fragments could
 * then not tell apart from a marked đ: that page is indexed as written.
 * @example markDStroke('<p title="Đ">Đảng ủy</p>') === '<p title="Đ">Ḏảng ủy</p>'
 */
export function markDStroke(html: string): string | undefined {
  if (MARKED.test(html)) return undefined;
  return html.replace(/<[^>]*>|[đĐ]/g, (match) => (match === "đ" ? "ḏ" : match === "Đ" ? "Ḏ" : match));
}

/** The text of a fragment of a page marked by `markDStroke`, with its real letters again. */
export function unmarkDStroke(text: string): string {
  return text.replace(/ḏ/g, "đ").replace(/Ḏ/g, "Đ");
}
