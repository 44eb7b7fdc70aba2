/**
 * Merges Pagefind bundles built from disjoint sets of pages (partial indexes) into one bundle, as if
 * Pagefind had indexed all the pages at once, or into several bundles split page by page
 * (`MergeOptions.split`), each as if Pagefind had indexed its pages alone.
 *
 * Why: Pagefind keeps a whole index in memory (some hundreds of KB per article page) and builds it on
 * one core after the last page. Partial indexes of a few hundred pages bound its memory whatever the
 * size of the archive, and each can be written while the next pages render; this merge then streams
 * their word lists side by side (one chunk of each in memory at a time) into one index. Readers get
 * the bundle one Pagefind run would give: the same files, chunk sizes and scoring (word frequencies
 * are over all its pages again), unlike Pagefind's own multisite merging, which would make every
 * query fetch every partial index's files.
 *
 * What changes in the merge: page numbers are offset partial index by partial index; meta-field
 * locations are renumbered into the union of their meta fields; sort orders are merged by their
 * values (which Pagefind does not store, so the caller passes them); fragments may be rewritten to
 * undo what was changed in the text for the index only (our đ → ḏ), which readers would otherwise see.
 */
import { constants } from "node:fs";
import {
  copyFile,
  cp,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  writeFile,
  type FileHandle,
} from "node:fs/promises";
import path from "node:path";
import { ARRAY, CborReader, CborWriter, encodeCbor, UNSIGNED } from "./cbor.ts";
import { mapLimit } from "./map-limit.ts";
import type { CachedPage } from "./messages.ts";
import {
  compareBytes,
  decodeMeta,
  encodeMeta,
  pack,
  packAsync,
  gunzipAsync,
  isLibraryFile,
  withoutSignature,
  pagefindHash,
  readCbor,
  unpack,
  WordChunkReader,
  type BundleEntry,
  type FilterIndex,
  type MetaIndex,
  type PackedWord,
} from "./pagefind-format.ts";

/** A cache entry's words: uncompressed CBOR pieces one after another, and their lengths (`store-part.ts`). */
export const WORD_PIECES = { file: "words.cbor", lengths: "words.json" } as const;

/** Pagefind's chunk size: a chunk holds words of at most this many locations (pages counted as one). */
const CHUNK_LOCATIONS = 20_000;

export interface MergeOptions {
  /** Sort values of each page by URL (`data-pagefind-sort`), needed to merge the sort orders. */
  readonly sortValues?: (url: string, key: string) => string | undefined;
  /**
   * A page's fragment (its JSON) as readers should get it, given the page's URL: undoes what was
   * changed in the page's text for the index only (our đ → ḏ, `d-stroke.ts`). Unchanged JSON keeps
   * Pagefind's file as it is.
   */
  readonly restoreFragment?: (url: string, json: string) => string;
  /**
   * Splits the pages into several bundles instead of one, given every page's URL in page order: the
   * bundle of each page (0 is written to the output folder itself, k to its subfolder `folders[k]`).
   * Why: a reader's first query downloads the chunks of its words for every page of the bundle it
   * searches, so the search page searches a bundle of recent pages first (see `tiers.ts`).
   */
  readonly split?: (urls: readonly string[]) => BundleSplit;
  /**
   * Folder of Pagefind's library (script, worker, wasm) when the partial indexes come without it
   * (cache entries, `part-cache.ts`); by default it is taken from the first partial index.
   */
  readonly libraryDir?: string;
}

export interface BundleSplit {
  /** Subfolder of each bundle inside the output folder; the first is `""`, the output folder itself. */
  readonly folders: readonly string[];
  /** For each page, in page order, the number of its bundle. */
  readonly bundleOf: readonly number[];
}

export interface MergeSummary {
  readonly pages: number;
  readonly chunks: number;
  /** Each bundle written, in the order of `BundleSplit.folders` (one when the pages are not split). */
  readonly bundles: readonly { readonly folder: string; readonly pages: number; readonly chunks: number }[];
}

