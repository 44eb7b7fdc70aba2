/**
 * The search index's settings, resolved once at the top (the plugin, or a caller of `indexPages`)
 * and passed down: nothing below reads the environment.
 */
import os from "node:os";
import { fileURLToPath } from "node:url";

/**
 * Reading tools, share links and previous/next sit inside the article but are not its text; the
 * layout marks all of them `no-print` for the same reason.
 */
export const EXCLUDE_SELECTORS: readonly string[] = [".no-print"];

/** Pages the recent bundle holds at most, unless its newest month alone is larger (see `tiers.ts`). */
const RECENT_PAGES = 1000;

/**
 * Pages of a partial index at most. Why not more: Pagefind holds an index in memory (some hundreds of
 * KB a page), so two indexers side by side hold at most twice this many.
 */
const PART_PAGES = 250;

/** Kept between builds (Netlify's cache plugin and CI cache `.cache/`, like the image cache). */
const CACHE_DIR = fileURLToPath(new URL("../../.cache/search", import.meta.url));

export interface IndexerOptions {
  /** Language of the index; `vi` names it (no stemmer exists for Vietnamese). */
  readonly language?: string;
  /**
   * Pagefind indexers run side by side, each a Pagefind process fed from a worker thread
   * (`indexer-worker.mjs`). Default: two where the machine has two cores or more, since one Pagefind
   * service uses one core at most and the rendering thread leaves most of a second core idle.
   */
  readonly lanes?: number;
  /**
   * Pages of a partial index at most: a month with more is split (`parts.ts`). Why partial indexes:
   * Pagefind holds an index in memory, so memory is bounded by them, not the archive, and each is
   * indexed while the next pages render and cached on its own. Default 250.
   */
  readonly partPages?: number;
  /** Pages of the recent bundle searched first (see `tiers.ts`); default 1,000. */
  readonly recentPages?: number;
  /** The cache of partial indexes (`part-cache.ts`); default `.cache/search/` in the project. */
  readonly cacheDir?: string;
}

/** `IndexerOptions` with every default filled in. */
export interface IndexerSettings {
  readonly language: string;
  readonly lanes: number;
  readonly partPages: number;
  readonly recentPages: number;
  readonly cacheDir: string;
  readonly excludeSelectors: readonly string[];
}

export function indexerSettings(options: IndexerOptions = {}): IndexerSettings {
  const lanes = options.lanes ?? Math.min(2, os.availableParallelism());
  return {
    language: options.language ?? "vi",
    lanes,
    partPages: options.partPages ?? PART_PAGES,
    recentPages: options.recentPages ?? RECENT_PAGES,
    cacheDir: options.cacheDir ?? CACHE_DIR,
    excludeSelectors: EXCLUDE_SELECTORS,
  };
}

/**
 * The tuning knobs tests and the benchmark set from the environment: `PORTAL_SEARCH_LANES`,
 * `PORTAL_SEARCH_PART_PAGES`, `PORTAL_SEARCH_RECENT_PAGES` (positive integers; others are ignored),
 * and `SEARCH_CACHE_DIR` (a folder; like `IMAGE_CACHE_DIR` for images).
 */
export function indexerOptionsFromEnv(env: NodeJS.ProcessEnv): IndexerOptions {
  const count = (name: string): number | undefined => {
    const value = Number(env[name]);
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const options: { -readonly [K in keyof IndexerOptions]: IndexerOptions[K] } = {};
  const lanes = count("PORTAL_SEARCH_LANES");
  const partPages = count("PORTAL_SEARCH_PART_PAGES");
  const recentPages = count("PORTAL_SEARCH_RECENT_PAGES");
  if (lanes !== undefined) options.lanes = lanes;
  if (partPages !== undefined) options.partPages = partPages;
  if (recentPages !== undefined) options.recentPages = recentPages;
  if (env.SEARCH_CACHE_DIR) options.cacheDir = env.SEARCH_CACHE_DIR;
  return options;
}
