import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { countStage, timeStage, timingReport, writeTimingReport } from "../lib/timing.ts";

describe("stage timings", () => {
  it("records a synchronous and an asynchronous stage, in the order they end", async () => {
    expect(timeStage("sync stage", () => 42)).toBe(42);
    await timeStage("async stage", () => new Promise((resolve) => setTimeout(resolve, 20)));
    const names = timingReport().stages.map((s) => s.name);
    expect(names.slice(-2)).toEqual(["sync stage", "async stage"]);
    const last = timingReport().stages.at(-1);
    expect((last?.end ?? 0) - (last?.start ?? 0)).toBeGreaterThanOrEqual(15);
  });

  it("records a stage that throws, and rethrows", () => {
    expect(() =>
      timeStage("failing stage", () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(timingReport().stages.at(-1)?.name).toBe("failing stage");
  });

  it("writes counters and peak memory to the named file", () => {
    countStage("pages", 3);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "phuninh-timing-")), "t.json");
    // Node reports maxRSS in kilobytes; the report is in bytes, between the peaks read around it.
    const before = process.resourceUsage().maxRSS * 1024;
    writeTimingReport(file);
    const after = process.resourceUsage().maxRSS * 1024;
    const report = JSON.parse(readFileSync(file, "utf8"));
    expect(report.counts.pages).toBe(3);
    expect(report.maxRssBytes).toBeGreaterThanOrEqual(before);
    expect(report.maxRssBytes).toBeLessThanOrEqual(after);
  });
});