/**
 * A merge fed one partial index at a time: `addPart` takes over its fragments and filters as soon as Pagefind
 * has written it (while the next pages are still rendering), `finish` merges the word lists and
 * writes the metadata. Parts are numbered in the order they are added.
 */
export class BundleMerger {
  private readonly parts: PartialIndex[] = [];
  private readonly urls: string[] = [];
  private readonly pages: MetaIndex["pages"] = [];
  private readonly filters = new Map<string, Map<string, number[]>>();
  private readonly fragmentName: (hash: string) => string;
  private entry: BundleEntry | undefined;
  private language = "";
  private ready: Promise<void> | undefined;
  private emptyPart: string | undefined;

  constructor(
    private readonly outputPath: string,
    private readonly options: MergeOptions = {},
  ) {
    this.fragmentName = shortNames();
  }

  /**
   * Takes in one partial index (one call at a time, in order); its folder must stay until `finish`.
   * `cached` gives its pages' URLs and fragment hashes when its fragments are already as readers get
   * them (a cache entry, `store-part.ts`): they are then copied as they are.
   */
  async addPart(dir: string, cached?: readonly CachedPage[]): Promise<void> {
    const entry = JSON.parse(await readFile(path.join(dir, "pagefind-entry.json"), "utf8")) as BundleEntry;
    if (this.entry && entry.version !== this.entry.version) {
      throw new Error(`${dir}: Pagefind ${entry.version}, the other partial indexes ${this.entry.version}`);
    }
    const languages = Object.keys(entry.languages);
    // A part without pages (a site with no articles yet) has no language and adds nothing.
    if (languages.length === 0) {
      this.emptyPart ??= dir;
      return;
    }
    if (languages.length !== 1 || (this.entry && languages[0] !== this.language)) {
      throw new Error(`${dir}: every part must hold one and the same language (${languages.join(", ")})`);
    }
    if (!this.entry) {
      this.entry = entry;
      this.language = languages[0]!;
      this.ready = this.prepareOutput(dir);
    }
    await this.ready;
    const file = path.join(dir, `pagefind.${entry.languages[this.language]!.hash}.pf_meta`);
    const meta = decodeMeta(unpack(await readFile(file), file), file);
    const pieces = cached
      ? {
          file: path.join(dir, WORD_PIECES.file),
          lengths: JSON.parse(await readFile(path.join(dir, WORD_PIECES.lengths), "utf8")) as number[],
        }
      : undefined;
    const part: PartialIndex = {
      dir,
      meta,
      offset: this.pages.length,
      fields: [],
      sameFields: true,
      ...(pieces && { pieces }),
    };
    this.parts.push(part);
    if (cached) await this.copyFragments(part, cached);
    else await this.takeFragments(part);
    await this.takeFilters(part);
  }

