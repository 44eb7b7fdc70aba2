import { describe, expect, it } from "vitest";
import { indexerOptionsFromEnv, indexerSettings } from "../../lib/search/options.ts";

describe("indexerOptionsFromEnv", () => {
  it("reads the tuning knobs that are positive integers and ignores the rest", () => {
    expect(
      indexerOptionsFromEnv({
        PORTAL_SEARCH_LANES: "3",
        PORTAL_SEARCH_PART_PAGES: "7",
        PORTAL_SEARCH_RECENT_PAGES: "0",
      }),
    ).toEqual({ lanes: 3, partPages: 7 });
    expect(indexerOptionsFromEnv({ PORTAL_SEARCH_LANES: "2.5", PORTAL_SEARCH_PART_PAGES: "many" })).toEqual(
      {},
    );
  });
});

describe("indexerSettings", () => {
  it("fills in the defaults, the cache in the project folder", () => {
    const settings = indexerSettings({ lanes: 2 });
    expect(settings).toMatchObject({ language: "vi", lanes: 2, partPages: 250, recentPages: 1000 });
    expect(settings.cacheDir).toMatch(/\.cache\/search$/);
    expect(indexerSettings({ lanes: 3, partPages: 7 }).partPages).toBe(7);
  });
});
