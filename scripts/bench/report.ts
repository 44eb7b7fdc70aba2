/**
 * Turns one benchmark round into table rows: stage times from the build's `PORTAL_TIMINGS` report,
 * and the yardsticks' times as ratios.
 */
import type { StageTiming, TimingReport } from "../../lib/timing.ts";

/** Everything measured for one article count. */
/** Wall, CPU and memory of one measured run (see `measure.ts`): CPU and memory over its whole process tree. */
export interface Usage {
  readonly ms: number;
  readonly cpuMs: number;
  /** The largest sum of resident memory over the tree at one moment. */
  readonly peakTreeBytes: number;
  /** The largest single process's peak, and its command name. */
  readonly maxRssBytes: number;
  readonly largestCommand: string;
  /** The tree's processes (CPU in ms, own peak in kB), largest CPU first. */
  readonly processes?: readonly { comm: string; cpuMs: number; peakKb: number }[];
}

export interface Round {
  readonly articles: number;
  /** Our production build (the cached-images run when there is one). */
  readonly ours: Usage;
  /** What GNU time alone reported as CPU for our build (it misses processes never waited for). */
  readonly oursGnuTimeCpuMs: number | undefined;
  readonly firstWallMs?: number;
  readonly timings: TimingReport;
  readonly outputBytes: number;
  readonly searchBytes: number | undefined;
  readonly firstQueryBytes: number | undefined;
  /**
   * The same query over every year (`scope=all`: recent bundle and archive); null when Chromium gave
   * no answer within 120 s; absent in a report saved without it.
   */
  readonly allYearsQueryBytes?: number | null | undefined;
  /**
   * One article's text edited, then `npm run build` into the same output; `differences`: files that
   * differ from a full build of the same content. Absent when not run.
   */
  readonly republish?:
    (Usage & { readonly timings: TimingReport; readonly differences: readonly string[] }) | undefined;
  readonly devFirstBuildMs: number | undefined;
  readonly devEditMs: number | undefined;
  readonly devEditRetried?: boolean;
  /** Edit → the last rebuild it caused finished (lists caught up); absent from older runs. */
  readonly devSettledMs?: number;
  /** Undefined when not run (`--no-bare`: at 100,000 bare Eleventy needs more heap than Node's default). */
  readonly bare: Usage | undefined;
  /** The Pagefind CLI over bare Eleventy's pages, run after it; absent from older runs. */
  readonly barePagefind?: Usage | undefined;
  /** Hugo then the Pagefind CLI, one after the other: times and CPU add up, memory is the larger peak. */
  readonly hugo: { hugo: Usage; pagefind: Usage } | "not installed";
  /** Runs of each contender, taken in turn (`--repeat`); the median run of each is reported. */
  readonly repeats?: number;
  /** With `--repeat`: each of our runs ÷ the Hugo + Pagefind run taken right after it (wall). */
  readonly hugoRatios?: readonly number[] | undefined;
}

/** Two runs one after the other as one: wall and CPU add up, memory peaks are the larger of the two. */
export function sequential(a: Usage, b: Usage): Usage {
  const larger = a.maxRssBytes >= b.maxRssBytes ? a : b;
  return {
    ms: a.ms + b.ms,
    cpuMs: a.cpuMs + b.cpuMs,
    peakTreeBytes: Math.max(a.peakTreeBytes, b.peakTreeBytes),
    maxRssBytes: larger.maxRssBytes,
    largestCommand: larger.largestCommand,
  };
}

const span = (stages: readonly StageTiming[], match: (name: string) => boolean): number =>
  stages.filter((s) => match(s.name)).reduce((sum, s) => sum + (s.end - s.start), 0);

/** Splits the build's time into the stages the table shows, in milliseconds. */
export function stageBreakdown(report: TimingReport, wallMs: number): Record<string, number> {
  const find = (name: string): StageTiming | undefined => report.stages.find((s) => s.name === name);
  const build = find("build");
  const eleventy = find("eleventy");
  const render = find("render");
  const content = span(report.stages, (n) => n === "content");
  const images = span(report.stages, (n) => n.startsWith("images"));
  const search = span(report.stages, (n) => n.startsWith("search"));
  // Images are prepared inside the render window (before the first page), so they come out of it.
  const imagesDuringRender = render
    ? report.stages
        .filter((s) => s.name.startsWith("images") && s.start >= render.start && s.end <= render.end)
        .reduce((sum, s) => sum + (s.end - s.start), 0)
    : 0;
  const afterWindow = eleventy && render ? eleventy.end - render.end : 0;
  return {
    // Node + tsx start, imports, Eleventy's config: everything before its first template data.
    "start-up": render && build ? wallMs - (build.end - build.start) + (render.start - build.start) : 0,
    content,
    pages: render ? render.end - render.start - content - imagesDuringRender : 0,
    images,
    "search index": search,
    // After-build steps run in parallel, so what remains of their window once images and search are out.
    "other after-build": Math.max(0, afterWindow - (images - imagesDuringRender) - search),
    publish: span(report.stages, (n) => n === "publish"),
  };
}

