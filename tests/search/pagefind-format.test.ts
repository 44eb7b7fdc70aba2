/**
 * Reading Pagefind's index chunks as the merge does (`WordChunkReader`), on chunks the installed
 * Pagefind writes: the words and page lists found in the bytes are the ones the whole-value decoder
 * finds, and the CBOR codec gives every chunk back byte for byte.
 */
import { readdirSync, readFileSync, rmSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as pagefind from "pagefind";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCbor, encodeCbor } from "../../lib/search/cbor.ts";
import { formatFixture } from "../../lib/search/format-check.ts";
import { EXCLUDE_SELECTORS } from "../../lib/search/options.ts";
import { unpack, WordChunkReader, type WordIndex } from "../../lib/search/pagefind-format.ts";

const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-chunks-"));
let chunks: { name: string; body: Uint8Array }[] = [];

beforeAll(async () => {
  const { index } = await pagefind.createIndex({
    forceLanguage: "vi",
    excludeSelectors: [...EXCLUDE_SELECTORS],
  });
  for (const page of formatFixture())
    await index!.addHTMLFile({ url: page.url, content: Buffer.from(page.content).toString() });
  await index!.writeFiles({ outputPath: root });
  await pagefind.close();
  chunks = readdirSync(path.join(root, "index")).map((name) => ({
    name,
    body: unpack(readFileSync(path.join(root, "index", name)), name),
  }));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every word of a chunk body, read as the merge reads it, its pages and variants decoded whole. */
function readAll(body: Uint8Array): [word: string, pages: unknown, variants: unknown][] {
  const chunk = new WordChunkReader(body);
  const found: [string, unknown, unknown][] = [];
  for (let word = chunk.next(); word !== undefined; word = chunk.next()) {
    found.push([word, chunk.reader.value(), chunk.reader.value()]);
  }
  return found;
}

/** The words of a chunk body, passed over with `skipWord`. */
function skipAll(body: Uint8Array): string[] {
  const chunk = new WordChunkReader(body);
  const found: string[] = [];
  for (let word = chunk.next(); word !== undefined; word = chunk.next()) {
    found.push(word);
    chunk.skipWord();
  }
  return found;
}

describe("WordChunkReader", () => {
  it("reads every word of Pagefind's chunks, its page list and variants right after it", () => {
    expect(chunks.length).toBeGreaterThan(1);
    let variants = 0;
    let metaLocations = 0;
    for (const { body } of chunks) {
      const [words] = decodeCbor(body) as WordIndex;
      expect(readAll(body)).toEqual(words);
      expect(skipAll(body)).toEqual(words.map(([word]) => word));
      for (const [, pages, wordVariants] of words) {
        variants += wordVariants.length;
        metaLocations += pages.reduce((sum, [, , meta]) => sum + meta.length, 0);
      }
    }
    // The shapes the merge must carry over: variant spellings and locations in meta fields.
    expect(variants).toBeGreaterThan(10);
    expect(metaLocations).toBeGreaterThan(10);
  });

  it("refuses a chunk cut short, with bytes after its words, or a text where a location belongs", () => {
    const { body } = chunks[0]!;
    expect(() => skipAll(body.subarray(0, body.length - 1))).toThrow(/^CBOR: unexpected end/);
    expect(() => skipAll(Buffer.concat([body, Uint8Array.from([0])]))).toThrow(/^1 trailing bytes/);
    const [words] = decodeCbor(body) as WordIndex;
    const withPages = words.findIndex(([, pages]) => pages.length > 0);
    (words[withPages]![1][0]![1] as unknown[])[0] = "chữ";
    expect(() => skipAll(encodeCbor([words]))).toThrow(/^CBOR: an integer expected, major type 3/);
  });
});

describe("the CBOR codec on Pagefind's chunks", () => {
  it("encodes what it decodes byte for byte", () => {
    for (const { body } of chunks) expect(Buffer.from(encodeCbor(decodeCbor(body))).equals(body)).toBe(true);
  });
});