  /** Merges the word lists and writes the filters, metadata and entry file of every bundle. */
  async finish(): Promise<MergeSummary> {
    if (!this.entry && this.emptyPart) {
      // Nothing indexed: Pagefind's own empty bundle is the answer (the search page says "no results").
      await cp(this.emptyPart, this.outputPath, { recursive: true });
      return { pages: 0, chunks: 0, bundles: [{ folder: "", pages: 0, chunks: 0 }] };
    }
    if (!this.entry) throw new Error("BundleMerger: no partial index");
    const language = this.language;
    const metaFields = [...new Set(this.parts.flatMap((part) => part.meta.metaFields))].sort(compareBytes);
    for (const part of this.parts) {
      part.fields = part.meta.metaFields.map((field) => metaFields.indexOf(field));
      part.sameFields = part.fields.every((field, i) => field === i);
    }
    const placement = new BundlePlacement(
      this.options.split?.(this.urls) ?? { folders: [""], bundleOf: this.urls.map(() => 0) },
      this.pages.length,
    );
    await this.placeFragments(placement);
    const chunks = await mergeWords(this.parts, this.outputPath, placement, language);
    const sorts = mergeSorts(this.parts, this.urls, this.options);
    const bundles: MergeSummary["bundles"][number][] = [];
    for (const [bundle, folder] of placement.folders.entries()) {
      const dir = path.join(this.outputPath, folder);
      const members = placement.members[bundle]!;
      const meta: MetaIndex = {
        version: this.entry.version,
        pages: members.map((page) => this.pages[page]!),
        chunks: chunks[bundle]!,
        filters: await this.writeFilters(dir, language, placement, bundle),
        sorts: sorts.map(([key, pages]) => [key, placement.localPages(pages, bundle)]),
        metaFields,
      };
      const body = encodeMeta(meta);
      const hash = `${language}_${pagefindHash(body).slice(0, 10)}`;
      await writeFile(path.join(dir, `pagefind.${hash}.pf_meta`), pack(body));
      const first = this.entry.languages[language]!;
      const entry: BundleEntry = {
        ...this.entry,
        languages: { [language]: { hash, wasm: first.wasm, page_count: members.length } },
      };
      await writeFile(path.join(dir, "pagefind-entry.json"), JSON.stringify(entry));
      bundles.push({ folder, pages: members.length, chunks: meta.chunks.length });
    }
    return { pages: this.pages.length, chunks: chunks.flat().length, bundles };
  }

  /**
   * Gives every bundle after the first its folder with Pagefind's library (so the browser can load it
   * as an index of its own) and moves its pages' fragments there.
   */
  private async placeFragments(placement: BundlePlacement): Promise<void> {
    // Only what the browser loads to search a second index: the library, its worker and the wasm
    // (Pagefind's UI scripts and styles stay in the first bundle, where the page never uses them either).
    const library = (await readdir(this.outputPath, { withFileTypes: true })).filter(
      (file) => file.isFile() && /^(pagefind\.js|pagefind-worker\.js|wasm\..+\.pagefind)$/.test(file.name),
    );
    for (const [bundle, folder] of placement.folders.entries()) {
      if (bundle === 0) continue;
      const dir = path.join(this.outputPath, folder);
      for (const sub of ["fragment", "index", "filter"])
        await mkdir(path.join(dir, sub), { recursive: true });
      for (const file of library)
        await copyFile(path.join(this.outputPath, file.name), path.join(dir, file.name));
      await mapLimit(placement.members[bundle]!, 32, async (page) => {
        const file = `${this.pages[page]![0]}.pf_fragment`;
        await rename(path.join(this.outputPath, "fragment", file), path.join(dir, "fragment", file));
      });
    }
  }

  private async prepareOutput(firstPart: string): Promise<void> {
    for (const folder of ["fragment", "index", "filter"]) {
      await mkdir(path.join(this.outputPath, folder), { recursive: true });
    }
    // The library, worker and wasm are the same in every partial index.
    const from = this.options.libraryDir ?? firstPart;
    for (const file of await readdir(from, { withFileTypes: true })) {
      if (file.isFile() && isLibraryFile(file.name)) {
        await copyFile(path.join(from, file.name), path.join(this.outputPath, file.name));
      }
    }
  }

