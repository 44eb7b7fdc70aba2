/**
 * Reading and writing the files of a Pagefind bundle (1.6's layout, checked for the installed
 * version by `format-check.ts`), as its Rust indexer writes them and its
 * wasm reads them: gzip of the signature `pagefind_dcd` followed by CBOR (minicbor's array-of-fields
 * encoding), named by a short SHA-1 of the CBOR.
 *
 * Why our own code touches Pagefind's files at all: Pagefind holds a whole index in memory (some
 * hundreds of KB per article page, beyond the machine for a large archive) and builds it on one core
 * after the last page. We index in partial indexes and merge them (see `merge-index.ts`); these are
 * the layouts that merge reads and writes, checked against Pagefind's own output by
 * `tests/search/merge-index.test.ts` (a merge of one part is byte for byte what Pagefind wrote).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { gunzip, gunzipSync, gzip, gzipSync } from "node:zlib";
import { CborReader, decodeCbor, encodeCbor } from "./cbor.ts";

const SIGNATURE = Buffer.from("pagefind_dcd");

/**
 * Locations of a word on one page: `[page number, content locations, meta-field locations]`.
 * In both lists a negative number is a marker for the numbers after it: in content, a weight
 * (`-(weight + 1)`); in meta, the index of the meta field (`-(field + 1)`) in `MetaIndex.metaFields`.
 */
export type PackedPage = [page: number, locs: number[], metaLocs: number[]];
/** A variant spelling of a word (its diacritics) with its own pages. */
export type PackedVariant = [word: string, pages: PackedPage[]];
/** One word of an index chunk: its diacritic-free form, its pages, and its variants. */
export type PackedWord = [word: string, pages: PackedPage[], variants: PackedVariant[]];
/** An index chunk file (`index/*.pf_index`). */
export type WordIndex = [words: PackedWord[]];
/** A filter chunk file (`filter/*.pf_filter`): one filter, each value with its page numbers. */
export type FilterIndex = [filter: string, values: [value: string, pages: number[]][]];

/**
 * Reads the words of an index chunk (or of a cache entry's word piece, `store-part.ts`) one after
 * another from its CBOR body (the `WordIndex` layout). Why not decoded: the merge changes only page
 * numbers and meta-field markers, so it reads each word's page lists from `reader` itself, copying
 * the content locations, most of the numbers, as they are (`merge-index.ts`).
 */
export class WordChunkReader {
  readonly reader: CborReader;
  private left: number;

  constructor(readonly bytes: Uint8Array) {
    this.reader = new CborReader(bytes);
    if (this.reader.arrayLength() !== 1) throw new Error("not an index chunk (one field)");
    this.left = this.reader.arrayLength();
  }

  /**
   * The next word (undefined after the last), leaving `reader` at its page list, which its variants
   * follow: the caller reads them (or `skipWord`) before asking for the next word.
   */
  next(): string | undefined {
    const { reader } = this;
    if (this.left === 0) {
      if (reader.at !== this.bytes.length) throw new Error(`${this.bytes.length - reader.at} trailing bytes`);
      return undefined;
    }
    this.left--;
    if (reader.arrayLength() !== 3) throw new Error(`a word not [word, pages, variants] at ${reader.at - 1}`);
    return reader.text();
  }

  /** Passes over the current word's page list and variants. */
  skipWord(): void {
    const { reader } = this;
    skipPageList(reader);
    const variants = reader.arrayLength();
    for (let i = 0; i < variants; i++) {
      if (reader.arrayLength() !== 2) throw new Error(`a variant not [word, pages] at ${reader.at - 1}`);
      reader.text();
      skipPageList(reader);
    }
  }
}

/** Passes over a page list (`PackedPage[]`). */
function skipPageList(reader: CborReader): void {
  const pages = reader.arrayLength();
  for (let i = 0; i < pages; i++) {
    if (reader.arrayLength() !== 3) throw new Error(`a page not [page, locations, meta locations]`);
    reader.integer();
    reader.skipIntegers(reader.arrayLength());
    reader.skipIntegers(reader.arrayLength());
  }
}

