/**
 * The merge of Pagefind bundles built in parts, against real Pagefind: one part must come out byte for
 * byte as Pagefind wrote it, and many parts must give the same index as one Pagefind run over all the
 * pages (same words, locations, meta fields, filters, sort order and fragments, by URL).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as pagefind from "pagefind";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BundleMerger, distinguishingPrefixes, type MergeOptions } from "../../lib/search/merge-index.ts";
import { decodeCbor, encodeCbor } from "../../lib/search/cbor.ts";
import { pack, unpack, type WordIndex } from "../../lib/search/pagefind-format.ts";
import { semantics } from "../support/pagefind-bundle.ts";

const WORDS = [
  "cán",
  "bộ",
  "cần",
  "bỗ",
  "đào",
  "tạo",
  "Đảng",
  "ủy",
  "uỷ",
  "hòa",
  "hoà",
  "Phú",
  "Ninh",
  "xã",
  "Tam",
  "Dân",
  "Đàn",
];

/** 30 article pages: varied words, titles, filters, a sort key; a summary field and an image on some only. */
function pages(): { url: string; content: string; date: string }[] {
  return Array.from({ length: 30 }, (_, i) => {
    const body = Array.from({ length: 40 + i }, (_, j) => WORDS[(i * 7 + j * j) % WORDS.length]).join(" ");
    const date = `20${String(10 + (i % 9)).padStart(2, "0")}-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:00:00+07:00`;
    const summary = i % 3 === 0 ? `<div data-pagefind-meta="summary">dao tao Dang uy ${i}</div>` : "";
    const image = i % 4 === 1 ? `<img data-pagefind-meta="image[src]" src="/img/anh-${i}.jpg" alt="">` : "";
    return {
      url: `/tin-tuc/bai-${i}/`,
      date,
      content: `<!doctype html><html lang="vi"><body><article data-pagefind-body data-pagefind-filter="category:${["Kinh tế", "Xã hội", "Chính quyền"][i % 3]}">
<h1 data-pagefind-meta="title">Bài ${i}: ${WORDS[i % WORDS.length]} ${WORDS[(i + 3) % WORDS.length]}</h1>
<p data-pagefind-sort="date:${date}" data-pagefind-filter="year:${date.slice(0, 4)}">${date}</p>${image}
<p>${body}</p><h2>Mục ${i % 5}</h2><p>${body.split(" ").reverse().join(" ")}</p></article>${summary}</body></html>`,
    };
  });
}

async function indexInto(dir: string, list: { url: string; content: string }[]): Promise<void> {
  const { index } = await pagefind.createIndex({ forceLanguage: "vi" });
  for (const page of list) await index!.addHTMLFile(page);
  await index!.writeFiles({ outputPath: dir });
  await index!.deleteIndex();
}

/** Every file of a bundle, the Pagefind ones decompressed. */
function files(dir: string, sub = ""): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
    const name = path.join(sub, entry.name);
    if (entry.isDirectory()) for (const [k, v] of files(dir, name)) found.set(k, v);
    else {
      const raw = readFileSync(path.join(dir, name));
      found.set(name, name.includes(".pf_") ? Buffer.from(unpack(raw, name)) : raw);
    }
  }
  return found;
}

/** Merges the partial indexes in `dirs`, in order, into a new bundle at `outputPath`. */
async function mergeBundles(dirs: readonly string[], outputPath: string, options: MergeOptions = {}) {
  const merger = new BundleMerger(outputPath, options);
  for (const dir of dirs) await merger.addPart(dir);
  return merger.finish();
}

let root: string;
const all = pages();
const dates = new Map(all.map((p) => [p.url, p.date]));

