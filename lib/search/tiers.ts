/**
 * Recent years first: the search index of a large archive is written as two Pagefind bundles, the
 * newest years in `/pagefind/` and the older ones in `/pagefind/luu-tru/`, and the search page
 * searches the recent bundle first and the archive when the reader asks for it (or when the recent
 * years hold too few results).
 *
 * Why: a reader's first query downloads the index chunks of its words, and each lists every page of
 * the bundle holding the word, with its positions. Words of everyday Vietnamese news ("cán bộ", "xã",
 * "huyện") are on most pages, so at 10,000 articles one bundle made "can bo" cost 874 KB; Pagefind's
 * own page list (`pf_meta`) alone was 95 KB. A bundle of about a thousand pages keeps a first query
 * under 300 KB whatever the size of the archive. Whole years go together, so a year filter or the
 * newest-first sort never mixes bundles within a year.
 */

/** Folder of the older years' bundle, inside the recent bundle's folder. */
export const ARCHIVE_FOLDER = "luu-tru";

/** The file in the recent bundle's folder that tells the search page what each bundle holds. */
export const TIERS_FILE = "tiers.json";

/** Pages the recent bundle holds at most, unless its newest year alone is larger. */
export const RECENT_PAGES = 1000;

/** Years and pages of one bundle. */
export interface TierRange {
  readonly from: number;
  readonly to: number;
  readonly pages: number;
}

/** What `tiers.json` says: the recent bundle, and the archive's folder (relative to it) when there is one. */
export interface TierManifest {
  readonly recent: TierRange;
  readonly archive: (TierRange & { readonly path: string }) | null;
}

/** Recent pages unless told otherwise; `PORTAL_SEARCH_RECENT_PAGES` overrides it (tests, benchmark). */
export function defaultRecentPages(): number {
  const fromEnv = Number(process.env.PORTAL_SEARCH_RECENT_PAGES);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : RECENT_PAGES;
}

/**
 * The years the recent bundle holds: the newest year, then each year before it for as long as the
 * bundle stays within `limit` pages.
 * @example recentYears(new Map([[2025, 600], [2024, 300], [2023, 500]]), 1000) // Set { 2025, 2024 }
 */
export function recentYears(pagesPerYear: ReadonlyMap<number, number>, limit: number): Set<number> {
  const years = [...pagesPerYear.keys()].sort((a, b) => b - a);
  const recent = new Set<number>();
  let pages = 0;
  for (const year of years) {
    const count = pagesPerYear.get(year)!;
    if (recent.size > 0 && pages + count > limit) break;
    recent.add(year);
    pages += count;
  }
  return recent;
}

/**
 * Places each page (given by its year, in page order) in the recent bundle (0) or the archive (1),
 * with the manifest the search page reads.
 */
export function splitByYear(
  years: readonly number[],
  limit: number,
): { folders: string[]; bundleOf: number[]; manifest: TierManifest } {
  const perYear = new Map<number, number>();
  for (const year of years) perYear.set(year, (perYear.get(year) ?? 0) + 1);
  const recent = recentYears(perYear, limit);
  const range = (inRecent: boolean): TierRange => {
    const chosen = [...perYear].filter(([year]) => recent.has(year) === inRecent);
    return {
      from: Math.min(...chosen.map(([year]) => year)),
      to: Math.max(...chosen.map(([year]) => year)),
      pages: chosen.reduce((sum, [, count]) => sum + count, 0),
    };
  };
  const archived = recent.size < perYear.size;
  return {
    folders: archived ? ["", ARCHIVE_FOLDER] : [""],
    bundleOf: years.map((year) => (recent.has(year) ? 0 : 1)),
    manifest: {
      recent: range(true),
      archive: archived ? { ...range(false), path: `${ARCHIVE_FOLDER}/` } : null,
    },
  };
}
