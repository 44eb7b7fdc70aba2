import { defineConfig } from "vitest/config";

const LIGHTHOUSE = "tests/quality/lighthouse.test.ts";

export default defineConfig({
  test: {
    // Real Eleventy builds and a real Chromium: generous limits, and no more workers than cores.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    maxWorkers: 2,
    globalSetup: ["tests/support/global-setup.ts"],
    projects: [
      { extends: true, test: { name: "tests", include: ["tests/**/*.test.ts"], exclude: [LIGHTHOUSE] } },
      // Last and alone: its performance score is a timing, and builds running beside it (each with
      // its Pagefind lanes and merge thread) take the CPU it measures.
      { extends: true, test: { name: "lighthouse", include: [LIGHTHOUSE], sequence: { groupOrder: 1 } } },
    ],
  },
});
