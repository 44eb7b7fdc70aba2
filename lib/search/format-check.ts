/**
 * The check that the installed Pagefind writes what the merge reads (`merge-index.ts`,
 * `pagefind-format.ts`): a small fixture is indexed by Pagefind itself, read back with our reader, and
 * merged as one partial index, which must give Pagefind's own files back. It runs once per Pagefind
 * version and settings (its result is the cached library, `part-cache.ts`), so a Pagefind upgrade
 * needs no code change unless the format really changed; then the build fails naming what changed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { decodeCbor } from "./cbor.ts";
import type { IndexerPage } from "./messages.ts";
import { BundleMerger } from "./merge-index.ts";
import { indexRecord } from "./page-text.ts";
import { commitFolder, verifyFolder, writeManifest, type PartCache } from "./part-cache.ts";
import { isLibraryFile, pagefindHash, unpack, withoutSignature } from "./pagefind-format.ts";
import { gunzipSync } from "node:zlib";
import type { IndexerThread } from "./indexer-thread.ts";

const WORDS = [
  "cán",
  "bộ",
  "cần",
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
  "huyện",
  "nông",
  "thôn",
  "mới",
  "ĐT609",
  "42/2022/NĐ-CP",
  "đường",
  "trường",
  "học",
];

/**
 * Article pages as the layout writes them, in the shapes the merge meets: filters, a sort key,
 * meta fields on some pages only, headings, đ, variants of one word, and enough words for several
 * index chunks.
 */
export function formatFixture(): IndexerPage[] {
  return Array.from({ length: 32 }, (_, i) => {
    const body = Array.from({ length: 760 + i }, (_, j) => WORDS[(i * 7 + j * j) % WORDS.length]).join(" ");
    const date = `20${String(16 + (i % 9))}-${String(1 + (i % 12)).padStart(2, "0")}-1${i % 10}T08:00:00+07:00`;
    const image = i % 4 === 1 ? `<img data-pagefind-meta="image[src]" src="/anh-${i}.webp" alt="">` : "";
    const html = `<!doctype html><html lang="vi"><body><article data-pagefind-body data-pagefind-filter="category:${["Kinh tế", "Xã hội"][i % 2]}">
<h1 data-pagefind-meta="title">Bài ${i}: ${WORDS[i % WORDS.length]}</h1>
<p data-pagefind-sort="date:${date}" data-pagefind-filter="year:${date.slice(0, 4)}">${date}</p>${image}
<p>${body}</p><h2 id="muc-${i}">Mục ${i % 5}</h2><p class="no-print">Chia sẻ</p></article></body></html>`;
    const record = indexRecord(html)!;
    return { url: `/tin-tuc/bai-${i}/`, content: Buffer.from(record.content) };
  });
}

/** A value's expected shape: an integer, a string, anything, an array of one shape, or a tuple. */
type Shape = "int" | "str" | "any" | { readonly of: Shape } | readonly Shape[];

const PAGE_LIST: Shape = { of: ["int", { of: "int" }, { of: "int" }] };
const SHAPES = {
  meta: [
    "str",
    { of: ["str", "int", "any"] },
    { of: ["str", "str", "str"] },
    { of: ["str", "str"] },
    { of: ["str", { of: "int" }] },
    { of: "str" },
  ],
  index: [{ of: ["str", PAGE_LIST, { of: ["str", PAGE_LIST] }] }],
  filter: ["str", { of: ["str", { of: "int" }] }],
} as const satisfies Record<string, Shape>;

