/**
 * Turns source files into cached encodes, and remembers which outputs the current build publishes.
 *
 * Concurrency, chosen on purpose: libvips is set to one thread per operation and `concurrency`
 * (default: the machine's cores) operations run at once. Independent photos scale almost linearly
 * across cores, while one photo on two libvips threads is well short of twice as fast; and a libvips
 * default of "all cores" per operation times several operations at once would oversubscribe the CPU.
 */
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import sharp from "sharp";
import { ImageCache, sourceKey, type CacheEntry } from "./cache.ts";
import { decode, encodeAll, type EncodedImage } from "./encode.ts";
import { Pool } from "./pool.ts";
import type { PlacedImage } from "./markup.ts";
import { slugify } from "../text/slug.ts";
import { latestVersionBeside } from "../output/site-versions.ts";

export interface PipelineOptions {
  /** Persistent cache folder (kept between builds, e.g. `.cache/images`). */
  readonly cacheDir: string;
  /** Simultaneous sharp operations; defaults to the machine's cores. */
  readonly concurrency?: number;
}

/** What one source content came to in this build: its entry, or why it could not be decoded. */
type EntryResult = { readonly entry: CacheEntry; readonly madeNow: boolean } | { readonly failure: string };

export interface PreparedImage {
  readonly key: string;
  readonly manifest: EncodedImage;
}

/** Counts for the build log, the tests and the benchmark. */
export interface PipelineStats {
  /** Sources decoded and encoded in this build. */
  encoded: number;
  /** Sources served entirely from the cache. */
  cached: number;
  /** Of the encoded, those whose cache entry was damaged (a file cut off, missing or changed). */
  repaired: number;
  /** Milliseconds spent in `prepare`. */
  ms: number;
}

export class ImagePipeline {
  readonly cache: ImageCache;
  readonly pool: Pool;
  stats: PipelineStats = { encoded: 0, cached: 0, repaired: 0, ms: 0 };
  private prepared = new Map<string, PreparedImage>();
  private failures = new Map<string, string>();
  private outputs = new Map<string, string>();
  /** This build's entries by cache key (see `entryFor`). */
  private entries = new Map<string, Promise<EntryResult>>();
  private priority = 0;

  constructor(options: PipelineOptions) {
    this.cache = new ImageCache(path.resolve(options.cacheDir));
    this.pool = new Pool(options.concurrency ?? os.availableParallelism());
    sharp.concurrency(1);
  }

  /** Forgets the previous build (watch mode rebuilds reuse the pipeline); the disk cache stays. */
  reset(): void {
    this.stats = { encoded: 0, cached: 0, repaired: 0, ms: 0 };
    this.prepared.clear();
    this.failures.clear();
    this.outputs.clear();
    this.entries.clear();
  }

  /**
   * Encodes (or finds in the cache) every source. A source that cannot be read or decoded is recorded
   * (the author's problem, see `failure`); failing to write the cache (a full disk) rejects.
   */
  async prepare(requests: readonly { path: string; share: boolean }[]): Promise<void> {
    const started = performance.now();
    const wanted = new Map<string, boolean>();
    for (const r of requests) wanted.set(r.path, (wanted.get(r.path) ?? false) || r.share);
    await Promise.all([...wanted].map(([file, share]) => this.prepareOne(file, share)));
    this.stats.ms += performance.now() - started;
  }

  private async prepareOne(file: string, share: boolean): Promise<void> {
    const done = this.prepared.get(file);
    if (done && (done.manifest.share || !share)) return;
    let source: Buffer<ArrayBuffer>;
    let key: string;
    try {
      source = await readFile(file);
      key = await sourceKey(source);
    } catch (error) {
      this.failures.set(file, error instanceof Error ? error.message : String(error));
      return;
    }
    const result = await this.entryFor(key, file, source, share);
    if ("failure" in result) {
      this.failures.set(file, result.failure);
      return;
    }
    if (result.madeNow) this.stats.encoded++;
    else this.stats.cached++;
    this.prepared.set(file, { key, manifest: result.entry });
  }

  /**
   * The cache entry of one source content, read, checked or encoded once per build however many
   * files hold that content (the same photo in several articles): each use waits for the first,
   * and two encodes never write one entry folder at the same time. `madeNow` is true for the
   * first use of an entry this build encoded, so `stats.encoded` counts encodes.
   */
  private entryFor(key: string, file: string, source: Buffer, share: boolean): Promise<EntryResult> {
    const before = this.entries.get(key);
    const next = (before ?? Promise.resolve(undefined)).then(async (known): Promise<EntryResult> => {
      const reused = known && { ...known, madeNow: false };
      if (reused && ("failure" in reused || reused.entry.share || !share)) return reused;
      return this.loadOrEncode(key, file, source, share, reused?.entry);
    });
    this.entries.set(key, next);
    return next;
  }

