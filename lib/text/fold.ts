/**
 * Diacritic folding and tone-placement-independent keys for Vietnamese.
 *
 * Why: `đ` is a letter of its own, so Unicode decomposition leaves it intact; readers still type "d".
 * And the same syllable has two accepted tone placements (hòa/hoà, thúy/thuý, ủy/uỷ).
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
/** The five Vietnamese tone marks as combining characters (grave, acute, tilde, hook, dot below). */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * Removes every tone and vowel mark, maps đ/Đ to d/D and lower-cases.
 * @example foldDiacritics("Đảng ủy") === "dang uy"
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .normalize("NFC");
}

/**
 * A key that is equal for the old and new tone placement of the same word and for case differences,
 * but keeps vowel marks and đ, so "cán" and "cần" stay apart.
 * Each syllable's tone mark is taken off its vowel and appended after the syllable.
 * @example nameKey("Hoà Bình") === nameKey("hòa bình")
 */
export function nameKey(text: string): string {
  let key = nameKeys.get(text);
  if (key === undefined) {
    // Bounded: names repeat (a few hundred tags, authors, units), other callers' texts may not.
    if (nameKeys.size >= NAME_KEYS_KEPT) nameKeys.clear();
    nameKeys.set(text, (key = foldTones(text)));
  }
  return key;
}

/** Folded names, by the text as given: every article's tags, author and unit are folded a few times a build. */
const nameKeys = new Map<string, string>();
const NAME_KEYS_KEPT = 10_000;

function foldTones(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .trim()
    .split(/\s+/)
    .map((syllable) => {
      const decomposed = syllable.normalize("NFD");
      const tones = decomposed.match(TONE_MARKS) ?? [];
      return decomposed.replace(TONE_MARKS, "").normalize("NFC") + tones.join("");
    })
    .join(" ");
}
