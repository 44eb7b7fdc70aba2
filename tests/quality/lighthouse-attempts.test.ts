/**
 * The Lighthouse gate's attempt policy (auditUntilPerfect), with each run's outcome scripted: which
 * runs it retries, which end it at once, and what it resolves with. The gate itself
 * (lighthouse.test.ts) runs the real Lighthouse in the real Chromium.
 */
import { describe, expect, it } from "vitest";
import {
  auditUntilPerfect,
  LighthouseRuntimeError,
  type AuditRun,
  type LighthouseResult,
} from "../support/quality/lighthouse.ts";

const URL_ = "http://127.0.0.1:1/tin-tuc/a/";

function result(performance: number, overrides: Partial<LighthouseResult> = {}): LighthouseResult {
  return {
    url: URL_,
    scores: { performance, accessibility: 100, "best-practices": 100, seo: 100 },
    cls: 0,
    failing: [],
    requiredMisses: [],
    metrics: {},
    benchmarkIndex: 1500,
    cpuSlowdownMultiplier: 4,
    ...overrides,
  };
}

/** Plays `outcomes` in order, one per run; an Error is thrown instead of returned. */
function scripted(outcomes: (LighthouseResult | Error)[]): AuditRun & { calls: number } {
  const run = Object.assign(
    async () => {
      const outcome = outcomes[run.calls++];
      if (!outcome) throw new Error("more runs than scripted");
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    { calls: 0 },
  );
  return run;
}

const noNavstart = () => new LighthouseRuntimeError(URL_, "NO_NAVSTART", "Please run Lighthouse again.");
const quiet = () => {};

describe("auditUntilPerfect", () => {
  it("stops at the first perfect run", async () => {
    const run = scripted([result(97), result(100), result(100)]);
    const best = await auditUntilPerfect(URL_, 5, quiet, run);
    expect(best.scores.performance).toBe(100);
    expect(run.calls).toBe(2);
  });

  it("runs again after a run that measured nothing, and says so", async () => {
    const lines: string[] = [];
    const run = scripted([result(89), noNavstart(), result(100)]);
    const best = await auditUntilPerfect(URL_, 5, (line) => lines.push(line), run);
    expect(best.scores.performance).toBe(100);
    expect(run.calls).toBe(3);
    expect(lines[1]).toMatch(/^lighthouse run 2\/5 \/tin-tuc\/a\/: no measurement, .*NO_NAVSTART/);
  });

  it("fails, naming every error, when no run measured anything", async () => {
    const run = scripted([noNavstart(), noNavstart(), noNavstart()]);
    await expect(auditUntilPerfect(URL_, 3, quiet, run)).rejects.toThrow(
      /measured anything in 3 attempts: run 1: NO_NAVSTART, run 2: NO_NAVSTART, run 3: NO_NAVSTART/,
    );
  });

  it("resolves with the best-scoring run when none is perfect", async () => {
    const run = scripted([result(96), noNavstart(), result(99), result(98)]);
    const best = await auditUntilPerfect(URL_, 4, quiet, run);
    expect(best.scores.performance).toBe(99);
    expect(run.calls).toBe(4);
  });

  it("ends at once on a miss that host speed cannot cause", async () => {
    for (const miss of [
      result(100, { scores: { performance: 100, accessibility: 91, "best-practices": 100, seo: 100 } }),
      result(100, { cls: 0.02 }),
      result(100, { requiredMisses: ["bf-cache"] }),
    ]) {
      const run = scripted([miss, result(100)]);
      expect(await auditUntilPerfect(URL_, 5, quiet, run)).toBe(miss);
      expect(run.calls).toBe(1);
    }
  });

  it("does not retry an error that is not Lighthouse's own", async () => {
    const run = scripted([new Error("connect ECONNREFUSED"), result(100)]);
    await expect(auditUntilPerfect(URL_, 5, quiet, run)).rejects.toThrow(/ECONNREFUSED/);
    expect(run.calls).toBe(1);
  });
});