/** The pages dated 2016 or later: the "recent" bundle of the split test. */
const isRecent = (page: { date: string }): boolean => page.date >= "2016";

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "phuninh-merge-"));
  await indexInto(path.join(root, "whole"), all);
  await indexInto(path.join(root, "whole-recent"), all.filter(isRecent));
  await indexInto(
    path.join(root, "whole-older"),
    all.filter((page) => !isRecent(page)),
  );
  for (let part = 0; part * 7 < all.length; part++) {
    await indexInto(path.join(root, `part-${part}`), all.slice(part * 7, part * 7 + 7));
  }
  await indexInto(path.join(root, "empty"), []);
  await pagefind.close();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("BundleMerger", () => {
  it("gives back Pagefind's own bundle, byte for byte, from one part", async () => {
    await mergeBundles([path.join(root, "whole")], path.join(root, "one"));
    const expected = files(path.join(root, "whole"));
    const actual = files(path.join(root, "one"));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, bytes] of expected) expect(actual.get(name)?.equals(bytes), name).toBe(true);
  });

  it("merges five parts into the index Pagefind builds from all pages at once", async () => {
    const parts = readdirSync(root)
      .filter((name) => name.startsWith("part-"))
      .sort();
    expect(parts).toHaveLength(5);
    const summary = await mergeBundles(
      parts.map((name) => path.join(root, name)),
      path.join(root, "merged"),
      { sortValues: (url, key) => (key === "date" ? dates.get(url) : undefined) },
    );
    expect(summary.pages).toBe(30);
    const expected = await semantics(path.join(root, "whole"));
    const actual = await semantics(path.join(root, "merged"));
    expect(actual.words.length).toBeGreaterThan(500);
    expect(actual.words.some((w) => w.includes(" summary"))).toBe(true); // meta fields renumbered across parts
    expect(actual).toEqual(expected);
  });

  it("splits the merged pages into bundles, each the index Pagefind builds from its pages alone", async () => {
    const parts = readdirSync(root)
      .filter((name) => name.startsWith("part-"))
      .sort();
    const out = path.join(root, "split");
    const summary = await mergeBundles(
      parts.map((name) => path.join(root, name)),
      out,
      {
        sortValues: (url, key) => (key === "date" ? dates.get(url) : undefined),
        split: (urls) => ({
          folders: ["", "older"],
          bundleOf: urls.map((url) => (dates.get(url)! >= "2016" ? 0 : 1)),
        }),
      },
    );
    const recent = all.filter(isRecent).length;
    expect(recent).toBeGreaterThan(5);
    expect(recent).toBeLessThan(25);
    expect(summary.bundles.map(({ folder, pages }) => [folder, pages])).toEqual([
      ["", recent],
      ["older", 30 - recent],
    ]);
    expect(await semantics(out)).toEqual(await semantics(path.join(root, "whole-recent")));
    expect(await semantics(path.join(out, "older"))).toEqual(await semantics(path.join(root, "whole-older")));
    // Each bundle can be loaded as an index of its own: the library is beside it, and its fragments.
    const older = readdirSync(path.join(out, "older"));
    const wasm = readdirSync(path.join(root, "whole")).filter((name) => name.startsWith("wasm."));
    expect(wasm).toHaveLength(1);
    for (const name of ["pagefind.js", "pagefind-worker.js", ...wasm]) expect(older).toContain(name);
    expect(older.filter((name) => name.includes("-ui"))).toEqual([]);
    expect(readdirSync(path.join(out, "fragment"))).toHaveLength(recent);
    expect(readdirSync(path.join(out, "older", "fragment"))).toHaveLength(30 - recent);
  });

  it("refuses a split that leaves a bundle empty or places a page nowhere", async () => {
    const part = [path.join(root, "part-0")];
    await expect(
      mergeBundles(part, path.join(root, "split-empty"), {
        split: (urls) => ({ folders: ["", "older"], bundleOf: urls.map(() => 0) }),
      }),
    ).rejects.toThrow(/bundle "older" would hold no page/);
    await expect(
      mergeBundles(part, path.join(root, "split-nowhere"), {
        split: (urls) => ({ folders: [""], bundleOf: urls.map((_, i) => (i === 3 ? 1 : 0)) }),
      }),
    ).rejects.toThrow(/page 3 is placed in bundle 1/);
  });

  it("writes fragments as the caller restores them, and leaves the others as Pagefind wrote them", async () => {
    const parts = readdirSync(root)
      .filter((name) => name.startsWith("part-"))
      .sort()
      .map((name) => path.join(root, name));
    const options = { sortValues: (url: string) => dates.get(url) };
    await mergeBundles(parts, path.join(root, "plain"), options);
    await mergeBundles(parts, path.join(root, "restored"), {
      ...options,
      restoreFragment: (url, json) =>
        url === "/tin-tuc/bai-3/" ? json.replaceAll("Bài 3:", "Bài ba:") : json,
    });
    const plain = await semantics(path.join(root, "plain"));
    const restored = await semantics(path.join(root, "restored"));
    expect(restored.words).toEqual(plain.words);
    const changed = restored.fragments.filter((f) => !plain.fragments.includes(f));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toContain('"title":"Bài ba:');
    // The restored fragment is named by its own content, like every fragment Pagefind writes.
    expect(readdirSync(path.join(root, "restored", "fragment")).sort()).not.toEqual(
      readdirSync(path.join(root, "plain", "fragment")).sort(),
    );
  });

  it("passes over a part without pages, and gives Pagefind's empty bundle when all are empty", async () => {
    const summary = await mergeBundles(
      [path.join(root, "empty"), path.join(root, "part-0")],
      path.join(root, "with-empty"),
    );
    expect(summary.pages).toBe(7);
    expect(await mergeBundles([path.join(root, "empty")], path.join(root, "all-empty"))).toEqual({
      pages: 0,
      chunks: 0,
      bundles: [{ folder: "", pages: 0, chunks: 0 }],
    });
    const entry = JSON.parse(readFileSync(path.join(root, "all-empty", "pagefind-entry.json"), "utf8"));
    expect(entry.languages).toEqual({});
  });

  it("refuses parts whose sort values it is not given, naming the page", async () => {
    await expect(
      mergeBundles([path.join(root, "part-0"), path.join(root, "part-1")], path.join(root, "nosort"), {
        sortValues: (url) => (url === "/tin-tuc/bai-3/" ? undefined : dates.get(url)),
      }),
    ).rejects.toThrow(/no sort value "date" for \/tin-tuc\/bai-3\//);
  });

  it("names the index chunk it cannot read: a text where a location belongs", async () => {
    const broken = path.join(root, "broken");
    cpSync(path.join(root, "part-2"), broken, { recursive: true });
    const chunk = readdirSync(path.join(broken, "index")).sort().at(-1)!;
    const file = path.join(broken, "index", chunk);
    const [words] = decodeCbor(unpack(readFileSync(file), file)) as WordIndex;
    const last = words.findLastIndex(([, pages]) => pages.length > 0);
    (words[last]![1][0]![1] as unknown[])[0] = "chữ";
    writeFileSync(file, pack(encodeCbor([words])));
    await expect(
      mergeBundles([path.join(root, "part-1"), broken], path.join(root, "broken-out"), {
        sortValues: (url) => dates.get(url),
      }),
    ).rejects.toThrow(new RegExp(`broken/index/${chunk}: CBOR: an integer expected, major type 3`));
  });

  it("refuses partial indexes of different Pagefind versions, naming the folder", async () => {
    const odd = path.join(root, "odd");
    await mergeBundles([path.join(root, "part-1")], odd);
    const entry = JSON.parse(readFileSync(path.join(odd, "pagefind-entry.json"), "utf8"));
    writeFileSync(path.join(odd, "pagefind-entry.json"), JSON.stringify({ ...entry, version: "1.4.0" }));
    await expect(mergeBundles([path.join(root, "part-0"), odd], path.join(root, "odd-out"))).rejects.toThrow(
      /odd: Pagefind 1\.4\.0, the other partial indexes 1\.6\.0/,
    );
  });
});

describe("distinguishingPrefixes", () => {
  it("cuts both words one character past their common prefix", () => {
    expect(distinguishingPrefixes("apple", "apricot")).toEqual(["app", "apr"]);
    expect(distinguishingPrefixes("07", "0700")).toEqual(["07", "070"]);
    expect(distinguishingPrefixes("đau", "đay")).toEqual(["đau", "đay"]);
  });
});