  /**
   * Moves the part's fragments into the bundle (renamed only when two differ under one short hash),
   * restored for readers (`MergeOptions.restoreFragment`). Reading, gzip and hashing of fragments run
   * a few dozen at a time: zlib works on libuv's threads, so most of it happens off the rendering
   * thread.
   */
  private async takeFragments(part: PartialIndex): Promise<void> {
    const restore = this.options.restoreFragment;
    const taken = await mapLimit(part.meta.pages, 32, async ([hash]) => {
      const file = path.join(part.dir, "fragment", `${hash}.pf_fragment`);
      const original = await readFile(file);
      const json = withoutSignature(await gunzipAsync(original), file);
      const text = Buffer.from(json).toString("utf8");
      const { url } = JSON.parse(text) as { url: string };
      const restored = restore ? restore(url, text) : text;
      if (restored === text) return { url, hash: pagefindHash(json), file: original };
      const bytes = Buffer.from(restored);
      return { url, hash: pagefindHash(bytes), file: await packAsync(bytes) };
    });
    // Names are given in page order, so they do not depend on which read finished first.
    const writes = taken.map(({ url, hash, file }, i) => {
      const [, wordCount, extra] = part.meta.pages[i]!;
      const name = `${this.language}_${this.fragmentName(hash)}`;
      this.pages.push([name, wordCount, extra]);
      this.urls.push(url);
      return { name, file };
    });
    await mapLimit(writes, 32, ({ name, file }) =>
      writeFile(path.join(this.outputPath, "fragment", `${name}.pf_fragment`), file),
    );
  }

  /** Copies the fragments of a cache entry under their names in the bundle. */
  private async copyFragments(part: PartialIndex, cached: readonly CachedPage[]): Promise<void> {
    if (cached.length !== part.meta.pages.length) {
      throw new Error(
        `${part.dir}: the manifest lists ${cached.length} pages, the index ${part.meta.pages.length}`,
      );
    }
    const copies = part.meta.pages.map(([fragment, wordCount, extra], i) => {
      const { url, hash } = cached[i]!;
      const name = `${this.language}_${this.fragmentName(hash)}`;
      this.pages.push([name, wordCount, extra]);
      this.urls.push(url);
      return { from: path.join(part.dir, "fragment", `${fragment}.pf_fragment`), name };
    });
    // A copy (a clone where the file system has them), never a link: the cache outlives the output,
    // and neither may change through the other.
    await mapLimit(copies, 32, ({ from, name }) =>
      copyFile(
        from,
        path.join(this.outputPath, "fragment", `${name}.pf_fragment`),
        constants.COPYFILE_FICLONE,
      ),
    );
  }

  private async takeFilters(part: PartialIndex): Promise<void> {
    for (const [filter, hash] of part.meta.filters) {
      const [, values] = await readCbor<FilterIndex>(path.join(part.dir, "filter", `${hash}.pf_filter`));
      let merged = this.filters.get(filter);
      if (!merged) this.filters.set(filter, (merged = new Map()));
      for (const [value, pages] of values) {
        let list = merged.get(value);
        if (!list) merged.set(value, (list = []));
        for (const page of pages) list.push(page + part.offset);
      }
    }
  }

  private async writeFilters(
    dir: string,
    language: string,
    placement: BundlePlacement,
    bundle: number,
  ): Promise<MetaIndex["filters"]> {
    const name = shortNames();
    const written: MetaIndex["filters"] = [];
    for (const [filter, values] of this.filters) {
      const kept: [string, number[]][] = [];
      for (const [value, pages] of values) {
        const local = placement.localPages(pages, bundle);
        if (local.length) kept.push([value, local]);
      }
      if (!kept.length) continue;
      const body = encodeCbor([filter, kept] satisfies FilterIndex);
      const short = `${language}_${name(pagefindHash(body))}`;
      await writeFile(path.join(dir, "filter", `${short}.pf_filter`), pack(body));
      written.push([filter, short]);
    }
    return written;
  }
}

/** The page-to-bundle map: which bundle each merged page goes to, and its page number there. */
class BundlePlacement {
  readonly folders: readonly string[];
  readonly bundleOf: readonly number[];
  /** Page number of each merged page inside its bundle. */
  readonly localOf: Int32Array;
  /** The merged page numbers of each bundle, in order. */
  readonly members: number[][];