/** Where `value` departs from `shape` (a path like `[2][0][1]` and what was found), or undefined. */
function mismatch(value: unknown, shape: Shape, at = ""): string | undefined {
  if (shape === "any") return undefined;
  if (shape === "int")
    return Number.isInteger(value) ? undefined : `${at || "value"}: ${describe(value)}, not an integer`;
  if (shape === "str")
    return typeof value === "string" ? undefined : `${at || "value"}: ${describe(value)}, not a string`;
  if (!Array.isArray(value)) return `${at || "value"}: ${describe(value)}, not an array`;
  if ("of" in shape) {
    for (const [i, item] of value.entries()) {
      const found = mismatch(item, shape.of, `${at}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value.length !== shape.length)
    return `${at || "value"}: ${value.length} fields, ${shape.length} expected`;
  for (const [i, item] of value.entries()) {
    const found = mismatch(item, shape[i]!, `${at}[${i}]`);
    if (found) return found;
  }
  return undefined;
}

const describe = (value: unknown): string => (Array.isArray(value) ? "an array" : JSON.stringify(value));

/**
 * Checks a bundle Pagefind wrote from `formatFixture()` pages against everything the merge relies
 * on, merging it into `scratch`; throws naming each difference.
 */
export async function checkFormat(dir: string, pageCount: number, scratch: string): Promise<void> {
  const problems: string[] = [];
  const entry = JSON.parse(readFileSync(path.join(dir, "pagefind-entry.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const languages = Object.entries((entry.languages ?? {}) as Record<string, Record<string, unknown>>);
  if (typeof entry.version !== "string") problems.push(`pagefind-entry.json: no version`);
  if (languages.length !== 1) problems.push(`pagefind-entry.json: ${languages.length} languages, 1 expected`);
  const [language, info] = languages[0] ?? ["", {}];
  if (info.page_count !== pageCount)
    problems.push(`pagefind-entry.json: page_count ${String(info.page_count)}, ${pageCount} pages indexed`);
  const metaName = `pagefind.${String(info.hash)}.pf_meta`;
  /** A file's CBOR body, checked for its name (language and hash prefix) and shape. */
  const read = (file: string, shape: Shape, hashLength: number): unknown => {
    const name = path.basename(file, path.extname(file)).replace(/^pagefind\./, "");
    let body: Uint8Array;
    try {
      body = unpack(readFileSync(path.join(dir, file)), file);
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
      return undefined;
    }
    const expected = `${language}_${pagefindHash(body).slice(0, hashLength)}`;
    if (!name.startsWith(expected)) problems.push(`${file}: named ${name}, by its content ${expected}`);
    const value = decodeCbor(body);
    const found = mismatch(value, shape);
    if (found) problems.push(`${file}: ${found}`);
    return value;
  };
  const meta = read(metaName, SHAPES.meta, 10) as unknown[] | undefined;
  if (meta && meta[0] !== entry.version)
    problems.push(`${metaName}: version ${String(meta[0])}, entry ${String(entry.version)}`);
  const chunks = readdirSync(path.join(dir, "index"));
  if (chunks.length < 2) problems.push(`index/: ${chunks.length} chunk, the fixture fills several`);
  for (const file of chunks) read(`index/${file}`, SHAPES.index, 7);
  for (const file of readdirSync(path.join(dir, "filter"))) read(`filter/${file}`, SHAPES.filter, 7);
  const fragments = readdirSync(path.join(dir, "fragment"));
  if (fragments.length !== pageCount)
    problems.push(`fragment/: ${fragments.length} files for ${pageCount} pages`);
  for (const file of fragments) {
    const json = withoutSignature(gunzipSync(readFileSync(path.join(dir, "fragment", file))), file);
    const fragment = JSON.parse(Buffer.from(json).toString()) as { url?: unknown };
    if (typeof fragment.url !== "string") problems.push(`fragment/${file}: no url`);
    if (!file.startsWith(`${language}_${pagefindHash(json).slice(0, 7)}`))
      problems.push(`fragment/${file}: not named by its content`);
  }
  if (problems.length === 0) problems.push(...(await remerged(dir, scratch)));
  if (problems.length) {
    throw new Error(
      `Pagefind ${String(entry.version)} writes its index differently from what the search index's merge ` +
        `reads (lib/search/pagefind-format.ts, merge-index.ts):\n${problems.slice(0, 20).join("\n")}`,
    );
  }
}

/** What differs between Pagefind's bundle and our merge of it as one partial index (uncompressed). */
async function remerged(dir: string, scratch: string): Promise<string[]> {
  // One partial index: its sort orders are taken as they are, so no sort values are needed.
  const merger = new BundleMerger(scratch);
  await merger.addPart(dir);
  await merger.finish();
  const expected = bodies(dir);
  const actual = bodies(scratch);
  const problems: string[] = [];
  for (const [name, bytes] of expected) {
    const ours = actual.get(name);
    if (!ours) problems.push(`${name}: Pagefind writes it, the merge does not (names or hashes differ)`);
    else if (!ours.equals(bytes))
      problems.push(`${name}: the merge writes other content (encoding or chunk sizes differ)`);
  }
  for (const name of actual.keys())
    if (!expected.has(name)) problems.push(`${name}: the merge writes it, Pagefind does not`);
  return problems;
}

/** Every file of a bundle by relative path, Pagefind's own files decompressed. */
function bodies(dir: string, sub = ""): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
    const name = path.posix.join(sub, entry.name);
    if (entry.isDirectory()) for (const [k, v] of bodies(dir, name)) found.set(k, v);
    else {
      const raw = readFileSync(path.join(dir, name));
      found.set(name, name.includes(".pf_") ? Buffer.from(unpack(raw, name)) : raw);
    }
  }
  return found;
}

/**
 * Makes sure the cache holds Pagefind's library for these settings, which only a passed format check
 * writes: indexes the fixture with `indexer`, checks it, and keeps its library.
 */
export async function ensureCheckedLibrary(cache: PartCache, indexer: IndexerThread): Promise<void> {
  if ("manifest" in (await verifyFolder(cache.libraryDir))) return;
  const work = await cache.stagingDir();
  try {
    const fixture = formatFixture();
    const bundle = path.join(work, "bundle");
    const errors = await indexer.index(bundle, fixture);
    if (errors.length)
      throw new Error(`Pagefind could not index the format check's pages:\n${errors.join("\n")}`);
    await checkFormat(bundle, fixture.length, path.join(work, "merged"));
    const library = path.join(work, "library");
    await mkdir(library);
    for (const file of await readdir(bundle, { withFileTypes: true })) {
      if (file.isFile() && isLibraryFile(file.name))
        await rename(path.join(bundle, file.name), path.join(library, file.name));
    }
    await writeManifest(library, []);
    await rm(cache.libraryDir, { recursive: true, force: true });
    await commitFolder(library, cache.libraryDir);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
