/**
 * A Pagefind bundle read back as facts about URLs (words, locations, filters, sort order, fragments),
 * independent of page numbers and file names: two bundles of the same pages compare equal whatever
 * parts or lanes built them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  decodeMeta,
  readCbor,
  unpack,
  type FilterIndex,
  type PackedPage,
  type WordIndex,
} from "../../lib/search/pagefind-format.ts";
import type { TierManifest } from "../../lib/search/tiers.ts";

/**
 * What the bundle in `dir` holds at a glance: its pages (Pagefind's own count), and the months of the
 * recent bundle and of the archive beside it (`tiers.json`, what the search page reads).
 */
export function bundleSummary(dir: string): { pages: number; tiers: TierManifest } {
  const entry = JSON.parse(readFileSync(path.join(dir, "pagefind-entry.json"), "utf8"));
  return {
    pages: entry.languages.vi.page_count,
    tiers: JSON.parse(readFileSync(path.join(dir, "tiers.json"), "utf8")),
  };
}

/** A word's page list with page numbers made absolute (Pagefind stores differences). */
function absolute(list: PackedPage[]): PackedPage[] {
  let page = 0;
  return list.map(([delta, locs, metaLocs]) => [(page += delta), locs, metaLocs]);
}

/** The index as facts about URLs, independent of page numbers and file names. */
export async function semantics(dir: string) {
  const entry = JSON.parse(readFileSync(path.join(dir, "pagefind-entry.json"), "utf8"));
  const metaFile = path.join(dir, `pagefind.${entry.languages.vi.hash}.pf_meta`);
  const meta = decodeMeta(unpack(readFileSync(metaFile), metaFile), metaFile);
  const fragments = meta.pages.map(([hash]) =>
    JSON.parse(
      Buffer.from(unpack(readFileSync(path.join(dir, "fragment", `${hash}.pf_fragment`)), hash)).toString(),
    ),
  );
  const url = (page: number): string => fragments[page].url;
  const where = ([page, locs, metaLocs]: PackedPage) =>
    `${url(page)} ${locs.join(",")} ${metaLocs.map((l) => (l < 0 ? meta.metaFields[-l - 1] : l)).join(",")}`;
  const words: string[] = [];
  for (const [, , hash] of meta.chunks) {
    const [chunk] = await readCbor<WordIndex>(path.join(dir, "index", `${hash}.pf_index`));
    for (const [word, list, variants] of chunk) {
      for (const page of absolute(list)) words.push(`${word}: ${where(page)}`);
      for (const [variant, variantPages] of variants)
        for (const page of absolute(variantPages)) words.push(`${word}/${variant}: ${where(page)}`);
    }
  }
  const filters: string[] = [];
  for (const [name, hash] of meta.filters) {
    const [, values] = await readCbor<FilterIndex>(path.join(dir, "filter", `${hash}.pf_filter`));
    for (const [value, list] of values) filters.push(`${name}=${value}: ${list.map(url).sort().join(" ")}`);
  }
  return {
    pageCount: entry.languages.vi.page_count,
    words: words.sort(),
    chunks: meta.chunks.map(([from, to]) => `${from}…${to}`),
    filters: filters.sort(),
    sorts: meta.sorts.map(([key, list]) => `${key}: ${list.map(url).join(" ")}`),
    fragments: fragments.map((f) => JSON.stringify(f)).sort(),
  };
}
