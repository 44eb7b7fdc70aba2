/**
 * Recent articles first: the search index of a large archive is written as two Pagefind bundles, the
 * newest months in `/pagefind/` and the older ones in `/pagefind/luu-tru/`, and the search page
 * searches the recent bundle first and the archive when the reader asks for it (or when the recent
 * months hold too few results, or a year filter reaches into the archive).
 *
 * Why: a reader's first query downloads the index chunks of its words, and each lists every page of
 * the bundle holding the word, with its positions. Words of everyday Vietnamese news ("cán bộ", "xã",
 * "huyện") are on most pages, so in one bundle a first query grows with the archive; a bundle of about
 * a thousand pages keeps it within the page-weight budget whatever the size of the archive (figures
 * in docs/search.md). Whole months go together (a year would not do: an archive of 10,000 articles a
 * year would make the newest year alone as large as the whole bundle).
 */

/** Folder of the older articles' bundle, inside the recent bundle's folder. */
export const ARCHIVE_FOLDER = "luu-tru";

/** The file in the recent bundle's folder that tells the search page what each bundle holds. */
export const TIERS_FILE = "tiers.json";

/** Months (`YYYY-MM`, Vietnam time) and pages of one bundle. */
export interface TierRange {
  readonly from: string;
  readonly to: string;
  readonly pages: number;
}

/** What `tiers.json` says: the recent bundle, and the archive's folder (relative to it) when there is one. */
export interface TierManifest {
  readonly recent: TierRange;
  readonly archive: (TierRange & { readonly path: string }) | null;
}

/**
 * The months the recent bundle holds: the newest month, then each month before it for as long as
 * the bundle stays within `limit` pages.
 * @example recentMonths(new Map([["2025-02", 600], ["2025-01", 300], ["2024-12", 500]]), 1000) // Set { "2025-02", "2025-01" }
 */
export function recentMonths(pagesPerMonth: ReadonlyMap<string, number>, limit: number): Set<string> {
  const months = [...pagesPerMonth.keys()].sort().reverse();
  const recent = new Set<string>();
  let pages = 0;
  for (const month of months) {
    const count = pagesPerMonth.get(month)!;
    if (recent.size > 0 && pages + count > limit) break;
    recent.add(month);
    pages += count;
  }
  return recent;
}

/**
 * Places each page (given by its month, `YYYY-MM`, in page order) in the recent bundle (0) or the
 * archive (1), with the manifest the search page reads.
 */
export function splitByMonth(
  months: readonly string[],
  limit: number,
): { folders: string[]; bundleOf: number[]; manifest: TierManifest } {
  const perMonth = new Map<string, number>();
  for (const month of months) perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
  const recent = recentMonths(perMonth, limit);
  const range = (inRecent: boolean): TierRange => {
    const chosen = [...perMonth].filter(([month]) => recent.has(month) === inRecent).sort();
    return {
      from: chosen[0]![0],
      to: chosen.at(-1)![0],
      pages: chosen.reduce((sum, [, count]) => sum + count, 0),
    };
  };
  const archived = recent.size < perMonth.size;
  return {
    folders: archived ? ["", ARCHIVE_FOLDER] : [""],
    bundleOf: months.map((month) => (recent.has(month) ? 0 : 1)),
    manifest: {
      recent: range(true),
      archive: archived ? { ...range(false), path: `${ARCHIVE_FOLDER}/` } : null,
    },
  };
}
