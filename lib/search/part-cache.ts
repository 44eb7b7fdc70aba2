/**
 * The cache of partial indexes (`.cache/search/`, kept between builds like the image cache): one
 * folder per key (`parts.ts`: the pages' content, Pagefind's version and our settings), holding what
 * Pagefind wrote for those pages with the fragments already restored for readers, and a
 * `manifest.json` written last: each page's URL and fragment hash, each file's size and SHA-256.
 * Pagefind's library (script, worker, wasm), the same in every partial index, is kept once in
 * `library-<settings>/`, written by the format check (`format-check.ts`).
 *
 * Every entry is checked against its manifest before a build uses it: a cache is only a cache, and a
 * truncated or edited file is indexed again rather than published. Entries no build has used for a
 * day are removed, so the cache holds about one archive's partial indexes.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { CachedPage } from "./messages.ts";

const MANIFEST = "manifest.json";

/** How long an entry no build used is kept: a build running beside this one may be about to use it. */
const UNUSED_FOR_MS = 24 * 60 * 60 * 1000;

const fileSchema = z.object({
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
const manifestSchema = z.object({
  pages: z.array(z.object({ url: z.string(), hash: z.string().regex(/^[0-9a-f]+$/) })),
  files: z.record(z.string(), fileSchema),
});
export type EntryManifest = z.infer<typeof manifestSchema>;

/** An entry's manifest once every file matches it, or what is wrong. */
export type Verified = { manifest: EntryManifest } | { damage: string };

/**
 * The part of every key that is not the pages: Pagefind's version, the index's settings, and our
 * code that shapes what is cached (every file of lib/search), so an upgrade or a change of either
 * never reuses an entry made otherwise.
 */
export function settingsKey(settings: {
  readonly language: string;
  readonly excludeSelectors: readonly string[];
}): string {
  const hash = createHash("sha256").update(
    JSON.stringify({
      pagefind: pagefindVersion(),
      language: settings.language,
      exclude: settings.excludeSelectors,
    }),
  );
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const name of readdirSync(here)
    .filter((n) => /\.(ts|mjs)$/.test(n))
    .sort()) {
    hash.update(name).update(readFileSync(path.join(here, name)));
  }
  return hash.digest("hex").slice(0, 16);
}

/** The installed Pagefind's version (its package's). */
export function pagefindVersion(): string {
  const main = fileURLToPath(import.meta.resolve("pagefind"));
  const pkg = path.join(path.dirname(main), "..", "package.json");
  return (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version;
}

export class PartCache {
  /** Keys of the entries this build used, kept by `prune`. */
  private readonly used = new Set<string>();

  constructor(
    readonly dir: string,
    readonly settings: string,
  ) {}

  entryDir(key: string): string {
    return path.join(this.dir, key);
  }

  get libraryDir(): string {
    return path.join(this.dir, `library-${this.settings}`);
  }

  /** A new folder inside the cache for Pagefind to write into (same file system: entries are renamed in). */
  async stagingDir(): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    return mkdtemp(path.join(this.dir, ".staging-"));
  }

  /** Whether an entry looks finished (its manifest is there); `verify` says whether it can be trusted. */
  async has(key: string): Promise<boolean> {
    return stat(path.join(this.entryDir(key), MANIFEST)).then(
      () => true,
      () => false,
    );
  }

  /** Marks an entry this build uses, so `prune` here and elsewhere keeps it. */
  async markUsed(key: string): Promise<void> {
    this.used.add(key);
    const now = new Date();
    await utimes(path.join(this.entryDir(key), MANIFEST), now, now).catch(() => undefined);
  }

  /** Marks an entry this build made as used, and passes its pages on. */
  keep<T>(key: string, pages: T): T {
    this.used.add(key);
    return pages;
  }

  /** Deletes an entry that cannot be trusted, so it is indexed again from nothing. */
  async discard(key: string): Promise<void> {
    await rm(this.entryDir(key), { recursive: true, force: true });
  }

  /**
   * Removes entries (and other settings' libraries, and staging folders) that neither this build nor
   * any other used for a day.
   */
  async prune(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const now = Date.now();
    await Promise.all(
      names.map(async (name) => {
        if (this.used.has(name) || name === path.basename(this.libraryDir)) return;
        const manifest = path.join(this.dir, name, MANIFEST);
        const since = await stat(manifest)
          .catch(() => stat(path.join(this.dir, name)))
          .then((s) => s.mtimeMs)
          .catch(() => now);
        if (now - since > UNUSED_FOR_MS)
          await rm(path.join(this.dir, name), { recursive: true, force: true });
      }),
    );
  }
}

/** Every file under `dir` (relative paths, `/`-separated), its manifest aside. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .filter((name) => name !== MANIFEST)
    .sort();
}

async function sha256(file: string): Promise<{ size: number; sha256: string }> {
  const bytes = await readFile(file);
  // Hashed here rather than by WebCrypto in libuv's pool: for an entry's many small files, WebCrypto's
  // cost per call is several times the hashing itself, and reading the files is most of the work.
  return { size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** Writes the manifest of the folder `dir` (its files' sizes and hashes, and `pages`), last. */
export async function writeManifest(dir: string, pages: readonly CachedPage[]): Promise<void> {
  const files: EntryManifest["files"] = {};
  for (const name of await listFiles(dir)) files[name] = await sha256(path.join(dir, name));
  const manifest: EntryManifest = { pages: [...pages], files };
  await writeFile(path.join(dir, MANIFEST), JSON.stringify(manifest));
}

/** Checks a folder against its manifest: every file recorded, none more, each of its size and hash. */
export async function verifyFolder(dir: string): Promise<Verified> {
  let manifest: EntryManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(dir, MANIFEST), "utf8")));
  } catch (error) {
    return { damage: `${MANIFEST}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}` };
  }
  const present = await listFiles(dir).catch(() => []);
  const recorded = Object.keys(manifest.files).sort();
  const extra = present.find((name) => !(name in manifest.files));
  if (extra !== undefined) return { damage: `${extra} is not in the manifest` };
  const problems = await Promise.all(
    recorded.map(async (name) => {
      const record = manifest.files[name]!;
      const found = await sha256(path.join(dir, name)).catch(() => undefined);
      if (!found) return `${name} is missing`;
      if (found.size !== record.size) return `${name} is ${found.size} bytes, ${record.size} when written`;
      return found.sha256 === record.sha256 ? undefined : `${name} differs from what was written`;
    }),
  );
  const problem = problems.find((p) => p !== undefined);
  return problem === undefined ? { manifest } : { damage: problem };
}

/** Renames a finished folder into place; another build that finished it first wins. */
export async function commitFolder(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
    await rm(from, { recursive: true, force: true });
  }
}
