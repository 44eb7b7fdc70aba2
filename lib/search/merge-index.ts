/**
 * Merges Pagefind bundles built from disjoint sets of pages into one bundle, as if Pagefind had
 * indexed all the pages at once.
 *
 * Why: Pagefind keeps a whole index in memory (about 360 KB per article page: 3.5 GB at 10,000
 * articles, ~35 GB at 100,000) and builds it on one core after the last page. Indexing in parts of a
 * thousand pages bounds its memory whatever the size of the archive, and lets each part be written
 * while the next pages render; this merge then streams the parts' word lists side by side (one chunk
 * of each part in memory at a time) into one index. Readers get one bundle, exactly as before: the
 * same files, chunk sizes and scoring (word frequencies are over the whole site again), unlike
 * Pagefind's own multisite merging, which would make every query fetch every part's files.
 *
 * What changes in the merge: page numbers are offset part by part; meta-field locations are
 * renumbered into the union of the parts' meta fields; sort orders are merged by their values
 * (which Pagefind does not store, so the caller passes them); fragments may drop meta fields that are
 * for the index only (our hidden đ-folded copy), which readers would otherwise download.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  compareBytes,
  decodeMeta,
  encodeCbor,
  encodeMeta,
  pack,
  pagefindHash,
  PAGEFIND_FORMAT,
  readCbor,
  unpack,
  type BundleEntry,
  type FilterIndex,
  type MetaIndex,
  type PackedPage,
  type PackedVariant,
  type PackedWord,
  type WordIndex,
} from "./pagefind-format.ts";

/** Pagefind's chunk size: a chunk is closed once its words hold this many locations (pages counted as one). */
const CHUNK_LOCATIONS = 20_000;

export interface MergeOptions {
  /** Sort values of each page by URL (`data-pagefind-sort`), needed to merge the parts' sort orders. */
  readonly sortValues?: (url: string, key: string) => string | undefined;
  /** Meta fields to remove from the fragments readers download (still searchable: the index keeps them). */
  readonly dropMetaFields?: readonly string[];
}

export interface MergeSummary {
  readonly pages: number;
  readonly chunks: number;
}

/**
 * Merges the bundles in `partDirs` (each written by Pagefind from its own pages, same version and
 * language) into a new bundle at `outputPath`. The output folder must not hold another bundle.
 */
export async function mergeBundles(
  partDirs: readonly string[],
  outputPath: string,
  options: MergeOptions = {},
): Promise<MergeSummary> {
  if (partDirs.length === 0) throw new Error("mergeBundles: no parts");
  const entries = await Promise.all(
    partDirs.map(
      async (dir) => JSON.parse(await readFile(path.join(dir, "pagefind-entry.json"), "utf8")) as BundleEntry,
    ),
  );
  for (const [i, entry] of entries.entries()) {
    if (entry.version !== PAGEFIND_FORMAT) {
      throw new Error(`${partDirs[i]}: Pagefind ${entry.version}, merge reads only ${PAGEFIND_FORMAT}`);
    }
  }
  const languages = [...new Set(entries.flatMap((entry) => Object.keys(entry.languages)))].sort();

  await mkdir(path.join(outputPath, "fragment"), { recursive: true });
  await mkdir(path.join(outputPath, "index"), { recursive: true });
  await mkdir(path.join(outputPath, "filter"), { recursive: true });
  // The library, worker and wasm are the same in every part.
  for (const file of await readdir(partDirs[0]!, { withFileTypes: true })) {
    if (file.isFile() && !file.name.endsWith(".pf_meta") && file.name !== "pagefind-entry.json") {
      await copyFile(path.join(partDirs[0]!, file.name), path.join(outputPath, file.name));
    }
  }

  const entry: BundleEntry = { ...entries[0]!, languages: {} };
  let pages = 0;
  let chunks = 0;
  for (const language of languages) {
    const parts = partDirs
      .map((dir, i) => ({ dir, language: entries[i]!.languages[language] }))
      .filter((part): part is { dir: string; language: BundleEntry["languages"][string] } => !!part.language);
    const merged = await mergeLanguage(language, parts, outputPath, options);
    entry.languages[language] = {
      hash: merged.hash,
      wasm: parts[0]!.language.wasm,
      page_count: merged.pages,
    };
    pages += merged.pages;
    chunks += merged.chunks;
  }
  await writeFile(path.join(outputPath, "pagefind-entry.json"), JSON.stringify(entry));
  return { pages, chunks };
}

interface Part {
  readonly dir: string;
  readonly meta: MetaIndex;
  /** Number of the part's first page in the merged index. */
  readonly offset: number;
  /** The part's meta-field numbers in the merged field list. */
  readonly fields: readonly number[];
}

