/**
 * Turns a partial index as Pagefind wrote it into a cache entry (`part-cache.ts`), in the merge
 * worker: fragments restored for readers (đ back, `d-stroke.ts`), Pagefind's library left out (kept
 * once per settings), the manifest written, and the folder renamed into place.
 *
 * Why restore here and not in the merge: a partial index taken from the cache then costs the merge a
 * file copy per page, not an unzip, a rewrite and a zip. Why its words are stored again, in small
 * uncompressed pieces (`words.cbor`, their lengths in `words.json`) instead of Pagefind's chunks: the merge holds the current
 * chunk of every partial index at once, and a month's partial index is often a single chunk of its
 * whole vocabulary, so with Pagefind's chunks it would hold the whole site's word lists decoded.
 */
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { unmarkDStroke } from "./d-stroke.ts";
import type { CachedPage } from "./messages.ts";
import { commitFolder, writeManifest } from "./part-cache.ts";
import {
  decodeMeta,
  isLibraryFile,
  gunzipAsync,
  packAsync,
  pagefindHash,
  unpack,
  withoutSignature,
  readCbor,
  type BundleEntry,
  type PackedWord,
  type WordIndex,
} from "./pagefind-format.ts";
import { mapLimit } from "./map-limit.ts";
import { encodeCbor } from "./cbor.ts";
import { locationCount, WORD_PIECES } from "./merge-index.ts";

/** Stores the partial index Pagefind wrote at `dir` as the cache entry `entry`; `dir` is gone after. */
export async function storePart(
  dir: string,
  entry: string,
  unmarked: ReadonlySet<string>,
): Promise<CachedPage[]> {
  const bundle = JSON.parse(await readFile(path.join(dir, "pagefind-entry.json"), "utf8")) as BundleEntry;
  const languages = Object.values(bundle.languages);
  if (languages.length !== 1) throw new Error(`${dir}: a partial index must hold one language`);
  const metaFile = path.join(dir, `pagefind.${languages[0]!.hash}.pf_meta`);
  const meta = decodeMeta(unpack(await readFile(metaFile), metaFile), metaFile);
  for (const file of await readdir(dir, { withFileTypes: true })) {
    if (file.isFile() && isLibraryFile(file.name)) await rm(path.join(dir, file.name));
  }
  const pages = await mapLimit(meta.pages, 32, async ([hash]): Promise<CachedPage> => {
    const file = path.join(dir, "fragment", `${hash}.pf_fragment`);
    const json = withoutSignature(await gunzipAsync(await readFile(file)), file);
    const text = Buffer.from(json).toString("utf8");
    const { url } = JSON.parse(text) as { url: string };
    const restored = unmarked.has(url) ? text : unmarkDStroke(text);
    if (restored === text) return { url, hash: pagefindHash(json) };
    // Under Pagefind's name still: the merge names fragments by the hash in the manifest.
    const bytes = Buffer.from(restored);
    await writeFile(file, await packAsync(bytes));
    return { url, hash: pagefindHash(bytes) };
  });
  await storeWords(
    dir,
    meta.chunks.map(([, , hash]) => path.join(dir, "index", `${hash}.pf_index`)),
  );
  await writeManifest(dir, pages);
  await commitFolder(dir, entry);
  return pages;
}

/** Locations (as Pagefind counts them for its chunks) in one stored piece of a partial index's words. */
const PIECE_LOCATIONS = 2000;

/** Replaces Pagefind's index chunks (`chunks`, in order) with pieces of at most `PIECE_LOCATIONS`. */
async function storeWords(dir: string, chunks: readonly string[]): Promise<void> {
  const pieces: Uint8Array[] = [];
  let piece: PackedWord[] = [];
  let size = 0;
  const flush = (): void => {
    pieces.push(encodeCbor([piece] satisfies WordIndex));
    piece = [];
    size = 0;
  };
  for (const chunk of chunks) {
    const [words] = await readCbor<WordIndex>(chunk);
    for (const word of words) {
      piece.push(word);
      size += locationCount(word);
      if (size >= PIECE_LOCATIONS) flush();
    }
  }
  if (piece.length) flush();
  await writeFile(path.join(dir, WORD_PIECES.file), Buffer.concat(pieces));
  await writeFile(path.join(dir, WORD_PIECES.lengths), JSON.stringify(pieces.map((p) => p.length)));
  await rm(path.join(dir, "index"), { recursive: true });
}
