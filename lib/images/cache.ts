/**
 * The persistent image cache: one folder per (source content, settings) pair, holding every encoded
 * output and a `manifest.json` written last, so an interrupted build leaves no entry that looks done.
 *
 * Why content hashes and not mtimes: checkouts (CI, Netlify) reset mtimes; a hash survives them, and a
 * renamed or moved photo is still a hit.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ENCODERS, MAX_INPUT_PIXELS, PIPELINE_VERSION, SHARE_SIZE, WIDTHS } from "./settings.ts";
import type { EncodedImage } from "./encode.ts";

/** Hash of everything that shapes the outputs besides the source bytes. */
export const settingsHash = createHash("sha256")
  .update(JSON.stringify({ WIDTHS, ENCODERS, SHARE_SIZE, MAX_INPUT_PIXELS, PIPELINE_VERSION }))
  .digest("hex")
  .slice(0, 8);

/** The cache key of a source: 16 hex of its SHA-256, then the settings hash. */
export function cacheKey(source: Buffer): string {
  return `${createHash("sha256").update(source).digest("hex").slice(0, 16)}-${settingsHash}`;
}

export class ImageCache {
  constructor(readonly dir: string) {}

  entryDir(key: string): string {
    return path.join(this.dir, key);
  }

  /** The manifest of a finished entry, or undefined. */
  read(key: string): EncodedImage | undefined {
    const file = path.join(this.entryDir(key), "manifest.json");
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, "utf8")) as EncodedImage;
    } catch {
      return undefined;
    }
  }

  /** Creates the entry folder for writing outputs into. */
  open(key: string): string {
    const dir = this.entryDir(key);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Marks an entry finished (atomic rename, so a crash never leaves a half manifest). */
  commit(key: string, manifest: EncodedImage): void {
    const dir = this.entryDir(key);
    const part = path.join(dir, `manifest.${process.pid}.part`);
    writeFileSync(part, JSON.stringify(manifest));
    renameSync(part, path.join(dir, "manifest.json"));
  }
}