  /** Reads and checks the cache entry of `key` (unless this build has it: `known`), encoding what it lacks. */
  private async loadOrEncode(
    key: string,
    file: string,
    source: Buffer,
    share: boolean,
    known: CacheEntry | undefined,
  ): Promise<EntryResult> {
    let cached = known;
    if (cached === undefined) {
      const found = this.cache.read(key);
      cached = found?.entry;
      const damage = found?.damage ?? (cached && (await this.cache.verify(key, cached)));
      if (damage !== undefined) {
        console.warn(
          `Bộ đệm ảnh hỏng (${damage}): mã hóa lại ${path.relative(process.cwd(), file)} ` +
            `(image cache entry ${key} damaged, encoding again)`,
        );
        this.cache.discard(key);
        this.stats.repaired++;
        cached = undefined;
      }
    }
    if (cached && (cached.share || !share)) return { entry: cached, madeNow: false };
    const priority = this.priority++;
    let raw: Awaited<ReturnType<typeof decode>>;
    try {
      raw = await this.pool.run(priority, () => decode(source));
    } catch (error) {
      return { failure: error instanceof Error ? error.message : String(error) };
    }
    const made = await encodeAll(
      raw,
      this.cache.open(key),
      { pictures: !cached, share },
      this.pool,
      priority,
    );
    const entry: CacheEntry = cached
      ? { ...cached, share: true, files: { ...cached.files, ...made.files } }
      : { ...made.image, files: made.files };
    this.cache.commit(key, entry);
    return { entry, madeNow: true };
  }

  get(file: string): PreparedImage | undefined {
    return this.prepared.get(file);
  }

  /** sharp's message for a source that could not be read or decoded. */
  failure(file: string): string | undefined {
    return this.failures.get(file);
  }

  /** Publishes a prepared source's pictures under `baseUrl`, named after the source file. */
  place(file: string, baseUrl: string): PlacedImage {
    const prepared = this.prepared.get(file);
    if (!prepared) throw new Error(`Image not prepared: ${file}`);
    const { manifest, key } = prepared;
    const placed: PlacedImage = {
      manifest,
      baseUrl,
      name: slugify(path.basename(file, path.extname(file))) || "anh",
      hash: key.slice(0, 8),
    };
    const fallback = manifest.fallback === "png" ? "png" : "jpg";
    for (const w of manifest.widths) {
      for (const ext of ["avif", "webp", fallback]) {
        this.outputs.set(
          `${baseUrl}${placed.name}-${w}.${placed.hash}.${ext}`,
          path.join(this.cache.entryDir(key), `${w}.${ext}`),
        );
      }
    }
    return placed;
  }

  /** Publishes a file made outside the pipeline (the site's share card) at `url`. */
  publish(file: string, url: string): void {
    this.outputs.set(url, file);
  }

  /** Publishes a prepared source's 1200×630 share image at `url`. */
  placeShare(file: string, url: string): void {
    const prepared = this.prepared.get(file);
    if (!prepared?.manifest.share) throw new Error(`Share image not prepared: ${file}`);
    this.outputs.set(url, path.join(this.cache.entryDir(prepared.key), "share.jpg"));
  }

  /**
   * Copies this build's outputs from the cache into the site folder, on a worker thread
   * (lib/images/publish-worker.mjs), so the build thread goes on with the search index meanwhile.
   * Copies, not hard links: a link is the cache file itself. A file the version readers have now
   * already holds is linked from there instead: published versions are never written again, so
   * sharing storage between them is safe, and an unchanged archive costs no copy
   * (docs/reliability.md has the measured cost). Resolves with the number of files.
   */
  writeOutputs(siteDir: string): Promise<number> {
    const data: PublishWorkerData = {
      siteDir,
      previous: latestVersionBeside(siteDir),
      outputs: [...this.outputs],
    };
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL("./publish-worker.mjs", import.meta.url), { workerData: data });
      let answered = false;
      worker.once("message", (answer: PublishAnswer) => {
        answered = true;
        if ("error" in answer) reject(Object.assign(new Error(answer.error.message), answer.error));
        else resolve(answer.published);
      });
      worker.once("error", reject);
      worker.once("exit", (code) => {
        if (!answered) reject(new Error(`image outputs not written (worker exit ${code})`));
      });
    });
  }
}

/** What lib/images/publish-worker.mjs is started with. */
export interface PublishWorkerData {
  readonly siteDir: string;
  /** The version readers have now, whose whole files are linked rather than copied again. */
  readonly previous: string | undefined;
  /** Site URL → cache file. */
  readonly outputs: readonly (readonly [string, string])[];
}

type PublishAnswer =
  | { readonly published: number }
  | { readonly error: { message: string; code?: string; path?: string; syscall?: string } };
