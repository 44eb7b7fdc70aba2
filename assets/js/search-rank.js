/**
 * Vietnamese query handling and result ranking for the search page, shared by the browser script and
 * the unit tests (plain ES module, no dependencies).
 *
 * Why a layer over Pagefind: Pagefind folds tone marks but keeps `đ` apart from `d`, drops query words
 * that match nothing, and prefix-matches the last word ("bộ" lights up "bồi"). Vietnamese words are
 * several syllables ("đào tạo", "Phú Ninh"), so a query is a phrase: pages with the phrase come first,
 * pages with every syllable next, and pages missing a syllable not at all.
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ALL_MARKS = /[\u0300-\u036f]/g;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Maps đ/Đ to d/D and leaves every other letter alone: for comparing a query with a page's text.
 * @param {string} text
 * @returns {string}
 */
export function foldStroke(text) {
  return text.replace(/đ/g, "d").replace(/Đ/g, "D");
}

/**
 * Lower-case, every mark removed and đ → d: "Đảng ủy" → "dang uy".
 * @param {string} text
 * @returns {string}
 */
export function foldAll(text) {
  return foldStroke(text.normalize("NFD").replace(ALL_MARKS, "")).toLowerCase();
}

/**
 * Lower-case key equal for both tone placements of a syllable (hoà/hòa, thuý/thúy) and for NFC/NFD,
 * but different for different tones or vowels: the "exact diacritics" comparison.
 * @param {string} word
 * @returns {string}
 */
export function toneKey(word) {
  const decomposed = word.normalize("NFD").toLowerCase();
  const tones = decomposed.match(TONE_MARKS) ?? [];
  return decomposed.replace(TONE_MARKS, "").normalize("NFC") + tones.join("");
}

/**
 * The syllables of a query as the reader meant them: NFC, without punctuation or quotes.
 * @param {string} query
 * @returns {string[]}
 */
export function querySyllables(query) {
  return query.normalize("NFC").match(WORD) ?? [];
}

/**
 * The query sent to Pagefind: syllables lower-cased, with đ written as ḏ as in the index
 * (lib/search/stroke.ts). Pagefind files "ḏảng" under "dang", so "dang" finds it; "đảng" reaches it
 * as the exact spelling, tone marks and all, as for any other word.
 * @param {string[]} syllables
 * @returns {string}
 */
export function pagefindQuery(syllables) {
  return syllables.map((s) => s.toLowerCase().replace(/đ/g, "ḏ")).join(" ");
}

/**
 * @typedef {object} Token
 * @property {number} start offset in the text
 * @property {number} end
 * @property {string} exact tone key of the word
 * @property {string} folded folded form of the word
 */

/**
 * The words of a text with their offsets and comparison keys.
 * @param {string} text
 * @returns {Token[]}
 */
export function tokenize(text) {
  /** @type {Token[]} */
  const tokens = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index ?? 0;
    tokens.push({ start, end: start + match[0].length, exact: toneKey(match[0]), folded: foldAll(match[0]) });
  }
  return tokens;
}

/**
 * Position of the first occurrence of the syllables as a phrase, or -1.
 * @param {Token[]} tokens
 * @param {string[]} keys
 * @param {"exact" | "folded"} field
 */
function findPhrase(tokens, keys, field) {
  outer: for (let i = 0; i + keys.length <= tokens.length; i++) {
    for (let j = 0; j < keys.length; j++) if (tokens[i + j]?.[field] !== keys[j]) continue outer;
    return i;
  }
  return -1;
}

/** Match tiers, best first. */
export const TIER = Object.freeze({ EXACT_PHRASE: 0, PHRASE: 1, EXACT_WORDS: 2, WORDS: 3, MISSING: 4 });

/**
 * How well a text answers the query: the exact phrase (diacritics as typed), the phrase ignoring
 * diacritics, every syllable exactly, every syllable ignoring diacritics, or a syllable missing.
 * @param {string} text
 * @param {string[]} syllables
 * @returns {number} one of TIER
 */
export function matchTier(text, syllables) {
  if (!syllables.length) return TIER.MISSING;
  const tokens = tokenize(text);
  const exact = syllables.map(toneKey);
  const folded = syllables.map(foldAll);
  if (findPhrase(tokens, exact, "exact") >= 0) return TIER.EXACT_PHRASE;
  if (findPhrase(tokens, folded, "folded") >= 0) return TIER.PHRASE;
  const exactWords = new Set(tokens.map((t) => t.exact));
  const foldedWords = new Set(tokens.map((t) => t.folded));
  if (exact.every((k) => exactWords.has(k))) return TIER.EXACT_WORDS;
  if (folded.every((k) => foldedWords.has(k))) return TIER.WORDS;
  return TIER.MISSING;
}

/**
 * Stable re-ranking by match tier; items whose text misses a syllable are dropped.
 * @template T
 * @param {T[]} items in Pagefind's order
 * @param {(item: T) => string} text the searchable text of an item
 * @param {string[]} syllables
 * @returns {T[]}
 */
export function rerank(items, text, syllables) {
  return items
    .map((item, index) => ({ item, index, tier: matchTier(text(item), syllables) }))
    .filter((entry) => entry.tier !== TIER.MISSING)
    .sort((a, b) => a.tier - b.tier || a.index - b.index)
    .map((entry) => entry.item);
}

