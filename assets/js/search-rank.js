/**
 * Vietnamese query handling and result ranking for the search page, shared by the browser script and
 * the unit tests (plain ES module, no dependencies).
 *
 * Why a layer over Pagefind: Pagefind folds tone marks but keeps `đ` apart from `d`, drops query words
 * that match nothing, and prefix-matches the last word ("bộ" lights up "bồi"). Vietnamese words are
 * several syllables ("đào tạo", "Phú Ninh"), so a query is a phrase: pages with the phrase come first,
 * pages with every syllable next, and pages missing a syllable not at all. A syllable counts as found
 * where the text has it with every mark the reader typed: "dang" finds "Đảng" and "đăng", "Đảng" only
 * "Đảng"; a quoted phrase must stand in the text as typed.
 */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ALL_MARKS = /[\u0300-\u036f]/g;
/**
 * A syllable: a run of letters (with their marks) or a run of digits. Codes split into their parts,
 * as Pagefind indexes them ("ĐT609" → ĐT 609, "42/2022/NĐ-CP" → 42 2022 NĐ CP), so a code is found
 * however it is spaced, cased or marked.
 */
const WORD = /[\p{L}\p{M}]+|\p{N}+/gu;
/** A quoted part of a query; an unclosed quote runs to the end (the reader is still typing). */
const QUOTED = /["“”„]([^"“”„]*)(?:["“”]|$)/g;

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
  const { base, tone } = keys(word);
  return base + tone;
}

/**
 * @typedef {object} Keys comparison keys of a syllable
 * @property {string} folded every mark removed, đ → d, lower-case
 * @property {string} base lower-case NFC without the tone mark (vowel marks and đ kept)
 * @property {string} tone the tone mark, wherever it was placed, or ""
 */

/**
 * @param {string} word
 * @returns {Keys}
 */
function keys(word) {
  const decomposed = word.normalize("NFD").toLowerCase();
  const tone = (decomposed.match(TONE_MARKS) ?? []).join("");
  return { folded: foldAll(word), base: decomposed.replace(TONE_MARKS, "").normalize("NFC"), tone };
}

/**
 * Whether a word of the text is the syllable the reader typed: the same letters, with every mark the
 * reader typed (tone, vowel marks, đ) and any the reader left out. "dang" is "Đảng" and "đăng";
 * "Đảng" is not "đăng", "đào" is not "đạo"; "hòa" is "hoà".
 * @param {string} typed
 * @param {string} word
 * @returns {boolean}
 */
export function matchesTyped(typed, word) {
  return typedMatch(keys(typed), keys(word));
}

/**
 * @param {Keys} typed
 * @param {Keys} word
 */
function typedMatch(typed, word) {
  if (typed.folded !== word.folded || (typed.tone && typed.tone !== word.tone)) return false;
  if (typed.base === typed.folded) return true;
  if (typed.base.length !== word.base.length) return typed.base === word.base;
  for (let i = 0; i < typed.base.length; i++) {
    const letter = /** @type {string} */ (typed.base[i]);
    const other = /** @type {string} */ (word.base[i]);
    if (letter !== other && letter !== foldAll(other)) return false;
  }
  return true;
}

/**
 * @param {Keys} typed
 * @param {Keys} word
 */
const foldedMatch = (typed, word) => typed.folded === word.folded;

/**
 * The syllables of a text, NFC, without punctuation or quotes.
 * @param {string} query
 * @returns {string[]}
 */
export function querySyllables(query) {
  return query.normalize("NFC").match(WORD) ?? [];
}

/**
 * @typedef {object} Query a query as the reader meant it
 * @property {string} text the query, NFC
 * @property {string[]} syllables every syllable, in order
 * @property {string[]} quoted the text of each quoted phrase
 * @property {string[][]} phrases the syllables of each quoted phrase, which results must contain
 * @property {string[]} words the syllables outside quotes
 */

/**
 * Reads a query: its syllables, and the phrases the reader put in quotes ("…", “…”).
 * @param {string} query
 * @returns {Query}
 * @example parseQuery('"đào tạo" nghề') // { syllables: ["đào", "tạo", "nghề"], phrases: [["đào", "tạo"]], words: ["nghề"], … }
 */
export function parseQuery(query) {
  const text = query.normalize("NFC");
  const quoted = [...text.matchAll(QUOTED)]
    .map((match) => match[1] ?? "")
    .filter((q) => querySyllables(q).length);
  return {
    text,
    syllables: querySyllables(text),
    quoted,
    phrases: quoted.map(querySyllables),
    words: querySyllables(text.replace(QUOTED, " ")),
  };
}

/**
 * The words of a query as typed: split at spaces and quotes, punctuation around them dropped, lower
 * case, with đ written as ḏ as in the index (lib/search/d-stroke.ts). Pagefind files "ḏảng" under
 * "dang", so "dang" finds it; "đảng" reaches it as the exact spelling, tone marks and all.
 * @param {string} text
 * @returns {string[]}
 */
function typedTerms(text) {
  return text
    .normalize("NFC")
    .split(/[\s"“”„]+/)
    .map((term) => term.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu, ""))
    .filter(Boolean)
    .map((term) => term.toLowerCase().replace(/đ/g, "ḏ"));
}

/**
 * The parts of a code as Pagefind indexes them ("ḏt609" → ḏt 609; "42/2022/nḏ-cp" → 42 2022 nḏ cp),
 * or the term alone when it has one part or a part of one character, which Pagefind does not index
 * ("ḏh5" has "ḏh5" and "ḏh" but no "5").
 * @param {string} term
 * @returns {string[]}
 */
function codeParts(term) {
  const parts = querySyllables(term);
  return parts.length > 1 && parts.every((part) => part.length > 1) ? parts : [term];
}

/**
 * The words of a query sent to Pagefind: a code in its parts where Pagefind has them, so the code is
 * found whether the text joins it ("ĐT609": Pagefind indexes the word and its parts in one place) or
 * spaces it ("ĐT 609").
 * @param {string} text
 * @returns {string[]}
 */
export function pagefindTerms(text) {
  return typedTerms(text).flatMap(codeParts);
}

/**
 * The words with a short run of letters and the number after it joined, as a code is usually written
 * ("ḏt 609" → "ḏt609", "ql 1a" stays: "1a" is not a number).
 * @param {string[]} terms
 * @returns {string[]}
 */
function joinedCodes(terms) {
  /** @type {string[]} */
  const joined = [];
  for (const term of terms) {
    const previous = joined[joined.length - 1];
    if (previous && /^\p{L}{1,3}$/u.test(previous) && /^\d{1,4}$/.test(term))
      joined[joined.length - 1] += term;
    else joined.push(term);
  }
  return joined;
}

/**
 * @typedef {object} PagefindSearches what the page asks Pagefind for one query
 * @property {string} plain the plain search, whose results and scores are the candidates
 * @property {string[]} phrase the whole query as a phrase, to put pages holding it first: with its
 *   codes joined and in parts, since a joined code is one place to Pagefind ("ḏt609") and a spaced
 *   one two ("ḏt 609")
 * @property {string[][][]} required what a page must match: each word exactly (Pagefind drops words
 *   that match nothing and prefix-matches the last one: "bộ" would find "bồi") and each phrase the
 *   reader quoted. Each requirement lists alternatives, and an alternative the searches whose results
 *   a page must all be in: a code whole (`"ḏh5"`; "1250/QĐ-UBND" is the word "1250qḏubnd" to
 *   Pagefind) or by its parts (`"qḏ"` and `"ubnd"`).
 */

/**
 * The Pagefind searches for a query (all served by the same index chunks).
 * @param {Query} query
 * @param {boolean} relevance whether results are ordered by relevance (else the phrase is not needed)
 * @returns {PagefindSearches}
 * @example pagefindSearches(parseQuery('"đào tạo" nghề'), true)
 *   // { plain: "ḏào tạo nghề", phrase: ['"ḏào tạo nghề"'], required: [[['"ḏào"']], [['"tạo"']], [['"nghề"']], [['"ḏào tạo"']]] }
 */
export function pagefindSearches(query, relevance) {
  const terms = pagefindTerms(query.text);
  /** @param {string} term */
  const exactly = (term) => {
    const parts = querySyllables(term).map((part) => part.toLowerCase());
    return parts.length > 1 ? [[`"${term}"`], parts.map((part) => `"${part}"`)] : [[`"${term}"`]];
  };
  /** @param {string} quoted */
  const phrase = (quoted) => {
    const whole = typedTerms(quoted).join(" ");
    const split = pagefindTerms(quoted).join(" ");
    return whole === split ? [[`"${whole}"`]] : [[`"${whole}"`], [`"${split}"`]];
  };
  return {
    plain: terms.join(" "),
    phrase:
      relevance && terms.length > 1
        ? [...new Set([joinedCodes(typedTerms(query.text)), terms].map((words) => `"${words.join(" ")}"`))]
        : [],
    required: [
      ...typedTerms(query.text).map(exactly),
      ...query.quoted.filter((quoted) => pagefindTerms(quoted).length > 1).map(phrase),
    ],
  };
}

/**
 * @typedef {Keys & { start: number, end: number }} Token a word of a text with its offsets
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
    tokens.push({ start, end: start + match[0].length, ...keys(match[0]) });
  }
  return tokens;
}

/**
 * Positions where the syllables stand together in the text.
 * @param {Token[]} tokens
 * @param {Keys[]} wanted
 * @param {(typed: Keys, word: Keys) => boolean} same
 * @returns {number[]}
 */
function phrasePositions(tokens, wanted, same) {
  const found = [];
  outer: for (let i = 0; i + wanted.length <= tokens.length; i++) {
    for (let j = 0; j < wanted.length; j++)
      if (!same(/** @type {Keys} */ (wanted[j]), /** @type {Token} */ (tokens[i + j]))) continue outer;
    found.push(i);
  }
  return found;
}

/** Match tiers, best first. */
export const TIER = Object.freeze({ EXACT_PHRASE: 0, PHRASE: 1, EXACT_WORDS: 2, WORDS: 3, MISSING: 4 });

/**
 * How well a text answers the query: the phrase as typed (every typed mark), the phrase ignoring
 * marks, every syllable as typed, every syllable ignoring marks, or not at all (a syllable missing,
 * or a quoted phrase not in the text as typed).
 * @param {string} text
 * @param {Query} query
 * @returns {number} one of TIER
 */
export function matchTier(text, query) {
  return matchScore(tokenize(text), query).tier;
}

/**
 * The tier, and for texts without the whole phrase how many neighbouring syllables of the query stand
 * together in the text ("đào tạo … nghề" answers "dao tao nghe" better than "tạo … nghề … đào").
 * @param {Token[]} tokens
 * @param {Query} query
 * @returns {{ tier: number, pairs: number }}
 */
function matchScore(tokens, query) {
  const typed = query.syllables.map(keys);
  const missing = { tier: TIER.MISSING, pairs: 0 };
  if (!typed.length) return missing;
  if (query.phrases.some((phrase) => !phrasePositions(tokens, phrase.map(keys), typedMatch).length))
    return missing;
  if (phrasePositions(tokens, typed, typedMatch).length) return { tier: TIER.EXACT_PHRASE, pairs: 0 };
  if (phrasePositions(tokens, typed, foldedMatch).length) return { tier: TIER.PHRASE, pairs: 0 };
  let pairs = 0;
  for (let i = 0; i + 1 < typed.length; i++)
    if (phrasePositions(tokens, typed.slice(i, i + 2), foldedMatch).length) pairs++;
  if (typed.every((k) => tokens.some((t) => typedMatch(k, t)))) return { tier: TIER.EXACT_WORDS, pairs };
  if (typed.every((k) => tokens.some((t) => foldedMatch(k, t)))) return { tier: TIER.WORDS, pairs };
  return missing;
}

/**
 * Stable re-ranking by match tier, then by syllables standing together; items that do not answer the
 * query are dropped.
 * @template T
 * @param {T[]} items in Pagefind's order
 * @param {(item: T) => string} text the searchable text of an item
 * @param {Query} query
 * @returns {T[]}
 */
export function rerank(items, text, query) {
  return items
    .map((item, index) => ({ item, index, ...matchScore(tokenize(text(item)), query) }))
    .filter((entry) => entry.tier !== TIER.MISSING)
    .sort((a, b) => a.tier - b.tier || b.pairs - a.pairs || a.index - b.index)
    .map((entry) => entry.item);
}

/**
 * The pages that meet a requirement of `pagefindSearches`: in every search of one of its alternatives.
 * @param {Set<string>[][]} alternatives per alternative, the ids each of its searches found
 * @returns {Set<string>}
 */
export function meetingIds(alternatives) {
  const met = new Set();
  for (const searches of alternatives)
    for (const id of searches[0] ?? []) if (searches.every((ids) => ids.has(id))) met.add(id);
  return met;
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
 * The article's own text in a Pagefind result: its content without the title Pagefind puts first
 * (the date line is not indexed: `data-pagefind-ignore` in layouts/article.njk).
 * @param {string} content
 * @param {string | undefined} title
 * @returns {string}
 */
export function bodyText(content, title) {
  const text =
    title && content.startsWith(title) ? content.slice(title.length).replace(/^[.:]/, "") : content;
  return text.trim();
}

/**
 * The index of every token to highlight: where the syllables typed outside quotes stand together as
 * typed, those runs only (the "bộ" of "đồng bộ" is not what "can bo" found); otherwise every word
 * matching one of them. And every occurrence of a quoted phrase as a whole (its words alone elsewhere
 * are not what was asked for).
 * @param {Token[]} tokens
 * @param {Query} query
 * @returns {Set<number>}
 */
function markedTokens(tokens, query) {
  const words = query.words.map(keys);
  /** @type {Set<number>} */
  const marked = new Set();
  /** @param {Keys[]} phrase */
  const markRuns = (phrase) => {
    const found = phrasePositions(tokens, phrase, typedMatch);
    for (const at of found) for (let i = at; i < at + phrase.length; i++) marked.add(i);
    return found.length > 0;
  };
  if (words.length < 2 || !markRuns(words))
    tokens.forEach((token, i) => {
      if (words.some((word) => typedMatch(word, token))) marked.add(i);
    });
  for (const phrase of query.phrases) markRuns(phrase.map(keys));
  return marked;
}

/**
 * An excerpt of about `length` words around the best match, split into plain and matched segments:
 * the real words of the text, highlighted where they match the query as typed (with the marks the
 * reader typed, ignoring those left out).
 * @param {string} text
 * @param {Query} query
 * @param {number} [length]
 * @returns {Segment[]}
 */
export function excerptSegments(text, query, length = 30) {
  const tokens = tokenize(text);
  if (!tokens.length) return [];
  const marked = markedTokens(tokens, query);
  const typed = query.syllables.map(keys);
  const at =
    phrasePositions(tokens, typed, typedMatch)[0] ??
    phrasePositions(tokens, (query.phrases[0] ?? []).map(keys), typedMatch)[0] ??
    Math.max(
      0,
      tokens.findIndex((_, i) => marked.has(i)),
    );
  const first = Math.max(0, Math.min(at - Math.floor(length / 4), tokens.length - length));
  const last = Math.min(tokens.length, first + length) - 1;
  const from = first === 0 ? 0 : /** @type {Token} */ (tokens[first]).start;
  const to = last === tokens.length - 1 ? text.length : /** @type {Token} */ (tokens[last]).end;
  /** @type {Segment[]} */
  const segments = [];
  let cursor = from;
  for (let i = first; i <= last; i++) {
    if (!marked.has(i)) continue;
    const token = /** @type {Token} */ (tokens[i]);
    const previous = segments[segments.length - 1];
    // The parts of a code ("ĐT609") are one highlight, not two touching ones.
    if (token.start === cursor && previous?.mark) previous.text += text.slice(token.start, token.end);
    else {
      if (token.start > cursor) segments.push({ text: text.slice(cursor, token.start), mark: false });
      segments.push({ text: text.slice(token.start, token.end), mark: true });
    }
    cursor = token.end;
  }
  if (to > cursor) segments.push({ text: text.slice(cursor, to), mark: false });
  if (first > 0) segments.unshift({ text: "… ", mark: false });
  if (to < text.length) segments.push({ text: " …", mark: false });
  return segments;
}

/**
 * What the page says when nothing matches: what the reader can change. Never "type the diacritics":
 * most readers type without them, and that finds the words.
 * @param {string} query as typed
 * @param {{ filtered: boolean }} state whether a filter narrows the search
 * @returns {string}
 */
export function noResultsMessage(query, { filtered }) {
  const tries = ["gõ ít từ hơn", "dùng từ khác"];
  if (parseQuery(query).phrases.length) tries.push("bỏ dấu ngoặc kép");
  if (filtered) tries.push("bỏ bớt bộ lọc");
  const last = tries.pop();
  return `Không tìm thấy kết quả nào cho “${query}”. Hãy thử ${tries.join(", ")} hoặc ${last}.`;
}
