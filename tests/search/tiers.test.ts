import { describe, expect, it } from "vitest";
import { ARCHIVE_FOLDER, recentMonths, splitByMonth } from "../../lib/search/tiers.ts";

describe("recentMonths", () => {
  it("takes the newest months while they fit the limit", () => {
    const perMonth = new Map([
      ["2024-12", 500],
      ["2025-02", 600],
      ["2025-01", 300],
    ]);
    expect(recentMonths(perMonth, 1000)).toEqual(new Set(["2025-02", "2025-01"]));
    expect(recentMonths(perMonth, 900)).toEqual(new Set(["2025-02", "2025-01"]));
    expect(recentMonths(perMonth, 899)).toEqual(new Set(["2025-02"]));
    expect(recentMonths(perMonth, 1400)).toEqual(new Set(["2025-02", "2025-01", "2024-12"]));
  });

  it("keeps the newest month even when it alone is over the limit, and skips no month", () => {
    expect(recentMonths(new Map([["2025-11", 3000]]), 1000)).toEqual(new Set(["2025-11"]));
    // 2024-06 would fit, but the recent bundle is the newest months without a gap.
    const perMonth = new Map([
      ["2025-11", 600],
      ["2025-10", 900],
      ["2024-06", 10],
    ]);
    expect(recentMonths(perMonth, 1000)).toEqual(new Set(["2025-11"]));
  });
});

describe("splitByMonth", () => {
  it("places each page by its month and says which months each bundle holds", () => {
    const months = ["2019-03", "2025-01", "2024-12", "2019-03", "2025-01", "2018-07", "2025-02"];
    const { folders, bundleOf, manifest } = splitByMonth(months, 4);
    expect(folders).toEqual(["", ARCHIVE_FOLDER]);
    expect(bundleOf).toEqual([1, 0, 0, 1, 0, 1, 0]);
    expect(manifest).toEqual({
      recent: { from: "2024-12", to: "2025-02", pages: 4 },
      archive: { from: "2018-07", to: "2019-03", pages: 3, path: `${ARCHIVE_FOLDER}/` },
    });
  });

  it("makes one bundle when every month fits", () => {
    const { folders, bundleOf, manifest } = splitByMonth(["2024-05", "2025-01", "2025-01"], 1000);
    expect(folders).toEqual([""]);
    expect(bundleOf).toEqual([0, 0, 0]);
    expect(manifest).toEqual({ recent: { from: "2024-05", to: "2025-01", pages: 3 }, archive: null });
  });
});
