/**
 * The messages between the rendering thread and the search worker threads: one definition per
 * protocol, imported by both sides (the TypeScript workers, and `indexer-worker.mjs` through JSDoc).
 *
 * Each worker answers in the order it was asked (see `WorkerLink`); an answer with `error` fails the
 * request it answers.
 */
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

/** A page as Pagefind receives it: its URL and the HTML to index. */
export interface IndexerPage {
  readonly url: string;
  readonly content: string;
}

export type IndexerRequest =
  /** Adds pages to the index being filled (a new one is opened with the first). */
  | { readonly kind: "add"; readonly pages: readonly IndexerPage[] }
  /** Writes the pages added so far to `dir` as one Pagefind bundle (a partial index), and starts a new index. */
  | { readonly kind: "write"; readonly dir: string }
  /** Ends the Pagefind process once everything asked before is done; the worker then exits. */
  | { readonly kind: "close" }
  /** A failed build: ends the Pagefind process at once, whatever is queued. */
  | { readonly kind: "stop" };

export type IndexerAnswer =
  /** For each `add`: how many pages it held, and Pagefind's errors about them. */
  | { readonly kind: "added"; readonly pages: number; readonly errors: readonly string[] }
  | { readonly kind: "written"; readonly dir: string; readonly errors: readonly string[] }
  | { readonly kind: "closed"; readonly error?: undefined }
  | { readonly kind: "stopped"; readonly error?: undefined };

// Merge: the merge of the partial indexes into the bundles readers get (`merge-worker.ts`, `MergeThread`).

export interface MergeWorkerData {
  /** The bundle folder the merge writes (`tiers.json` included). */
  readonly outputPath: string;
  /** Pages of the recent bundle searched first (see `tiers.ts`). */
  readonly recentPages: number;
}

/** What the merge must know of a page: its sort values, and whether its đ was marked (`d-stroke.ts`). */
export interface PageFacts {
  readonly url: string;
  readonly sorts: readonly (readonly [key: string, value: string])[];
  readonly marked: boolean;
}

export type MergeRequest =
  /** Facts of pages, sent before the partial index holding them. */
  | { readonly kind: "pages"; readonly pages: readonly PageFacts[] }
  /** Takes over a partial index Pagefind has written (in the order of the partial indexes). */
  | { readonly kind: "part"; readonly dir: string }
  /** Merges the word lists and writes the bundles. */
  | { readonly kind: "finish" };

export type MergeAnswer =
  | { readonly kind: "taken"; readonly error?: string }
  | { readonly kind: "finished"; readonly tiers?: TierManifest; readonly error?: string };
