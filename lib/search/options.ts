/**
 * The search index's settings, resolved once at the top (the plugin, or a caller of `indexPages`)
 * and passed down: nothing below reads the environment.
 */
import os from "node:os";

/**
 * Reading tools, share links and previous/next sit inside the article but are not its text; the
 * layout marks all of them `no-print` for the same reason.
 */
export const EXCLUDE_SELECTORS: readonly string[] = [".no-print"];

/** Pages the recent bundle holds at most, unless its newest month alone is larger (see `tiers.ts`). */
const RECENT_PAGES = 1000;

/** Pages held by Pagefind at once, shared by the indexers (see `IndexerSettings.partPages`). */
const PAGES_IN_PAGEFIND = 500;

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
   * Pages of a partial index: each indexer writes its Pagefind index every this many pages and
   * starts a new one. Why: Pagefind holds an index in memory (some hundreds of KB per article page),
   * so memory is bounded by the partial indexes, not the archive, and each is written while the next
   * pages render. Default: 500 pages held by Pagefind in all, shared by the indexers.
   */
  readonly partPages?: number;
  /** Pages of the recent bundle searched first (see `tiers.ts`); default 1,000. */
  readonly recentPages?: number;
}

/** `IndexerOptions` with every default filled in. */
export interface IndexerSettings {
  readonly language: string;
  readonly lanes: number;
  readonly partPages: number;
  readonly recentPages: number;
  readonly excludeSelectors: readonly string[];
}

export function indexerSettings(options: IndexerOptions = {}): IndexerSettings {
  const lanes = options.lanes ?? Math.min(2, os.availableParallelism());
  return {
    language: options.language ?? "vi",
    lanes,
    partPages: options.partPages ?? Math.ceil(PAGES_IN_PAGEFIND / lanes),
    recentPages: options.recentPages ?? RECENT_PAGES,
    excludeSelectors: EXCLUDE_SELECTORS,
  };
}

/**
 * The tuning knobs tests and the benchmark set from the environment: `PORTAL_SEARCH_LANES`,
 * `PORTAL_SEARCH_PART_PAGES`, `PORTAL_SEARCH_RECENT_PAGES` (positive integers; others are ignored).
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
  return options;
}
