/**
 * The loader's persistent cache (`.cache/content/`, kept between builds like the image and search
 * caches): each article file's result before the checks that span articles (`ParsedArticle`,
 * lib/content/load.ts), so a republish parses, decodes and validates only the files that changed.
 *
 * Why keyed by content and never by times: CI checks out a fresh clone, where every time is new, and
 * a time proves nothing about bytes. An entry's key hashes everything its result is made of: the
 * file's bytes and paths, its folder's entries as the inventory judges them (name, type, kind read
 * from the bytes), the site settings, and the code that makes the result (lib/, the dependency lock,
 * the Node version). Which other articles exist is not in it: links to them are checked every load.
 *
 * A cache is only a cache. The payload carries its SHA-256 and every entry is checked against a
 * schema when used; a damaged, truncated or edited file or entry is ignored and the files are parsed
 * again, so it can neither change the output nor hide a problem. One file per content folder,
 * rewritten whole with the entries the load used: entries of changed or deleted articles do not pile up.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { hashFiles } from "../rebuild/code-key.ts";
import { judgeFolder, type FolderEntry, type FolderJudgement } from "./inventory.ts";
import type { ParsedArticle } from "./load.ts";
import { decodeText, MAX_TEXT_BYTES, type TextFile } from "./text-file.ts";

/** The first line of a cache file: the format, then the SHA-256 of everything after that line. */
const HEADER = "portal-content-cache/1 ";
/** What the result is computed by: changing any of it makes every key new. */
const CODE = ["lib", "package.json", "package-lock.json", "tsconfig.json"];
const PROJECT_DIR = fileURLToPath(new URL("../..", import.meta.url));
/** How long another content folder's cache file is kept unused: a build beside this one may use it. */
const UNUSED_FOR_MS = 24 * 60 * 60 * 1000;

const problem = z.strictObject({
  file: z.string(),
  line: z.number().int(),
  field: z.string(),
  message: z.string(),
  severity: z.enum(["error", "warning"]),
});
const portalDate = z.strictObject({ instant: z.iso.datetime(), hasTime: z.boolean() });
const article = z.strictObject({
  slug: z.string(),
  url: z.string(),
  inputPath: z.string(),
  dir: z.string(),
  title: z.string(),
  date: portalDate,
  updated: portalDate.optional(),
  dateNote: z.string().optional(),
  author: z.string(),
  unit: z.string(),
  category: z.strictObject({ slug: z.string(), name: z.string() }),
  tags: z.array(z.string()),
  summary: z.string(),
  hasOwnSummary: z.boolean(),
  image: z
    .strictObject({
      src: z.string(),
      alt: z.string(),
      caption: z.string().optional(),
      path: z.string(),
      line: z.number().int(),
    })
    .optional(),
  bodyImages: z.array(
    z.strictObject({
      src: z.string(),
      alt: z.string(),
      title: z.string(),
      line: z.number().int(),
      path: z.string().optional(),
    }),
  ),
  attachments: z.array(
    z.strictObject({
      name: z.string(),
      path: z.string(),
      kind: z.enum(["pdf", "ole", "docx", "xlsx", "pptx", "odt", "ods", "odp"]),
    }),
  ),
  draft: z.boolean(),
  aliases: z.array(z.string()),
  /** The Markdown body, or the byte offset where it starts in the file when it is those bytes as they are. */
  body: z.union([z.string(), z.number().int().nonnegative()]),
});
const entrySchema = z.strictObject({
  before: z.array(problem),
  photos: z.array(problem),
  links: z.array(z.strictObject({ line: z.number().int(), href: z.string(), slug: z.string() })),
  after: z.array(problem),
  draft: z.boolean().nullable(),
  article: article.nullable(),
});

/** A file's result: its key, for the in-memory memo, and whether it came from the cache. */
export interface CachedResult {
  readonly key: string;
  readonly parsed: ParsedArticle;
  readonly reused: boolean;
}

/** One load's view of the cache of one content folder. */
export class LoadCache {
  private readonly file: string;
  /** Entries as read from disk (key → JSON), read on first use. */
  private stored: Map<string, string> | undefined;
  /** Entries this load used or made. */
  private readonly used = new Map<string, string>();
  private made = false;
  private base: string | undefined;

  constructor(
    private readonly dir: string,
    contentDir: string,
    /** The site settings every result depends on (load.ts). */
    private readonly siteStamp: string,
  ) {
    this.file = path.join(dir, `${sha256(path.resolve(contentDir)).slice(0, 24)}.txt`);
  }

  /** Keeps an entry the caller holds in memory (by `key`); false when this cache does not have it. */
  keep(key: string | undefined): boolean {
    const text = key === undefined ? undefined : (this.used.get(key) ?? this.entries().get(key));
    if (key === undefined || text === undefined) return false;
    this.used.set(key, text);
    return true;
  }