async function mergeLanguage(
  language: string,
  sources: readonly { dir: string; language: { hash: string } }[],
  outputPath: string,
  options: MergeOptions,
): Promise<{ hash: string; pages: number; chunks: number }> {
  const metas = await Promise.all(
    sources.map(async ({ dir, language: { hash } }) => {
      const file = path.join(dir, `pagefind.${hash}.pf_meta`);
      return decodeMeta(unpack(await readFile(file), file), file);
    }),
  );
  const metaFields = [...new Set(metas.flatMap((meta) => meta.metaFields))].sort(compareBytes);
  let offset = 0;
  const parts: Part[] = metas.map((meta, i) => {
    const part = {
      dir: sources[i]!.dir,
      meta,
      offset,
      fields: meta.metaFields.map((field) => metaFields.indexOf(field)),
    };
    offset += meta.pages.length;
    return part;
  });

  const names = new ShortNames(language);
  const fragments = await mergeFragments(parts, outputPath, names.scope(7), options);
  const filters = await mergeFilters(parts, outputPath, names.scope(7));
  const chunks = await mergeWords(parts, outputPath, names.scope(7));
  const sorts = mergeSorts(parts, fragments.urls, options);

  const meta: MetaIndex = {
    version: PAGEFIND_FORMAT,
    pages: fragments.pages,
    chunks,
    filters,
    sorts,
    metaFields,
  };
  const body = encodeMeta(meta);
  const hash = `${language}_${pagefindHash(body).slice(0, 10)}`;
  await writeFile(path.join(outputPath, `pagefind.${hash}.pf_meta`), pack(body));
  return { hash, pages: offset, chunks: chunks.length };
}

/**
 * Pagefind's file names: the first 7 characters of the content hash, one more for as long as another
 * file of the same kind already has that name with other content (Pagefind's own rule, per build).
 */
class ShortNames {
  constructor(private readonly language: string) {}

  scope(length: number): (hash: string) => string {
    const taken = new Map<string, string>();
    return (hash) => {
      let size = length;
      for (;;) {
        const short = hash.slice(0, size);
        const holder = taken.get(short);
        if (holder === undefined || holder === hash || size >= hash.length) {
          taken.set(short, hash);
          return `${this.language}_${short}`;
        }
        size++;
      }
    };
  }
}

async function mergeFragments(
  parts: readonly Part[],
  outputPath: string,
  name: (hash: string) => string,
  options: MergeOptions,
): Promise<{ pages: MetaIndex["pages"]; urls: string[] }> {
  const drop = options.dropMetaFields ?? [];
  const pages: MetaIndex["pages"] = [];
  const urls: string[] = [];
  for (const part of parts) {
    for (const [hash, wordCount, extra] of part.meta.pages) {
      const file = path.join(part.dir, "fragment", `${hash}.pf_fragment`);
      const original = await readFile(file);
      let json = unpack(original, file);
      const fragment = JSON.parse(Buffer.from(json).toString("utf8")) as {
        url: string;
        meta?: Record<string, unknown>;
      };
      let rewritten = false;
      for (const field of drop) {
        if (fragment.meta && field in fragment.meta) {
          delete fragment.meta[field];
          rewritten = true;
        }
      }
      if (rewritten) json = Buffer.from(JSON.stringify(fragment));
      const short = name(pagefindHash(json));
      const target = path.join(outputPath, "fragment", `${short}.pf_fragment`);
      await writeFile(target, rewritten ? pack(json) : original);
      pages.push([short, wordCount, extra]);
      urls.push(fragment.url);
    }
  }
  return { pages, urls };
}

async function mergeFilters(
  parts: readonly Part[],
  outputPath: string,
  name: (hash: string) => string,
): Promise<MetaIndex["filters"]> {
  const filters = new Map<string, Map<string, number[]>>();
  for (const part of parts) {
    for (const [filter, hash] of part.meta.filters) {
      const [, values] = await readCbor<FilterIndex>(path.join(part.dir, "filter", `${hash}.pf_filter`));
      let merged = filters.get(filter);
      if (!merged) filters.set(filter, (merged = new Map()));
      for (const [value, pages] of values) {
        let list = merged.get(value);
        if (!list) merged.set(value, (list = []));
        for (const page of pages) list.push(page + part.offset);
      }
    }
  }
  const written: MetaIndex["filters"] = [];
  for (const [filter, values] of filters) {
    const body = encodeCbor([filter, [...values]] satisfies FilterIndex);
    const short = name(pagefindHash(body));
    await writeFile(path.join(outputPath, "filter", `${short}.pf_filter`), pack(body));
    written.push([filter, short]);
  }
  return written;
}

/** Reads one part's words in order, a chunk at a time. */
class WordCursor {
  private chunk = -1;
  private words: PackedWord[] = [];
  private next = 0;

  constructor(readonly part: Part) {}

  /** The current word, or undefined when the part has no more. */
  async peek(): Promise<PackedWord | undefined> {
    while (this.next >= this.words.length) {
      this.chunk++;
      const chunk = this.part.meta.chunks[this.chunk];
      if (!chunk) return undefined;
      [this.words] = await readCbor<WordIndex>(path.join(this.part.dir, "index", `${chunk[2]}.pf_index`));
      this.next = 0;
    }
    return this.words[this.next];
  }

  advance(): void {
    this.next++;
  }
}