  constructor(split: BundleSplit, pageCount: number) {
    if (split.folders[0] !== "" || split.bundleOf.length !== pageCount) {
      throw new Error("BundleMerger: the split must name the output folder first and place every page");
    }
    this.folders = split.folders;
    this.bundleOf = split.bundleOf;
    this.localOf = new Int32Array(pageCount);
    this.members = split.folders.map(() => []);
    split.bundleOf.forEach((bundle, page) => {
      const members = this.members[bundle];
      if (!members)
        throw new Error(`BundleMerger: page ${page} is placed in bundle ${bundle}, which has no folder`);
      this.localOf[page] = members.length;
      members.push(page);
    });
    const empty = this.members.findIndex((members) => members.length === 0);
    if (empty >= 0) throw new Error(`BundleMerger: bundle "${split.folders[empty]}" would hold no page`);
  }

  /** The pages of `pages` (merged numbers, in order) that belong to `bundle`, as its own numbers. */
  localPages(pages: readonly number[], bundle: number): number[] {
    const local: number[] = [];
    for (const page of pages) if (this.bundleOf[page] === bundle) local.push(this.localOf[page]!);
    return local;
  }
}

interface PartialIndex {
  readonly dir: string;
  readonly meta: MetaIndex;
  /** Number of the part's first page in the merged index. */
  readonly offset: number;
  /** The part's meta-field numbers in the merged field list (set by `finish`). */
  fields: number[];
  /** Whether `fields` numbers every field as the part does, so its meta locations are kept as they are. */
  sameFields: boolean;
  /** A cache entry's word pieces (`WORD_PIECES`), read instead of Pagefind's chunks. */
  readonly pieces?: { readonly file: string; readonly lengths: readonly number[] };
}

/**
 * Pagefind's file names: the first 7 characters of the content hash, one more for as long as another
 * file of the same kind already has that name with other content (Pagefind's own rule, per build).
 */
function shortNames(length = 7): (hash: string) => string {
  const taken = new Map<string, string>();
  return (hash) => {
    let size = length;
    for (;;) {
      const short = hash.slice(0, size);
      const holder = taken.get(short);
      if (holder === undefined || holder === hash || size >= hash.length) {
        taken.set(short, hash);
        return short;
      }
      size++;
    }
  };
}

/**
 * Reads one part's words in order, a chunk at a time; the next chunk is read and unzipped (on
 * libuv's threads) while the current one is merged. Each word is read when it is reached, and its
 * pages when it is merged (`mergeWord`), which must happen before `advance`.
 */
class WordCursor {
  private chunk = -1;
  private words: WordChunkReader | undefined;
  private word: string | undefined;
  private ahead: Promise<Uint8Array> | undefined;
  /** A cache entry's pieces file, open while its pieces are read one after another. */
  private file: Promise<FileHandle> | undefined;
  private offset = 0;

  constructor(
    readonly part: PartialIndex,
    /** The partial index's place in the merge: equal words are merged in this order. */
    readonly order: number,
  ) {
    this.ahead = this.read(0);
  }

  /** The current word without waiting, when its chunk is read already. */
  get ready(): string | undefined {
    return this.word;
  }

  /** The current word, or undefined when the part has no more. */
  async peek(): Promise<string | undefined> {
    while (this.word === undefined) {
      const reading = this.ahead;
      if (!reading) return undefined;
      this.chunk++;
      this.ahead = this.read(this.chunk + 1);
      const bytes = await reading;
      try {
        this.words = new WordChunkReader(bytes);
        this.word = this.words.next();
      } catch (error) {
        throw this.failure(error);
      }
    }
    return this.word;
  }

  /** The reader, at the current word's page list (its variants follow). */
  pages(): CborReader {
    return this.words!.reader;
  }

  /** Moves to the next word of the chunk, once the current one's pages have been read. */
  advance(): void {
    try {
      this.word = this.words!.next();
    } catch (error) {
      throw this.failure(error);
    }
  }

  /** An error in reading the current chunk, naming it (its file and piece). */
  failure(error: unknown): Error {
    return new Error(`${this.source(this.chunk)}: ${(error as Error).message}`);
  }