/**
 * Orders Pagefind results: drops those lacking a whole syllable (Pagefind's silent word dropping and
 * last-word prefix matching), then puts phrase matches first, each group in Pagefind's own order.
 * @template {{id: string}} R
 * @param {R[]} results of the plain search
 * @param {Set<string>[]} syllableIds per syllable, the ids of pages that contain it as a whole word
 * @param {Set<string> | null} phraseIds ids of pages that contain the phrase, or null to keep the order
 * @returns {R[]}
 */
export function combineResults(results, syllableIds, phraseIds) {
  const complete = results.filter((r) => syllableIds.every((ids) => ids.has(r.id)));
  if (!phraseIds) return complete;
  return [...complete.filter((r) => phraseIds.has(r.id)), ...complete.filter((r) => !phraseIds.has(r.id))];
}

/**
 * Joins the ordered results of several bundles, given newest years first. Newest first, the bundles
 * simply follow each other (each holds only years older than the one before). By relevance, the
 * phrase matches of every bundle come before the other results, each group by Pagefind's score, as
 * Pagefind itself orders the results of several indexes.
 * @template {{id: string, score: number}} R
 * @param {{ results: R[], phraseIds: Set<string> | null }[]} answers per bundle, from combineResults
 * @param {boolean} relevance
 * @returns {R[]}
 */
export function joinBundles(answers, relevance) {
  if (answers.length === 1) return /** @type {R[]} */ (answers[0]?.results ?? []);
  if (!relevance) return answers.flatMap((answer) => answer.results);
  return answers
    .flatMap(({ results, phraseIds }) =>
      results.map((result) => ({ result, phrase: phraseIds?.has(result.id) ?? false })),
    )
    .sort((a, b) => Number(b.phrase) - Number(a.phrase) || b.result.score - a.result.score)
    .map((entry) => entry.result);
}

/**
 * @typedef {object} TierRange months of one bundle, as `tiers.json` gives them
 * @property {string} from `YYYY-MM`
 * @property {string} to `YYYY-MM`
 */

/**
 * How the search page names what the recent bundle holds and what the archive adds: in years when
 * the two meet at a new year, in months otherwise.
 * @param {{ recent: TierRange, archive: TierRange }} tiers
 * @returns {{ recent: string, archive: string }}
 * @example describeTiers({ recent: { from: "2025-03", to: "2025-11" }, archive: { from: "2016-01", to: "2025-02" } })
 *   // { recent: "từ tháng 3/2025", archive: "Tìm cả các bài trước tháng 3/2025" }
 */
export function describeTiers({ recent, archive }) {
  const year = (month) => Number(month.slice(0, 4));
  const years = (from, to) => (from === to ? `năm ${from}` : `các năm ${from}–${to}`);
  if (archive.to.endsWith("-12")) {
    return {
      recent: `trong ${years(year(archive.to) + 1, year(recent.to))}`,
      archive: `Tìm cả trong ${years(year(archive.from), year(archive.to))}`,
    };
  }
  const since = `tháng ${Number(recent.from.slice(5, 7))}/${year(recent.from)}`;
  return { recent: `từ ${since}`, archive: `Tìm cả các bài trước ${since}` };
}

/**
 * @typedef {object} Segment
 * @property {string} text
 * @property {boolean} mark whether the segment is a matched word
 */

/**
 * An excerpt of about `length` words around the best match, split into plain and matched segments
 * (the real words of the text, highlighted whatever diacritics the query was typed with).
 * @param {string} text
 * @param {string[]} syllables
 * @param {number} [length]
 * @returns {Segment[]}
 */
export function excerptSegments(text, syllables, length = 30) {
  const tokens = tokenize(text);
  if (!tokens.length) return [];
  const folded = syllables.map(foldAll);
  const wanted = new Set(folded);
  let at = findPhrase(tokens, syllables.map(toneKey), "exact");
  if (at < 0) at = findPhrase(tokens, folded, "folded");
  if (at < 0)
    at = Math.max(
      0,
      tokens.findIndex((t) => wanted.has(t.folded)),
    );
  const first = Math.max(0, Math.min(at - Math.floor(length / 4), tokens.length - length));
  const last = Math.min(tokens.length, first + length) - 1;
  const from = first === 0 ? 0 : /** @type {Token} */ (tokens[first]).start;
  const to = last === tokens.length - 1 ? text.length : /** @type {Token} */ (tokens[last]).end;
  /** @type {Segment[]} */
  const segments = [];
  let cursor = from;
  for (const token of tokens.slice(first, last + 1)) {
    if (!wanted.has(token.folded)) continue;
    if (token.start > cursor) segments.push({ text: text.slice(cursor, token.start), mark: false });
    segments.push({ text: text.slice(token.start, token.end), mark: true });
    cursor = token.end;
  }
  if (to > cursor) segments.push({ text: text.slice(cursor, to), mark: false });
  if (first > 0) segments.unshift({ text: "… ", mark: false });
  if (to < text.length) segments.push({ text: " …", mark: false });
  return segments;
}
