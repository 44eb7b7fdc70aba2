import { describe, expect, it } from "vitest";
import { ARCHIVE_FOLDER, recentYears, splitByYear } from "../../lib/search/tiers.ts";

describe("recentYears", () => {
  it("takes the newest years while they fit the limit", () => {
    const perYear = new Map([
      [2023, 500],
      [2025, 600],
      [2024, 300],
    ]);
    expect(recentYears(perYear, 1000)).toEqual(new Set([2025, 2024]));
    expect(recentYears(perYear, 900)).toEqual(new Set([2025, 2024]));
    expect(recentYears(perYear, 899)).toEqual(new Set([2025]));
    expect(recentYears(perYear, 1400)).toEqual(new Set([2025, 2024, 2023]));
  });

  it("keeps the newest year even when it alone is over the limit, and stops at the first year that is not", () => {
    expect(recentYears(new Map([[2025, 3000]]), 1000)).toEqual(new Set([2025]));
    // 2022 would fit, but a year may not be skipped: the recent bundle is the newest years without a gap.
    const perYear = new Map([
      [2025, 600],
      [2024, 900],
      [2022, 10],
    ]);
    expect(recentYears(perYear, 1000)).toEqual(new Set([2025]));
  });
});

describe("splitByYear", () => {
  it("places each page by its year and says which years each bundle holds", () => {
    const years = [2019, 2025, 2024, 2019, 2025, 2018, 2025];
    const { folders, bundleOf, manifest } = splitByYear(years, 4);
    expect(folders).toEqual(["", ARCHIVE_FOLDER]);
    expect(bundleOf).toEqual([1, 0, 0, 1, 0, 1, 0]);
    expect(manifest).toEqual({
      recent: { from: 2024, to: 2025, pages: 4 },
      archive: { from: 2018, to: 2019, pages: 3, path: `${ARCHIVE_FOLDER}/` },
    });
  });

  it("makes one bundle when every year fits", () => {
    const { folders, bundleOf, manifest } = splitByYear([2024, 2025, 2025], 1000);
    expect(folders).toEqual([""]);
    expect(bundleOf).toEqual([0, 0, 0]);
    expect(manifest).toEqual({ recent: { from: 2024, to: 2025, pages: 3 }, archive: null });
  });
});