async function mergeWords(
  parts: readonly Part[],
  outputPath: string,
  name: (hash: string) => string,
): Promise<MetaIndex["chunks"]> {
  const cursors = parts.map((part) => new WordCursor(part));
  const chunks: MetaIndex["chunks"] = [];
  let chunk: PackedWord[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    const body = encodeCbor([chunk] satisfies WordIndex);
    const short = name(pagefindHash(body));
    await writeFile(path.join(outputPath, "index", `${short}.pf_index`), pack(body));
    chunks.push([chunk[0]![0], chunk.at(-1)![0], short]);
    chunk = [];
    size = 0;
  };

  for (;;) {
    let word: string | undefined;
    const current = await Promise.all(cursors.map((cursor) => cursor.peek()));
    for (const packed of current) {
      if (packed && (word === undefined || compareBytes(packed[0], word) < 0)) word = packed[0];
    }
    if (word === undefined) break;
    const same: [PackedWord, Part][] = [];
    current.forEach((packed, i) => {
      if (packed && packed[0] === word) {
        same.push([packed, cursors[i]!.part]);
        cursors[i]!.advance();
      }
    });
    const merged = mergeWord(word, same);
    chunk.push(merged);
    size += locationCount(merged);
    if (size >= CHUNK_LOCATIONS) await flush();
  }
  if (chunk.length) await flush();

  shortenChunkBounds(chunks);
  return chunks;
}

function mergeWord(word: string, sources: readonly [PackedWord, Part][]): PackedWord {
  const pages: PackedPage[] = [];
  const variants = new Map<string, PackedPage[]>();
  for (const [[, wordPages, wordVariants], part] of sources) {
    for (const page of wordPages) pages.push(renumber(page, part));
    for (const [variant, variantPages] of wordVariants) {
      let list = variants.get(variant);
      if (!list) variants.set(variant, (list = []));
      for (const page of variantPages) list.push(renumber(page, part));
    }
  }
  return [word, pages, [...variants].map(([variant, list]): PackedVariant => [variant, list])];
}

function renumber([page, locs, metaLocs]: PackedPage, part: Part): PackedPage {
  return [
    page + part.offset,
    locs,
    metaLocs.map((loc) => (loc < 0 ? -(part.fields[-loc - 1]! + 1) : loc)),
  ];
}

/** What Pagefind counts towards a chunk's size: every location, and one per page listed. */
function locationCount([, pages, variants]: PackedWord): number {
  let count = 0;
  for (const [, locs, metaLocs] of pages) count += locs.length + metaLocs.length + 1;
  for (const [, variantPages] of variants) {
    for (const [, locs, metaLocs] of variantPages) count += locs.length + metaLocs.length + 1;
  }
  return count;
}

/**
 * Neighbouring chunks are told apart by their shortest distinguishing prefixes, as Pagefind does;
 * a chunk whose shortened end would sort before its own start keeps its last word.
 */
export function shortenChunkBounds(chunks: [from: string, to: string, hash: string][]): void {
  for (let i = 0; i + 1 < chunks.length; i++) {
    const [to, from] = distinguishingPrefixes(chunks[i]![1], chunks[i + 1]![0]);
    if (compareBytes(to, chunks[i]![0]) >= 0) chunks[i]![1] = to;
    chunks[i + 1]![0] = from;
  }
}

/**
 * The shortest prefixes that still tell the last word of one chunk from the first of the next
 * (one character past their common prefix).
 * @example distinguishingPrefixes("apple", "apricot") // ["app", "apr"]
 */
export function distinguishingPrefixes(last: string, first: string): [string, string] {
  const a = [...last];
  const b = [...first];
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [a.slice(0, common + 1).join(""), b.slice(0, common + 1).join("")];
}

function mergeSorts(parts: readonly Part[], urls: readonly string[], options: MergeOptions): MetaIndex["sorts"] {
  const keys = [...new Set(parts.flatMap((part) => part.meta.sorts.map(([key]) => key)))];
  if (keys.length && parts.length > 1 && !options.sortValues) {
    throw new Error(`mergeBundles: sort values are needed to merge the sort orders ${keys.join(", ")}`);
  }
  return keys.map((key) => {
    const lists = parts.map((part) =>
      (part.meta.sorts.find(([name]) => name === key)?.[1] ?? []).map((page) => page + part.offset),
    );
    if (lists.length === 1) return [key, lists[0]!];
    const value = (page: number): string => {
      const found = options.sortValues!(urls[page]!, key);
      if (found === undefined) throw new Error(`mergeBundles: no sort value "${key}" for ${urls[page]}`);
      return found;
    };
    const all = lists.flat();
    const numeric = all.every((page) => value(page).trim() !== "" && Number.isFinite(Number(value(page))));
    const compare = numeric
      ? (a: number, b: number) => Number(value(a)) - Number(value(b))
      : (a: number, b: number) => compareBytes(value(a), value(b));
    // Each part's list is already in order; a stable sort keeps its order among equal values.
    return [key, all.sort((a, b) => compare(a, b))];
  });
}
