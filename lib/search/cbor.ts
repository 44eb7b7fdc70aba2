/**
 * The part of CBOR (RFC 8949) that Pagefind's index files use: unsigned and negative integers, text
 * strings and definite-length arrays, encoded the shortest way, as Rust's minicbor writes them.
 *
 * Why not a CBOR library: merging an archive's index decodes and re-encodes tens of millions of
 * numbers, and general-purpose decoders spend most of that in their streaming machinery; this subset
 * is a tight loop over a byte array and stays byte for byte compatible.
 */
export type CborValue = number | string | CborValue[];

const decoder = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

/** Decodes one CBOR value that fills `bytes`; throws on anything outside the subset or trailing bytes. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const argument = (info: number): number => {
    if (info < 24) return info;
    const start = at;
    switch (info) {
      case 24:
        at += 1;
        return view.getUint8(start);
      case 25:
        at += 2;
        return view.getUint16(start);
      case 26:
        at += 4;
        return view.getUint32(start);
      case 27: {
        at += 8;
        const value = view.getBigUint64(start);
        if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`CBOR: integer too large at ${start}`);
        return Number(value);
      }
      default:
        throw new Error(`CBOR: unsupported length ${info} at ${start - 1}`);
    }
  };
  const value = (): CborValue => {
    if (at >= bytes.length) throw new Error("CBOR: unexpected end");
    const head = bytes[at++]!;
    const major = head >> 5;
    const info = head & 31;
    switch (major) {
      case 0:
        return argument(info);
      case 1:
        return -1 - argument(info);
      case 3: {
        const length = argument(info);
        const text = decoder.decode(bytes.subarray(at, at + length));
        at += length;
        return text;
      }
      case 4: {
        const length = argument(info);
        const items = new Array<CborValue>(length);
        for (let i = 0; i < length; i++) items[i] = value();
        return items;
      }
      default:
        throw new Error(`CBOR: unsupported major type ${major} at ${at - 1}`);
    }
  };
  const result = value();
  if (at !== bytes.length) throw new Error(`CBOR: ${bytes.length - at} trailing bytes`);
  return result;
}

/** Encodes `value` the shortest way (integers must be safe integers). */
export function encodeCbor(value: unknown): Uint8Array {
  let buffer = new Uint8Array(1 << 16);
  let at = 0;
  const room = (bytes: number): void => {
    if (at + bytes <= buffer.length) return;
    let size = buffer.length * 2;
    while (size < at + bytes) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(buffer.subarray(0, at));
    buffer = grown;
  };
  const head = (major: number, n: number): void => {
    room(9);
    const type = major << 5;
    if (n < 24) buffer[at++] = type | n;
    else if (n < 0x100) {
      buffer[at++] = type | 24;
      buffer[at++] = n;
    } else if (n < 0x10000) {
      buffer[at++] = type | 25;
      buffer[at++] = n >> 8;
      buffer[at++] = n & 0xff;
    } else if (n < 0x100000000) {
      buffer[at++] = type | 26;
      new DataView(buffer.buffer).setUint32(at, n);
      at += 4;
    } else {
      buffer[at++] = type | 27;
      new DataView(buffer.buffer).setBigUint64(at, BigInt(n));
      at += 8;
    }
  };
  const write = (item: unknown): void => {
    if (typeof item === "number") {
      if (!Number.isSafeInteger(item)) throw new Error(`CBOR: not an integer: ${item}`);
      if (item >= 0) head(0, item);
      else head(1, -1 - item);
    } else if (typeof item === "string") {
      const bytes = encoder.encode(item);
      head(3, bytes.length);
      room(bytes.length);
      buffer.set(bytes, at);
      at += bytes.length;
    } else if (Array.isArray(item)) {
      head(4, item.length);
      for (const element of item) write(element);
    } else {
      throw new Error(`CBOR: cannot encode ${typeof item}`);
    }
  };
  write(value);
  return buffer.slice(0, at);
}
