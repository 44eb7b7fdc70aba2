/**
 * Turns source files into cached encodes, and remembers which outputs the current build publishes.
 *
 * Concurrency, chosen on purpose: libvips is set to one thread per operation and `concurrency`
 * (default: the machine's cores) operations run at once. Independent photos scale almost linearly
 * across cores, while one photo on two libvips threads measured 1.7× here; and a libvips default of
 * "all cores" per operation times several operations at once would oversubscribe the CPU.
 */
import { copyFileSync, constants, linkSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { ImageCache, cacheKey } from "./cache.ts";
import { decode, encodeAll, type EncodedImage } from "./encode.ts";
import { Pool } from "./pool.ts";
import type { PlacedImage } from "./markup.ts";
import { slugify } from "../text/slug.ts";

export interface PipelineOptions {
  /** Persistent cache folder (kept between builds, e.g. `.cache/images`). */
  readonly cacheDir: string;
  /** Simultaneous sharp operations; defaults to the machine's cores. */
  readonly concurrency?: number;
}

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
  /** Milliseconds spent in `prepare`. */
  ms: number;
}

export class ImagePipeline {
  readonly cache: ImageCache;
  readonly pool: Pool;
  stats: PipelineStats = { encoded: 0, cached: 0, ms: 0 };
  private prepared = new Map<string, PreparedImage>();
  private failures = new Map<string, string>();
  private outputs = new Map<string, string>();
  private priority = 0;

  constructor(options: PipelineOptions) {
    this.cache = new ImageCache(path.resolve(options.cacheDir));
    this.pool = new Pool(options.concurrency ?? os.availableParallelism());
    sharp.concurrency(1);
  }

  /** Forgets the previous build (watch mode rebuilds reuse the pipeline); the disk cache stays. */
  reset(): void {
    this.stats = { encoded: 0, cached: 0, ms: 0 };
    this.prepared.clear();
    this.failures.clear();
    this.outputs.clear();
  }

  /** Encodes (or finds in the cache) every source; a bad source is recorded, not thrown. */
  async prepare(requests: readonly { path: string; share: boolean }[]): Promise<void> {
    const started = performance.now();
    const wanted = new Map<string, boolean>();
    for (const r of requests) wanted.set(r.path, (wanted.get(r.path) ?? false) || r.share);
    await Promise.all(
      [...wanted].map(([file, share]) =>
        this.prepareOne(file, share).catch((error: unknown) => {
          this.failures.set(file, error instanceof Error ? error.message : String(error));
        }),
      ),
    );
    this.stats.ms += performance.now() - started;
  }

  private async prepareOne(file: string, share: boolean): Promise<void> {
    const done = this.prepared.get(file);
    if (done && (done.manifest.share || !share)) return;
    const source = readFileSync(file);
    const key = cacheKey(source);
    const cached = this.cache.read(key);
    if (cached && (cached.share || !share)) {
      this.stats.cached++;
      this.prepared.set(file, { key, manifest: cached });
      return;
    }
    const priority = this.priority++;
    const raw = await this.pool.run(priority, () => decode(source));
    const made = await encodeAll(
      raw,
      this.cache.open(key),
      { pictures: !cached, share },
      this.pool,
      priority,
    );
    const manifest = cached ? { ...cached, share: true } : made;
    this.cache.commit(key, manifest);
    this.stats.encoded++;
    this.prepared.set(file, { key, manifest });
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
   * Puts this build's outputs into the site folder as hard links to the cache. Why links: a 10,000
   * article archive publishes some 18,000 encoded files, and copying them took the build's main
   * thread seconds; a committed cache entry is never written again, so a link is as safe as a copy.
   * Where linking is refused (another file system, no hard links) the file is copied.
   */
  writeOutputs(siteDir: string): number {
    const made = new Set<string>();
    for (const [url, cached] of this.outputs) {
      const target = path.join(siteDir, url);
      const dir = path.dirname(target);
      if (!made.has(dir)) mkdirSync(dir, { recursive: true });
      made.add(dir);
      publishFile(cached, target);
    }
    return this.outputs.size;
  }
}

/** Links `cached` at `target` (replacing a file there, as a dev server's rebuild finds one), or copies it. */
function publishFile(cached: string, target: string): void {
  try {
    linkSync(cached, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      rmSync(target, { force: true });
      return publishFile(cached, target);
    }
    if (code !== "EXDEV" && code !== "EPERM" && code !== "EMLINK" && code !== "ENOTSUP") throw error;
    copyFileSync(cached, target, constants.COPYFILE_FICLONE);
  }
}
