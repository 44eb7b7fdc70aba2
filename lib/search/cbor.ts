/**
 * The part of CBOR (RFC 8949) that Pagefind's index files use: unsigned and negative integers, text
 * strings and definite-length arrays, encoded the shortest way, as Rust's minicbor writes them.
 *
 * Why not a CBOR library: merging an archive's index reads tens of millions of numbers, and
 * general-purpose decoders spend most of that in their streaming machinery and in one JavaScript
 * value per number; this subset is a tight loop over a byte array, stays byte for byte compatible,
 * and lets the merge (`merge-index.ts`) read items one by one and copy what it does not change as
 * raw bytes.
 */
export type CborValue = number | string | CborValue[];

const decoder = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

/** Major types of the subset. */
export const UNSIGNED = 0;
export const NEGATIVE = 1;
export const TEXT = 3;
export const ARRAY = 4;

/** Reads CBOR items one at a time from `bytes`, at `at`. */
export class CborReader {
  at = 0;
  /** Major type of the last head read. */
  major = 0;
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Reads an item's head: returns its argument (a length or a value) and sets `major`. */
  head(): number {
    const { bytes } = this;
    if (this.at >= bytes.length) throw new Error("CBOR: unexpected end");
    const start = this.at;
    const byte = bytes[this.at++]!;
    this.major = byte >> 5;
    const info = byte & 31;
    if (info < 24) return info;
    if (info > 27) throw new Error(`CBOR: unsupported length ${info} at ${start}`);
    const size = 1 << (info - 24);
    if (this.at + size > bytes.length) throw new Error("CBOR: unexpected end");
    const at = this.at;
    this.at += size;
    if (info === 24) return bytes[at]!;
    if (info === 25) return (bytes[at]! << 8) | bytes[at + 1]!;
    if (info === 26) return this.view.getUint32(at);
    const value = this.view.getBigUint64(at);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`CBOR: integer too large at ${start}`);
    return Number(value);
  }

  /** The length of the array that comes next. */
  arrayLength(): number {
    const length = this.head();
    if (this.major !== ARRAY) throw this.unexpected("an array");
    return length;
  }

  /** The integer that comes next. */
  integer(): number {
    const value = this.head();
    if (this.major === UNSIGNED) return value;
    if (this.major === NEGATIVE) return -1 - value;
    throw this.unexpected("an integer");
  }

  /** The text string that comes next. */
  text(): string {
    const length = this.head();
    if (this.major !== TEXT) throw this.unexpected("a text string");
    return this.textOf(length);
  }

  /** Passes over `count` integers without decoding them. */
  skipIntegers(count: number): void {
    const { bytes } = this;
    let at = this.at;
    for (let i = 0; i < count; i++) {
      const byte = bytes[at++]!;
      const info = byte & 31;
      if (byte >> 5 > NEGATIVE || info > 27 || at > bytes.length) {
        if (at > bytes.length) throw new Error("CBOR: unexpected end");
        if (info > 27) throw new Error(`CBOR: unsupported length ${info} at ${at - 1}`);
        this.at = at;
        this.major = byte >> 5;
        throw this.unexpected("an integer");
      }
      if (info >= 24) at += 1 << (info - 24);
    }
    if (at > bytes.length) throw new Error("CBOR: unexpected end");
    this.at = at;
  }

  /** Any value of the subset. */
  value(): CborValue {
    const argument = this.head();
    switch (this.major) {
      case UNSIGNED:
        return argument;
      case NEGATIVE:
        return -1 - argument;
      case TEXT:
        return this.textOf(argument);
      case ARRAY: {
        const items = new Array<CborValue>(argument);
        for (let i = 0; i < argument; i++) items[i] = this.value();
        return items;
      }
      default:
        throw new Error(`CBOR: unsupported major type ${this.major} at ${this.at - 1}`);
    }
  }

  /** The `length` bytes of a text string whose head was read. */
  private textOf(length: number): string {
    if (this.at + length > this.bytes.length) throw new Error("CBOR: unexpected end");
    const text = decoder.decode(this.bytes.subarray(this.at, this.at + length));
    this.at += length;
    return text;
  }

  private unexpected(what: string): Error {
    return new Error(`CBOR: ${what} expected, major type ${this.major} found near ${this.at - 1}`);
  }
}

