/**
 * Reading Pagefind's index chunks as the merge does (`readWordChunk`), on chunks the installed
 * Pagefind writes: the words and page lists found in the bytes are the ones the whole-value decoder
 * finds, and the CBOR codec gives every chunk back byte for byte.
 */
import { readdirSync, readFileSync, rmSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as pagefind from "pagefind";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CborReader, decodeCbor, encodeCbor } from "../../lib/search/cbor.ts";
import { formatFixture } from "../../lib/search/format-check.ts";
import { EXCLUDE_SELECTORS } from "../../lib/search/options.ts";
import { readWordChunk, unpack, type WordIndex } from "../../lib/search/pagefind-format.ts";

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

describe("readWordChunk", () => {
  it("finds every word of Pagefind's chunks and where its page list and variants are", () => {
    expect(chunks.length).toBeGreaterThan(1);
    let variants = 0;
    let metaLocations = 0;
    for (const { name, body } of chunks) {
      const [words] = decodeCbor(body) as WordIndex;
      const chunk = readWordChunk(body, name);
      expect(chunk.words).toEqual(words.map(([word]) => word));
      const reader = new CborReader(body);
      for (const [i, [, pages, wordVariants]] of words.entries()) {
        reader.at = chunk.starts[i]!;
        expect(reader.value()).toEqual(pages);
        expect(reader.value()).toEqual(wordVariants);
        variants += wordVariants.length;
        metaLocations += pages.reduce((sum, [, , meta]) => sum + meta.length, 0);
      }
    }
    // The shapes the merge must carry over: variant spellings and locations in meta fields.
    expect(variants).toBeGreaterThan(10);
    expect(metaLocations).toBeGreaterThan(10);
  });

  it("names the chunk that is cut short or holds a text where a location belongs", () => {
    const { name, body } = chunks[0]!;
    expect(() => readWordChunk(body.subarray(0, body.length - 1), name)).toThrow(
      new RegExp(`^${name}: CBOR: unexpected end`),
    );
    const [words] = decodeCbor(body) as WordIndex;
    const withPages = words.findIndex(([, pages]) => pages.length > 0);
    (words[withPages]![1][0]![1] as unknown[])[0] = "chữ";
    expect(() => readWordChunk(encodeCbor([words]), name)).toThrow(
      new RegExp(`^${name}: CBOR: an integer expected, major type 3`),
    );
  });
});

describe("the CBOR codec on Pagefind's chunks", () => {
  it("encodes what it decodes byte for byte", () => {
    for (const { body } of chunks) expect(Buffer.from(encodeCbor(decodeCbor(body))).equals(body)).toBe(true);
  });
});
