/**
 * Opt-in stage timings for the build: `PORTAL_TIMINGS=report.json npm run build` writes, at the end,
 * when each stage started and ended and the process's peak memory. `npm run bench` reads that file.
 *
 * Why a file and not log lines: the benchmark needs numbers from a child process without parsing
 * Eleventy's output; and without the variable the build pays nothing but a clock read per stage.
 */
import { writeFileSync } from "node:fs";
import { progress } from "./progress.ts";

/** One timed stage; times are milliseconds since the build process started. */
export interface StageTiming {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** What `PORTAL_TIMINGS` receives. */
export interface TimingReport {
  readonly stages: readonly StageTiming[];
  /** Peak resident memory of the build process, in bytes. */
  readonly maxRssBytes: number;
  /** Counters the stages chose to report, e.g. `pages`. */
  readonly counts: Readonly<Record<string, number>>;
}

const stages: StageTiming[] = [];
const counts: Record<string, number> = {};

/**
 * Runs `fn` as the build stage `name` and records when it started and ended (also when it throws).
 * @example await timeStage("search index", () => indexSite(outputDir));
 */
export function timeStage<T>(name: string, fn: () => T): T {
  const start = performance.now();
  progress.stage(name);
  const done = (): void => {
    stages.push({ name, start, end: performance.now() });
  };
  let result: T;
  try {
    result = fn();
  } catch (error) {
    done();
    throw error;
  }
  if (result instanceof Promise) return result.finally(done) as T;
  done();
  return result;
}

/** Records a stage whose start and end were observed separately (e.g. between two Eleventy events). */
export function recordStage(name: string, start: number, end = performance.now()): void {
  stages.push({ name, start, end });
}

/** Adds `n` to the counter `name` (pages rendered, images made…), reported beside the stages. */
export function countStage(name: string, n = 1): void {
  counts[name] = (counts[name] ?? 0) + n;
}

/** The report so far. */
export function timingReport(): TimingReport {
  return { stages: [...stages], maxRssBytes: process.resourceUsage().maxRSS * 1024, counts: { ...counts } };
}

/** Writes the report to the file named by `PORTAL_TIMINGS`, if it is set. */
export function writeTimingReport(file = process.env.PORTAL_TIMINGS): void {
  if (file) writeFileSync(file, JSON.stringify(timingReport(), null, 2));
}