  /** The file (and piece) of a chunk, as errors name it. */
  private source(chunk: number): string {
    const pieces = this.part.pieces;
    if (pieces) return `${pieces.file} (piece ${chunk})`;
    return path.join(this.part.dir, "index", `${this.part.meta.chunks[chunk]![2]}.pf_index`);
  }

  private read(chunk: number): Promise<Uint8Array> | undefined {
    const pieces = this.part.pieces;
    if (pieces) {
      const length = pieces.lengths[chunk];
      if (length === undefined) return undefined;
      const offset = this.offset;
      this.offset += length;
      this.file ??= open(pieces.file);
      const last = chunk === pieces.lengths.length - 1;
      return this.deferFailure(
        this.file.then(async (handle) => {
          const { buffer } = await handle.read(Buffer.alloc(length), 0, length, offset);
          if (last) await handle.close();
          return buffer;
        }),
      );
    }
    if (!this.part.meta.chunks[chunk]) return undefined;
    const file = this.source(chunk);
    return this.deferFailure(
      readFile(file).then(async (packed) => withoutSignature(await gunzipAsync(packed), file)),
    );
  }

  /** Read ahead of need: a failure surfaces when the chunk is reached, not as an unhandled rejection. */
  private deferFailure(body: Promise<Uint8Array>): Promise<Uint8Array> {
    body.catch(() => undefined);
    return body;
  }
}

/** A binary min-heap of word cursors by their current word, in Pagefind's byte order. */
class CursorHeap {
  private readonly items: WordCursor[] = [];

  get top(): WordCursor | undefined {
    return this.items[0];
  }

  push(cursor: WordCursor): void {
    const items = this.items;
    let i = items.push(cursor) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.less(items[parent]!, cursor)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = cursor;
  }

  pop(): WordCursor | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && this.less(items[right]!, items[left]!) ? right : left;
      if (this.less(last, items[child]!)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }

  private less(a: WordCursor, b: WordCursor): boolean {
    const order = compareBytes(a.ready!, b.ready!);
    return order < 0 || (order === 0 && a.order < b.order);
  }
}

async function mergeWords(
  parts: readonly PartialIndex[],
  outputPath: string,
  placement: BundlePlacement,
  language: string,
): Promise<MetaIndex["chunks"][]> {
  const cursors = parts.map((part, order) => new WordCursor(part, order));
  const outputs = placement.folders.map((folder) => ({
    dir: path.join(outputPath, folder, "index"),
    name: shortNames(),
    chunks: [] as MetaIndex["chunks"],
    /** The current chunk's words, encoded one after another. */
    words: new CborWriter(1 << 18),
    count: 0,
    first: "",
    last: "",
    size: 0,
    /** The word being merged, as it goes into this bundle. */
    coder: new WordCoder(),
  }));
  type Output = (typeof outputs)[number];
  // Chunks being gzipped (on libuv's threads) and written while the next words are merged.
  const writing = new Set<Promise<void>>();
  const flush = async (output: Output): Promise<void> => {
    // The chunk's words already are CBOR: only the arrays around them (`WordIndex`) are written here.
    const chunk = new CborWriter(output.words.length + 18);
    chunk.head(ARRAY, 1);
    chunk.head(ARRAY, output.count);
    chunk.raw(output.words.written);
    const body = chunk.written;
    const short = `${language}_${output.name(pagefindHash(body))}`;
    const file = path.join(output.dir, `${short}.pf_index`);
    const written = packAsync(body).then((packed) => writeFile(file, packed));
    writing.add(written);
    void written.then(
      () => writing.delete(written),
      () => undefined,
    );
    output.chunks.push([output.first, output.last, short]);
    output.words.clear();
    output.count = 0;
    output.size = 0;
    if (writing.size >= 8) await Promise.race(writing);
  };
  const coders = outputs.map((output) => output.coder);

  // The cursors by their current word, smallest first: a word is merged from the few partial
  // indexes holding it without looking at the others.
  const heap = new CursorHeap();
  for (const cursor of cursors) if (await cursor.peek()) heap.push(cursor);
  const holding: WordCursor[] = [];
  for (;;) {
    const first = heap.pop();
    if (!first) break;
    const word = first.ready!;
    holding.length = 0;
    holding.push(first);
    while (heap.top?.ready === word) holding.push(heap.pop()!);
    holding.sort((a, b) => a.order - b.order);
    mergeWord(holding, placement, coders);
    for (const output of outputs) {
      const { coder } = output;
      if (coder.empty) continue;
      const size = coder.locations;
      // Pagefind starts a new chunk before a word that would take the current one past the limit.
      if (output.count && output.size + size > CHUNK_LOCATIONS) await flush(output);
      coder.encode(word, output.words);
      if (output.count++ === 0) output.first = word;
      output.last = word;
      output.size += size;
    }
    for (const cursor of holding) {
      cursor.advance();
      if (cursor.ready ?? (await cursor.peek())) heap.push(cursor);
    }
  }
  for (const output of outputs) {
    if (output.count) await flush(output);
    shortenChunkBounds(output.chunks);
  }
  await Promise.all(writing);
  return outputs.map((output) => output.chunks);
}

