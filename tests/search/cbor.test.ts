/**
 * The CBOR subset of Pagefind's files: every integer width both ways, text in and beyond ASCII, and
 * the item-by-item reading the merge uses (skipping and copying raw bytes), against the whole-value
 * decoder.
 */
import { describe, expect, it } from "vitest";
import { ARRAY, CborReader, CborWriter, decodeCbor, encodeCbor } from "../../lib/search/cbor.ts";

/** Integers at the edges of each head width (minicbor writes the shortest). */
const EDGES = [0, 23, 24, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER];
const INTEGERS = [...EDGES, ...EDGES.map((n) => -1 - n).filter(Number.isSafeInteger)];

describe("encodeCbor and decodeCbor", () => {
  it("write each integer in the shortest head and read it back", () => {
    const widths = EDGES.map((n) => encodeCbor(n).length);
    expect(widths).toEqual([1, 1, 2, 2, 3, 3, 5, 5, 9, 9]);
    for (const n of INTEGERS) expect(decodeCbor(encodeCbor(n))).toBe(n);
  });

  it("round-trips text in ASCII, Vietnamese and beyond the BMP, and nested arrays", () => {
    const value = ["can", "cán bộ", "Đảng ủy", "𠀧 chữ Nôm", "", [1, [-2, ["x"]], []]];
    const bytes = encodeCbor(value);
    expect(decodeCbor(bytes)).toEqual(value);
    // "cán bộ": 6 characters, 9 bytes in UTF-8.
    expect([...bytes.subarray(5, 15)]).toEqual([0x69, ...Buffer.from("cán bộ")]);
  });

  it("refuses trailing bytes, a cut value, and types outside the subset", () => {
    expect(() => decodeCbor(Uint8Array.from([0x01, 0x02]))).toThrow(/1 trailing bytes/);
    expect(() => decodeCbor(encodeCbor([1, 2, 300]).subarray(0, 4))).toThrow(/unexpected end/);
    expect(() => decodeCbor(Uint8Array.from([0xa0]))).toThrow(/unsupported major type 5/);
    expect(() => decodeCbor(Uint8Array.from([0x1b, 0xff, 0, 0, 0, 0, 0, 0, 0]))).toThrow(/too large/);
    expect(() => encodeCbor(1.5)).toThrow(/not an integer/);
  });
});

describe("CborReader", () => {
  it("skips integers of every width and lands where the whole-value decoder does", () => {
    const bytes = encodeCbor([INTEGERS, "after"]);
    const reader = new CborReader(bytes);
    expect(reader.arrayLength()).toBe(2);
    const start = reader.at;
    reader.skipIntegers(reader.arrayLength());
    expect(decodeCbor(bytes.subarray(start, reader.at))).toEqual(INTEGERS);
    expect(reader.text()).toBe("after");
    expect(reader.at).toBe(bytes.length);
  });

  it("refuses to skip a text string or past the end as integers", () => {
    const text = new CborReader(encodeCbor([1, "hai"]));
    text.arrayLength();
    expect(() => text.skipIntegers(2)).toThrow(/an integer expected, major type 3/);
    const cut = new CborReader(encodeCbor([1, 70000]).subarray(0, 4));
    cut.arrayLength();
    expect(() => cut.skipIntegers(2)).toThrow(/unexpected end/);
    expect(() => new CborReader(encodeCbor([1])).integer()).toThrow(/an integer expected, major type 4/);
  });
});

describe("CborWriter", () => {
  it("writes what encodeCbor writes, item by item, raw copies included", () => {
    const source = encodeCbor([[1, 500, 70000], "đường"]);
    const writer = new CborWriter(4);
    writer.head(ARRAY, 3);
    writer.integer(-7);
    writer.copy(source, 1, source.length); // the inner array and the text, as they are
    writer.text("cán");
    expect([...writer.written]).toEqual([
      ...encodeCbor([-7, [1, 500, 70000], "đường"]),
      ...encodeCbor("cán"),
    ]);
    writer.clear();
    writer.value(["a", [2 ** 40]]);
    expect([...writer.written]).toEqual([...encodeCbor(["a", [2 ** 40]])]);
  });
});