/** The metadata file (`pagefind.<hash>.pf_meta`), loaded before the first query. */
export interface MetaIndex {
  readonly version: string;
  /** Fragment hash, word count and a third field Pagefind leaves empty; indexed by page number. */
  readonly pages: [hash: string, wordCount: number, extra: unknown][];
  /** Words from/to (shortest distinguishing prefixes) and the chunk's hash. */
  readonly chunks: [from: string, to: string, hash: string][];
  readonly filters: [filter: string, hash: string][];
  /** Each sort key with the page numbers in ascending order of its value. */
  readonly sorts: [key: string, pages: number[]][];
  /** The meta fields, in byte order; meta-field locations point into this list. */
  readonly metaFields: string[];
}

/** What the browser reads first: `pagefind-entry.json`. */
export interface BundleEntry {
  version: string;
  languages: Record<string, { hash: string; wasm: string | null; page_count: number }>;
  include_characters?: string[];
}

/**
 * Whether a file at the top of a bundle is Pagefind's library (script, worker, wasm, UI), the same in
 * every bundle of one Pagefind version, rather than the index's own (entry, metadata, our manifest).
 */
export function isLibraryFile(name: string): boolean {
  return !name.endsWith(".pf_meta") && name !== "pagefind-entry.json" && name !== "manifest.json";
}

/** The CBOR body of a Pagefind file (signature checked, gzip undone). */
export function unpack(file: Uint8Array, name: string): Uint8Array {
  return withoutSignature(gunzipSync(file), name);
}

/** The body of an already decompressed Pagefind file. */
export function withoutSignature(raw: Buffer, name: string): Uint8Array {
  if (!raw.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
    throw new Error(`${name}: not a Pagefind file (no pagefind_dcd signature)`);
  }
  return raw.subarray(SIGNATURE.length);
}

/** gunzip on libuv's thread pool, off the JavaScript thread. */
export const gunzipAsync = promisify(gunzip);

/** `pack` on libuv's thread pool. */
export async function packAsync(body: Uint8Array): Promise<Buffer> {
  return gzipAsync(Buffer.concat([SIGNATURE, body]), { level: 6 });
}
const gzipAsync = promisify(gzip);

/** The file for a CBOR body: signature, then gzip. */
export function pack(body: Uint8Array): Buffer {
  return gzipSync(Buffer.concat([SIGNATURE, body]), { level: 6 });
}

export async function readCbor<T>(file: string): Promise<T> {
  // gunzip on libuv's threads: the merge reads every chunk of every part.
  return decodeCbor(withoutSignature(await gunzipAsync(await readFile(file)), file)) as T;
}

/**
 * Pagefind's content hash: SHA-1 printed byte by byte in hex *without* zero padding (Rust's `{:x}` on
 * each byte), of which it uses a prefix: 7 characters for chunks and fragments, 10 for the meta file.
 */
export function pagefindHash(body: Uint8Array): string {
  return [...createHash("sha1").update(body).digest()].map((byte) => byte.toString(16)).join("");
}

/**
 * Pagefind's order for words and meta fields: Rust compares strings byte by byte in UTF-8, which is
 * code point order (JavaScript's `<` compares UTF-16 units and differs beyond the BMP).
 */
export function compareBytes(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const left = a.charCodeAt(i);
    const right = b.charCodeAt(i);
    if (left !== right) return inCodePointOrder(left) - inCodePointOrder(right);
  }
  return a.length - b.length;
}

/** Moves UTF-16 surrogates (astral characters) above U+E000–U+FFFF, where code point order puts them. */
const inCodePointOrder = (unit: number): number =>
  unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit;

export function decodeMeta(body: Uint8Array, name: string): MetaIndex {
  const value = decodeCbor(body) as unknown[];
  // The rest of the layout is checked once per Pagefind version (`format-check.ts`).
  if (!Array.isArray(value) || value.length !== 6 || typeof value[0] !== "string") {
    throw new Error(`${name}: not a Pagefind metadata file of the layout the merge reads`);
  }
  const [version, pages, chunks, filters, sorts, metaFields] = value as [
    string,
    MetaIndex["pages"],
    MetaIndex["chunks"],
    MetaIndex["filters"],
    MetaIndex["sorts"],
    string[],
  ];
  return { version, pages, chunks, filters, sorts, metaFields };
}

export function encodeMeta(meta: MetaIndex): Uint8Array {
  return encodeCbor([meta.version, meta.pages, meta.chunks, meta.filters, meta.sorts, meta.metaFields]);
}