/**
 * Merges one word from the current word of every cursor in `holding` (in part order) into each
 * bundle's coder, which holds the word's pages and variants in that bundle afterwards (none where
 * the bundle has none of them).
 */
function mergeWord(
  holding: readonly WordCursor[],
  placement: BundlePlacement,
  coders: readonly WordCoder[],
): void {
  for (const coder of coders) coder.clear();
  for (const cursor of holding) {
    try {
      const reader = cursor.pages();
      appendPages(reader, cursor.part, placement, coders, undefined);
      const variants = reader.arrayLength();
      for (let i = 0; i < variants; i++) {
        if (reader.arrayLength() !== 2) throw new Error(`a variant not [word, pages] at ${reader.at - 1}`);
        appendPages(reader, cursor.part, placement, coders, reader.text());
      }
    } catch (error) {
      throw cursor.failure(error);
    }
  }
}

/**
 * Adds one part's page list of a word (or of its `variant`), read from `reader`, to the lists of
 * the bundles its pages belong to. Pagefind stores a word's page numbers as differences from the
 * previous page in the list (the first one from zero), so they are decoded to merged page numbers
 * and coded again with each bundle's own numbers.
 */
function appendPages(
  reader: CborReader,
  part: PartialIndex,
  placement: BundlePlacement,
  coders: readonly WordCoder[],
  variant: string | undefined,
): void {
  const { bundleOf, localOf } = placement;
  const fields = part.sameFields ? undefined : part.fields;
  const count = reader.arrayLength();
  let local = 0;
  let bundle = -1;
  let list: PageListCoder | undefined;
  for (let i = 0; i < count; i++) {
    if (reader.arrayLength() !== 3) throw new Error(`a page not [page, locations, meta] at ${reader.at - 1}`);
    local += reader.integer();
    const page = part.offset + local;
    const pageBundle = bundleOf[page]!;
    if (pageBundle !== bundle) {
      bundle = pageBundle;
      const coder = coders[bundle]!;
      list = variant === undefined ? coder.pages : coder.variant(variant);
    }
    list!.add(localOf[page]!, reader, fields);
  }
}

/** A delta-coded page list (`PackedPage[]`), coded as it is filled in page order. */
class PageListCoder {
  readonly items = new CborWriter();
  count = 0;
  /** Locations as Pagefind counts them for its chunk size (`locationCount`). */
  locations = 0;
  /** Number of the last page added. */
  private last = 0;

  clear(): void {
    this.items.clear();
    this.count = 0;
    this.locations = 0;
    this.last = 0;
  }