const seconds = (ms: number | undefined): string =>
  ms === undefined ? "n/a" : `${(ms / 1000).toFixed(1)} s`;
const ratio = (ours: number | undefined, theirs: number | undefined): string =>
  ours === undefined || theirs === undefined ? "n/a" : `${(ours / theirs).toFixed(2)}×`;
const megabytes = (bytes: number | undefined): string =>
  bytes === undefined
    ? "n/a"
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(0)} kB`
      : `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The processes that did at least 2 % of the tree's CPU work, e.g. `pagefind_extend 72.7 s, 3049 MB`. */
export function byProcess(usage: Usage): string {
  const main = (usage.processes ?? []).filter((p) => p.cpuMs >= usage.cpuMs * 0.02);
  return main.length
    ? main.map((p) => `${p.comm} ${seconds(p.cpuMs)}, ${megabytes(p.peakKb * 1024)}`).join("; ")
    : "n/a";
}

/** A Markdown table, one column per article count; `cores` of the machine the rounds ran on. */
export function formatTable(rounds: readonly Round[], cores: number): string {
  type Row = [string, (r: Round) => string];
  const hugo = (r: Round): Usage | undefined =>
    r.hugo === "not installed" ? undefined : sequential(r.hugo.hugo, r.hugo.pagefind);
  const plainStack = (r: Round): Usage | undefined =>
    r.bare && r.barePagefind ? sequential(r.bare, r.barePagefind) : undefined;
  const largest = (u: Usage | undefined): string =>
    u === undefined ? "n/a" : `${megabytes(u.maxRssBytes)} (${u.largestCommand})`;
  const rows: Row[] = [
    ["wall time", (r) => seconds(r.ours.ms)],
    ["CPU time, whole process tree (user + system)", (r) => seconds(r.ours.cpuMs)],
    [
      `· the ${cores} cores kept busy (CPU ÷ wall × cores)`,
      (r) => `${Math.round((100 * r.ours.cpuMs) / (r.ours.ms * cores))} %`,
    ],
    ["· CPU GNU time alone reported (misses unreaped processes)", (r) => seconds(r.oursGnuTimeCpuMs)],
    ...(rounds.some((r) => r.firstWallMs)
      ? [["· first build, images not cached (wall)", (r: Round) => seconds(r.firstWallMs)] as Row]
      : []),
    ...Object.keys(stageBreakdown({ stages: [], maxRssBytes: 0, counts: {} }, 0)).map((stage): Row => [
      `· ${stage}`,
      (r) => seconds(stageBreakdown(r.timings, r.ours.ms)[stage]),
    ]),
    ["pages written", (r) => String(r.timings.counts.pages ?? "n/a")],
    ["· by process (CPU, own peak)", (r) => byProcess(r.ours)],
    ["peak memory, whole tree (sum at one moment)", (r) => megabytes(r.ours.peakTreeBytes)],
    ["largest process (its peak RSS)", (r) => largest(r.ours)],
    ["output size", (r) => megabytes(r.outputBytes)],
    ["search index size", (r) => (r.searchBytes ? megabytes(r.searchBytes) : "n/a (no search stage yet)")],
    ["first-query download", (r) => megabytes(r.firstQueryBytes)],
    [
      "· the same query over every year (scope=all)",
      (r) => (r.allYearsQueryBytes === null ? "no answer in 120 s" : megabytes(r.allYearsQueryBytes)),
    ],
    [
      "one-edit republish: wall (÷ our build / ÷ Hugo + Pagefind)",
      (r) =>
        r.republish
          ? `${seconds(r.republish.ms)} (${ratio(r.republish.ms, r.ours.ms)} / ${ratio(r.republish.ms, hugo(r)?.ms)})`
          : "not run",
    ],
    [
      "· pages rendered / kept; same bytes as a full build",
      (r) => {
        if (!r.republish) return "not run";
        const { counts } = r.republish.timings;
        const same = r.republish.differences.length
          ? `no: ${r.republish.differences.length} files differ (${r.republish.differences.slice(0, 3).join(", ")}…)`
          : "yes";
        return `${counts["article and list pages rendered"] ?? "n/a"} / ${counts["pages kept"] ?? 0}; ${same}`;
      },
    ],
    ["· CPU time, whole process tree", (r) => (r.republish ? seconds(r.republish.cpuMs) : "not run")],
    ...Object.keys(stageBreakdown({ stages: [], maxRssBytes: 0, counts: {} }, 0)).map((stage): Row => [
      `· republish: ${stage}`,
      (r) => (r.republish ? seconds(stageBreakdown(r.republish.timings, r.republish.ms)[stage]) : "not run"),
    ]),
    ["dev server: first build", (r) => seconds(r.devFirstBuildMs)],
    [
      "dev server: edit → page written",
      (r) => `${seconds(r.devEditMs)}${r.devEditRetried ? " (saved twice)" : ""}`,
    ],
    ["dev server: edit → lists caught up", (r) => seconds(r.devSettledMs)],
    [
      "bare Eleventy: wall / CPU (tree)",
      (r) => (r.bare ? `${seconds(r.bare.ms)} / ${seconds(r.bare.cpuMs)}` : "not run"),
    ],
    [
      "bare Eleventy: peak memory (tree) / largest process",
      (r) => (r.bare ? `${megabytes(r.bare.peakTreeBytes)} / ${largest(r.bare)}` : "not run"),
    ],
    [
      "ours ÷ bare Eleventy (wall / CPU)",
      (r) => (r.bare ? `${ratio(r.ours.ms, r.bare.ms)} / ${ratio(r.ours.cpuMs, r.bare.cpuMs)}` : "not run"),
    ],
    [
      "bare Eleventy + Pagefind CLI, one after the other: wall / CPU (tree)",
      (r) => {
        const usage = plainStack(r);
        return usage ? `${seconds(usage.ms)} / ${seconds(usage.cpuMs)}` : "not run";
      },
    ],
    [
      // Any build on this stack renders these pages (taken as bare Eleventy's work at least) and
      // indexes them (the CLI's work at least): even with every core busy from start to end, no
      // such build is faster than this.
      `· least wall time of any Eleventy + Pagefind build: that CPU ÷ ${cores} cores`,
      (r) => {
        const usage = plainStack(r);
        return usage ? seconds(usage.cpuMs / cores) : "not run";
      },
    ],
    [
      "ours ÷ (bare Eleventy + Pagefind CLI) (wall / CPU)",
      (r) => {
        const usage = plainStack(r);
        return usage ? `${ratio(r.ours.ms, usage.ms)} / ${ratio(r.ours.cpuMs, usage.cpuMs)}` : "not run";
      },
    ],
    [
      "Hugo + Pagefind CLI: wall",
      (r) =>
        r.hugo === "not installed"
          ? "hugo: not installed"
          : `${seconds(r.hugo.hugo.ms)} + ${seconds(r.hugo.pagefind.ms)}`,
    ],
    [
      "Hugo + Pagefind CLI: CPU (tree)",
      (r) =>
        r.hugo === "not installed"
          ? "n/a"
          : `${seconds(r.hugo.hugo.cpuMs)} + ${seconds(r.hugo.pagefind.cpuMs)} = ${seconds(hugo(r)?.cpuMs)}`,
    ],
    [
      "Hugo + Pagefind CLI: peak memory (tree) / largest process",
      (r) => {
        const usage = hugo(r);
        return usage ? `${megabytes(usage.peakTreeBytes)} / ${largest(usage)}` : "n/a";
      },
    ],
    [
      "ours ÷ (Hugo + Pagefind) (wall / CPU / peak memory)",
      (r) => {
        const usage = hugo(r);
        return usage
          ? `${ratio(r.ours.ms, usage.ms)} / ${ratio(r.ours.cpuMs, usage.cpuMs)} / ${ratio(r.ours.peakTreeBytes, usage.peakTreeBytes)}`
          : "n/a";
      },
    ],
    [
      "· wall, each of our runs ÷ the Hugo + Pagefind run right after it",
      (r) => (r.hugoRatios?.length ? r.hugoRatios.map((x) => `${x.toFixed(2)}×`).join(", ") : "one run"),
    ],
    ["runs of each contender, taken in turn (median run shown)", (r) => String(r.repeats ?? 1)],
  ];
  const header = `| articles | ${rounds.map((r) => r.articles.toLocaleString("en")).join(" | ")} |`;
  const rule = `|---|${rounds.map(() => "---:").join("|")}|`;
  return [
    header,
    rule,
    ...rows.map(([label, cell]) => `| ${label} | ${rounds.map(cell).join(" | ")} |`),
  ].join("\n");
}