/** Writes CBOR items, the shortest way, into a buffer that grows as needed. */
export class CborWriter {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity = 1 << 12) {
    this.bytes = new Uint8Array(capacity);
  }

  /** What was written (a view, valid until the next write or `clear`). */
  get written(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  clear(): void {
    this.length = 0;
  }

  /** An item's head: major type and argument (a length or an unsigned value). */
  head(major: number, n: number): void {
    if (this.length + 9 > this.bytes.length) this.grow(9);
    const bytes = this.bytes;
    const type = major << 5;
    let at = this.length;
    if (n < 24) bytes[at++] = type | n;
    else if (n < 0x100) {
      bytes[at++] = type | 24;
      bytes[at++] = n;
    } else if (n < 0x10000) {
      bytes[at++] = type | 25;
      bytes[at++] = n >> 8;
      bytes[at++] = n & 0xff;
    } else if (n < 0x100000000) {
      bytes[at++] = type | 26;
      bytes[at++] = n >>> 24;
      bytes[at++] = (n >> 16) & 0xff;
      bytes[at++] = (n >> 8) & 0xff;
      bytes[at++] = n & 0xff;
    } else {
      bytes[at++] = type | 27;
      new DataView(bytes.buffer, bytes.byteOffset).setBigUint64(at, BigInt(n));
      at += 8;
    }
    this.length = at;
  }

  integer(n: number): void {
    if (!Number.isSafeInteger(n)) throw new Error(`CBOR: not an integer: ${n}`);
    if (n >= 0) this.head(UNSIGNED, n);
    else this.head(NEGATIVE, -1 - n);
  }

  text(text: string): void {
    const length = text.length;
    let ascii = true;
    for (let i = 0; i < length && ascii; i++) ascii = text.charCodeAt(i) < 0x80;
    if (!ascii) {
      const bytes = encoder.encode(text);
      this.head(TEXT, bytes.length);
      this.raw(bytes);
      return;
    }
    // Most words are ASCII (Pagefind indexes them without diacritics): no encoder, no temporary array.
    this.head(TEXT, length);
    if (this.length + length > this.bytes.length) this.grow(length);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < length; i++) bytes[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /** Bytes already in CBOR, copied as they are. */
  raw(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.bytes.length) this.grow(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** `from[start..end)`, CBOR already, copied as it is. */
  copy(from: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (this.length + length > this.bytes.length) this.grow(length);
    const bytes = this.bytes;
    let at = this.length;
    // Most copies are a few bytes, for which a loop beats making a view to `set` from.
    if (length < 32) for (let i = start; i < end; i++) bytes[at++] = from[i]!;
    else {
      bytes.set(from.subarray(start, end), at);
      at += length;
    }
    this.length = at;
  }

  /** Any value of the subset (integers must be safe integers). */
  value(item: unknown): void {
    if (typeof item === "number") this.integer(item);
    else if (typeof item === "string") this.text(item);
    else if (Array.isArray(item)) {
      this.head(ARRAY, item.length);
      for (const element of item) this.value(element);
    } else throw new Error(`CBOR: cannot encode ${typeof item}`);
  }

  private grow(needed: number): void {
    let size = this.bytes.length * 2;
    while (size < this.length + needed) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.written);
    this.bytes = grown;
  }
}

/** Decodes one CBOR value that fills `bytes`; throws on anything outside the subset or trailing bytes. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  const reader = new CborReader(bytes);
  const result = reader.value();
  if (reader.at !== bytes.length) throw new Error(`CBOR: ${bytes.length - reader.at} trailing bytes`);
  return result;
}

/** Encodes `value` the shortest way (integers must be safe integers). */
export function encodeCbor(value: unknown): Uint8Array {
  const writer = new CborWriter(1 << 16);
  writer.value(value);
  return writer.bytes.slice(0, writer.length);
}