  /**
   * Adds page `page` with the locations `reader` is at: the content locations are copied as they
   * are; meta locations are too, unless `fields` renumbers their meta-field markers.
   */
  add(page: number, reader: CborReader, fields: readonly number[] | undefined): void {
    const items = this.items;
    items.head(ARRAY, 3);
    items.head(UNSIGNED, page - this.last);
    this.last = page;
    let start = reader.at;
    const locs = reader.arrayLength();
    reader.skipIntegers(locs);
    items.copy(reader.bytes, start, reader.at);
    start = reader.at;
    const metaLocs = reader.arrayLength();
    if (!fields) {
      reader.skipIntegers(metaLocs);
      items.copy(reader.bytes, start, reader.at);
    } else {
      items.head(ARRAY, metaLocs);
      for (let i = 0; i < metaLocs; i++) {
        const loc = reader.integer();
        items.integer(loc < 0 ? -(fields[-loc - 1]! + 1) : loc);
      }
    }
    this.count++;
    this.locations += locs + metaLocs + 1;
  }

  /** Writes the list (`PackedPage[]`) into `into`. */
  encode(into: CborWriter): void {
    into.head(ARRAY, this.count);
    into.raw(this.items.written);
  }
}

/** One word in one bundle while it is merged: its pages and its variants' (`PackedWord`). */
class WordCoder {
  readonly pages = new PageListCoder();
  /** Variants in the order they were met; coders past `variantCount` are kept for the next words. */
  private readonly variants: { name: string; list: PageListCoder }[] = [];
  private variantCount = 0;

  clear(): void {
    this.pages.clear();
    this.variantCount = 0;
  }

  get empty(): boolean {
    return this.pages.count === 0 && this.variantCount === 0;
  }

  /** What Pagefind counts towards a chunk's size (`locationCount`). */
  get locations(): number {
    let count = this.pages.locations;
    for (let i = 0; i < this.variantCount; i++) count += this.variants[i]!.list.locations;
    return count;
  }

  /** The page list of the variant `name`, started when first asked for. */
  variant(name: string): PageListCoder {
    for (let i = 0; i < this.variantCount; i++) {
      if (this.variants[i]!.name === name) return this.variants[i]!.list;
    }
    let slot = this.variants[this.variantCount];
    if (!slot) this.variants.push((slot = { name, list: new PageListCoder() }));
    slot.name = name;
    slot.list.clear();
    this.variantCount++;
    return slot.list;
  }

  /** Writes the word (`PackedWord`) into `into`. */
  encode(word: string, into: CborWriter): void {
    into.head(ARRAY, 3);
    into.text(word);
    this.pages.encode(into);
    into.head(ARRAY, this.variantCount);
    for (let i = 0; i < this.variantCount; i++) {
      const { name, list } = this.variants[i]!;
      into.head(ARRAY, 2);
      into.text(name);
      list.encode(into);
    }
  }
}

/** What Pagefind counts towards a chunk's size: every location, and one per page listed. */
export function locationCount([, pages, variants]: PackedWord): number {
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
function shortenChunkBounds(chunks: [from: string, to: string, hash: string][]): void {
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

function mergeSorts(
  parts: readonly PartialIndex[],
  urls: readonly string[],
  options: MergeOptions,
): MetaIndex["sorts"] {
  const keys = [...new Set(parts.flatMap((part) => part.meta.sorts.map(([key]) => key)))];
  if (keys.length && parts.length > 1 && !options.sortValues) {
    throw new Error(`BundleMerger: sort values are needed to merge the sort orders ${keys.join(", ")}`);
  }
  return keys.map((key) => {
    const lists = parts.map((part) =>
      (part.meta.sorts.find(([name]) => name === key)?.[1] ?? []).map((page) => page + part.offset),
    );
    if (lists.length === 1) return [key, lists[0]!];
    const value = (page: number): string => {
      const found = options.sortValues!(urls[page]!, key);
      if (found === undefined) throw new Error(`BundleMerger: no sort value "${key}" for ${urls[page]}`);
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