  /**
   * The result for `file`, from the cache or from `parse` (then cached). Undefined for a file too
   * large to read, which the loader refuses unread anyway.
   */
  load(
    file: string,
    relative: string,
    entries: readonly FolderEntry[],
    size: number,
    parse: (text: TextFile, judged: FolderJudgement) => ParsedArticle,
  ): CachedResult | undefined {
    if (size > MAX_TEXT_BYTES) return undefined;
    const bytes = readFileSync(file);
    if (bytes.length > MAX_TEXT_BYTES) return undefined;
    const folder = path.dirname(file);
    const judged = judgeFolder(folder, entries);
    const hash = createHash("sha256").update(this.baseKey());
    hash.update(`${file}\0${relative}\0${bytes.length}\0`).update(bytes);
    for (const { name, dirent } of entries) {
      const type = dirent.isFile() ? "f" : dirent.isDirectory() ? "d" : dirent.isSymbolicLink() ? "l" : "o";
      hash.update(`\0${name}\0${type}\0${JSON.stringify(judged.get(name) ?? null)}`);
    }
    const key = hash.digest("base64url");
    const entry = this.used.get(key) ?? this.entries().get(key);
    const found = entry === undefined ? undefined : revive(entry, bytes);
    if (entry !== undefined && found !== undefined) {
      this.used.set(key, entry);
      return { key, parsed: found, reused: true };
    }
    const decoded = decodeText(bytes);
    const parsed = parse(decoded, judged);
    this.used.set(key, serialise(parsed, bytes, decoded));
    this.made = true;
    return { key, parsed, reused: false };
  }

  /**
   * Writes the entries this load used, when they differ from the file's, as a whole new file put in
   * place by a rename: a build killed while writing leaves the old file, never half of a new one.
   */
  save(): void {
    if (!this.made && (this.stored === undefined || this.stored.size === this.used.size)) return;
    const lines = [...this.used].map(([key, text]) => `${key}\t${text}\n`).join("");
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(temporary, `${HEADER}${sha256(lines)}\n${lines}`);
      renameSync(temporary, this.file);
      this.stored = new Map(this.used);
      this.made = false;
      this.prune();
    } catch {
      // A cache that cannot be written (full disk, read-only folder) only costs the next build time.
      rmSync(temporary, { force: true });
    }
  }

  /** Removes other content folders' files (and leftovers of killed writes) no build used for a day. */
  private prune(): void {
    const now = Date.now();
    for (const name of readdirSync(this.dir)) {
      const file = path.join(this.dir, name);
      if (file === this.file) continue;
      const stats = statSync(file, { throwIfNoEntry: false });
      if (stats?.isFile() && now - stats.mtimeMs > UNUSED_FOR_MS) rmSync(file, { force: true });
    }
  }

  /** The cached entries; none when the file is missing, damaged or of another format. */
  private entries(): Map<string, string> {
    this.stored ??= readEntries(this.file);
    return this.stored;
  }

  private baseKey(): string {
    this.base ??= sha256(`${codeKey()}\0${this.siteStamp}`);
    return this.base;
  }
}

let code: string | undefined;

/** The loader's code as this process runs it: read once, so an edit during a build cannot mislabel it. */
function codeKey(): string {
  if (code === undefined) {
    const hash = createHash("sha256");
    hashFiles(hash, PROJECT_DIR, CODE);
    code = hash.update(`node ${process.version}`).digest("hex");
  }
  return code;
}

function readEntries(file: string): Map<string, string> {
  const entries = new Map<string, string>();
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return entries;
  }
  const end = data.indexOf(0x0a);
  const header = data.toString("latin1", 0, Math.max(end, 0));
  const payload = data.subarray(end + 1);
  if (end < 0 || header !== `${HEADER}${sha256(payload)}`) return entries;
  for (const line of payload.toString("utf8").split("\n")) {
    const tab = line.indexOf("\t");
    if (tab > 0) entries.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return entries;
}

/** The stored form of a result: JSON, dates as ISO text, the body as its offset in the file when it can be. */
function serialise(parsed: ParsedArticle, bytes: Buffer, { text, problems }: TextFile): string {
  const { before, photos, links, after, draft, article: found } = parsed;
  let stored: unknown = null;
  if (found) {
    // Without bad bytes or CRs, the text is the bytes decoded (after any BOM), so a body that ends
    // the text is its last bytes. It begins at a code point: it and the text are whole UTF-16.
    const asBytes = problems.length === 0 && bytes.indexOf(0x0d) === -1 && text.endsWith(found.body);
    stored = { ...found, body: asBytes ? bytes.length - Buffer.byteLength(found.body) : found.body };
  }
  return JSON.stringify({ before, photos, links, after, draft: draft ?? null, article: stored });
}

/** The result an entry holds, or undefined when it is not one this code wrote. */
function revive(text: string, bytes: Buffer): ParsedArticle | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const checked = entrySchema.safeParse(json);
  if (!checked.success) return undefined;
  // The JSON itself, not the schema's copy: it keeps the fields in the order the loader made them,
  // which page keys (lib/rebuild/page-keys.ts) hash.
  const entry = json as z.infer<typeof entrySchema>;
  const stored = entry.article as Record<string, unknown> | null;
  if (stored !== null) {
    const at = stored.body;
    if (typeof at === "number") {
      if (at > bytes.length) return undefined;
      stored.body = bytes.toString("utf8", at);
    }
    // In place, so each date keeps its place among the fields.
    for (const date of [stored.date, stored.updated]) {
      if (date !== undefined)
        (date as { instant: unknown }).instant = new Date((date as { instant: string }).instant);
    }
  }
  const { before, photos, links, after, draft } = entry;
  return {
    before,
    photos,
    links,
    after,
    ...(draft !== null ? { draft } : {}),
    ...(stored !== null ? { article: stored as unknown as ParsedArticle["article"] } : {}),
  };
}

function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
