/**
 * The hidden đ→d copy of an article's words, indexed as Pagefind metadata.
 *
 * Why: Pagefind (1.5+) folds tone and vowel marks, so "can bo" finds "cán bộ", but `đ` is a letter of
 * its own and stays apart from `d`: "dang uy" misses "Đảng ủy". Metadata fields are searchable
 * (including quoted phrases within one field) yet produce no word locations in the page content, so
 * this copy lets "dang uy" and the phrase "dao tao" match without ever showing folded text in an
 * excerpt or moving the highlight off the real words.
 */

/** The Pagefind meta field that holds the copy; the merge drops it from what readers download. */
export const FOLDED_FIELD = "dd";

/** Replaces đ/Đ by d/D and nothing else: tone marks stay, so Pagefind still prefers exact diacritics. */
export function foldStroke(text: string): string {
  return text.replace(/đ/g, "d").replace(/Đ/g, "D");
}

/**
 * How many words either side of a word with đ are copied: two-syllable phrases ("đào tạo", "Đảng ủy")
 * then match as phrases in the index. Measured: reach 2 cost 14 KB more per first query at 1,000
 * articles, for three-syllable phrases that the browser re-ranking handles anyway.
 */
const REACH = 1;

/**
 * The runs of words around each word containing đ/Đ, đ-folded, each distinct run once.
 * Words far from any đ need no copy: Pagefind already matches them.
 * @example foldedCopy("Đảng ủy xã Tam Thành họp") === "Dảng ủy"
 */
export function foldedCopy(text: string): string {
  const words = text.normalize("NFC").split(/\s+/).filter(Boolean);
  const near = new Array<boolean>(words.length).fill(false);
  words.forEach((word, i) => {
    if (!/[đĐ]/.test(word)) return;
    for (let j = Math.max(0, i - REACH); j <= Math.min(words.length - 1, i + REACH); j++) near[j] = true;
  });
  const runs = new Set<string>();
  let run: string[] = [];
  const flush = (): void => {
    if (run.length) runs.add(foldStroke(run.join(" ")));
    run = [];
  };
  words.forEach((word, i) => (near[i] ? run.push(word) : flush()));
  flush();
  return [...runs].join(" / ");
}
