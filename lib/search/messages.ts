/**
 * The messages between the rendering thread and the search worker threads: one definition per
 * protocol, imported by both sides (the TypeScript workers, and `indexer-worker.mjs` through JSDoc).
 *
 * Each worker answers in the order it was asked (see `WorkerLink`); an answer with `error` fails the
 * request it answers.
 */
import type { Verified } from "./part-cache.ts";
import type { TierManifest } from "./tiers.ts";

/** What every answer carries: its kind, and the error when the request failed. */
export interface WorkerAnswer {
  readonly kind: string;
  readonly error?: string;
}

/** What a TypeScript worker is started with through `typescript-worker.mjs`: its module, and its own data. */
export type TypeScriptWorkerData<Data> = Data & {
  /** File URL of the worker's TypeScript module. */
  readonly module: string;
};

// Indexer: one Pagefind process fed from a worker thread (`indexer-worker.mjs`, `IndexerThread`).

/** Settings of every Pagefind index the worker makes. */
export interface IndexerWorkerData {
  readonly language: string;
  readonly excludeSelectors: readonly string[];
}

/** A page as Pagefind receives it: its URL and the HTML to index (UTF-8). */
export interface IndexerPage {
  readonly url: string;
  readonly content: Uint8Array;
}

export type IndexerRequest =
  /** Indexes `pages` in a new Pagefind index and writes it to `dir` as a bundle (a partial index). */
  | { readonly kind: "index"; readonly dir: string; readonly pages: readonly IndexerPage[] }
  /** Ends the Pagefind process once everything asked before is done; the worker then exits. */
  | { readonly kind: "close" }
  /** A failed build: ends the Pagefind process at once, whatever is queued. */
  | { readonly kind: "stop" };

export type IndexerAnswer =
  /** For each `index`: Pagefind's errors about its pages or the writing (none when it went well). */
  | {
      readonly kind: "indexed";
      readonly dir: string;
      readonly errors: readonly string[];
      readonly error?: undefined;
    }
  | { readonly kind: "closed"; readonly error?: undefined }
  | { readonly kind: "stopped"; readonly error?: undefined };

// Merge: the merge of the partial indexes into the bundles readers get (`merge-worker.ts`, `MergeThread`).

export interface MergeWorkerData {
  /** The bundle folder the merge writes (`tiers.json` included). */
  readonly outputPath: string;
  /** Pages of the recent bundle searched first (see `tiers.ts`). */
  readonly recentPages: number;
  /** Where Pagefind's library (script, worker, wasm) is kept for the cached partial indexes. */
  readonly libraryDir: string;
}

/** What the merge must know of a page: its sort values (Pagefind does not store them). */
export interface PageFacts {
  readonly url: string;
  readonly sorts: readonly (readonly [key: string, value: string])[];
}

/** A page of a cached partial index: its URL and the full Pagefind hash of its fragment as readers get it. */
export interface CachedPage {
  readonly url: string;
  readonly hash: string;
}

export type MergeRequest =
  /**
   * Turns a partial index Pagefind wrote at `dir` into a cache entry at `entry`: fragments restored
   * for readers (but those of `unmarked` pages, see `d-stroke.ts`), library moved to `libraryDir`,
   * manifest written last.
   */
  | {
      readonly kind: "store";
      readonly dir: string;
      readonly entry: string;
      readonly unmarked: readonly string[];
    }
  /** Checks the cache entry at `entry` against its manifest (`part-cache.ts` `verifyFolder`). */
  | { readonly kind: "check"; readonly entry: string }
  /** Facts of pages, sent before the merge. */
  | { readonly kind: "pages"; readonly pages: readonly PageFacts[] }
  /**
   * Takes over a partial index (in bundle order): a cache entry with its pages, or, without them, a
   * bundle as Pagefind wrote it (a site without pages).
   */
  | { readonly kind: "part"; readonly dir: string; readonly pages?: readonly CachedPage[] }
  /** Merges the word lists and writes the bundles. */
  | { readonly kind: "finish" };

export type MergeAnswer =
  /** For each `store`, as soon as it is done (stores run side by side, so not in the order asked). */
  | {
      readonly kind: "stored";
      readonly entry: string;
      readonly pages?: readonly CachedPage[];
      readonly error?: string;
    }
  /** For each `check`, as soon as it is done (checks run side by side). */
  | { readonly kind: "checked"; readonly entry: string; readonly verified: Verified }
  | { readonly kind: "taken"; readonly error?: string }
  | { readonly kind: "finished"; readonly tiers?: TierManifest; readonly error?: string };
