/**
 * The persistent image cache: one folder per (source content, settings) pair, holding every encoded
 * output and a `manifest.json` written last, so an interrupted build leaves no entry that looks done.
 * The manifest records each output's size and SHA-256 as it was written, and every entry is checked
 * against them before it is reused: a cache is only a cache, and a truncated or missing file (a full
 * disk, a killed build, a hand edit) is encoded again rather than published.
 *
 * Why content hashes and not mtimes: checkouts (CI, Netlify) reset mtimes; a hash survives them, and a
 * renamed or moved photo is still a hit.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ENCODERS, MAX_INPUT_PIXELS, PIPELINE_VERSION, SHARE_SIZE, WIDTHS } from "./settings.ts";
import { EXTENSIONS, FORMATS, type CachedFile, type EncodedImage } from "./encode.ts";

/** Hash of everything that shapes the outputs besides the source bytes. */
const settingsHash = createHash("sha256")
  .update(JSON.stringify({ WIDTHS, ENCODERS, SHARE_SIZE, MAX_INPUT_PIXELS, PIPELINE_VERSION }))
  .digest("hex")
  .slice(0, 8);

/**
 * The cache key of a source: 16 hex of its SHA-256, then the settings hash. Hashed in libuv's thread pool (WebCrypto) rather than on the calling thread: a build
 * hashes every photo of the archive, and the thread that renders pages should not wait for it.
 */
export async function sourceKey(source: Buffer<ArrayBuffer>): Promise<string> {
  const sha256 = Buffer.from(await crypto.subtle.digest("SHA-256", source)).toString("hex");
  return `${sha256.slice(0, 16)}-${settingsHash}`;
}

/** A finished entry: what the markup needs, and each file's size and hash. */
export interface CacheEntry extends EncodedImage {
  readonly files: Readonly<Record<string, CachedFile>>;
}

const entrySchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  widths: z.array(z.number().int().positive()).min(1),
  fallback: z.enum(["jpeg", "png"]),
  colour: z.tuple([z.number(), z.number(), z.number()]),
  share: z.boolean(),
  files: z.record(
    z.string(),
    z.object({ size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  ),
});

/** The files an entry must hold for what its manifest promises. */
function expectedFiles(image: EncodedImage): string[] {
  const names = image.widths.flatMap((w) =>
    [...FORMATS, image.fallback].map((format) => `${w}.${EXTENSIONS[format]}`),
  );
  return image.share ? [...names, "share.jpg"] : names;
}

/** What the cache holds for a key: nothing, a finished entry, or a manifest that cannot be trusted. */
export type CacheLookup =
  | { readonly entry: CacheEntry; readonly damage?: undefined }
  | { readonly entry?: undefined; readonly damage: string }
  | undefined;

export class ImageCache {
  constructor(readonly dir: string) {}

  entryDir(key: string): string {
    return path.join(this.dir, key);
  }

  /** The manifest of a finished entry; `damage` when it is there but empty, cut off or malformed. */
  read(key: string): CacheLookup {
    const file = path.join(this.entryDir(key), "manifest.json");
    if (!existsSync(file)) return undefined;
    try {
      const entry = entrySchema.parse(JSON.parse(readFileSync(file, "utf8"))) as CacheEntry;
      const unrecorded = expectedFiles(entry).find((name) => !(name in entry.files));
      return unrecorded ? { damage: `manifest.json không ghi ${unrecorded}` } : { entry };
    } catch {
      return { damage: "manifest.json hỏng" };
    }
  }

  /**
   * Checks every file of a finished entry against its record (size first, then SHA-256 of the
   * content); resolves with what is wrong, or undefined. Hashing runs in libuv's thread pool
   * (WebCrypto), off the thread that renders pages. An entry this cache found whole before is not
   * hashed again while its files keep their size, mtime and inode (a dev server's rebuilds): any write
   * to a file changes its mtime.
   */
  async verify(key: string, entry: CacheEntry): Promise<string | undefined> {
    const dir = this.entryDir(key);
    const names = expectedFiles(entry);
    const stats = await Promise.all(names.map((name) => stat(path.join(dir, name)).catch(() => undefined)));
    const missing = names.find((_, i) => stats[i] === undefined);
    if (missing !== undefined) return `thiếu ${missing}`;
    const signature = stats.map((s) => `${s?.size}:${s?.mtimeMs}:${s?.ino}`).join(" ");
    if (this.verified.get(key) === signature) return undefined;
    const problems = await Promise.all(
      names.map(async (name, i): Promise<string | undefined> => {
        const record = entry.files[name] as CachedFile;
        const size = stats[i]?.size;
        if (size !== record.size) return `${name} dài ${size} byte, lúc ghi ${record.size}`;
        const bytes = await readFile(path.join(dir, name));
        const digest = Buffer.from(await crypto.subtle.digest("SHA-256", bytes)).toString("hex");
        return digest === record.sha256 ? undefined : `${name} khác nội dung lúc ghi`;
      }),
    );
    const problem = problems.find((p) => p !== undefined);
    if (problem === undefined) this.verified.set(key, signature);
    return problem;
  }

  /** Entries found whole, with the size, mtime and inode of their files then (see `verify`). */
  private readonly verified = new Map<string, string>();

  /** Creates the entry folder for writing outputs into. */
  open(key: string): string {
    const dir = this.entryDir(key);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Deletes an entry that cannot be trusted, so it is encoded again from nothing. */
  discard(key: string): void {
    this.verified.delete(key);
    rmSync(this.entryDir(key), { recursive: true, force: true });
  }

  /** Marks an entry finished (atomic rename, so a crash never leaves a half manifest). */
  commit(key: string, entry: CacheEntry): void {
    const dir = this.entryDir(key);
    const part = path.join(dir, `manifest.${process.pid}.part`);
    writeFileSync(part, JSON.stringify(entry));
    renameSync(part, path.join(dir, "manifest.json"));
  }
}
