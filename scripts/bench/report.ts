/**
 * Turns one benchmark round into table rows: stage times from the build's `PORTAL_TIMINGS` report,
 * and the yardsticks' times as ratios.
 */
import type { StageTiming, TimingReport } from "../../lib/timing.ts";

/** Everything measured for one article count. */
export interface Round {
  readonly articles: number;
  readonly wallMs: number;
  readonly cpuMs: number | undefined;
  readonly firstWallMs?: number;
  readonly maxRssBytes: number | undefined;
  readonly timings: TimingReport;
  readonly outputBytes: number;
  readonly searchBytes: number | undefined;
  readonly firstQueryBytes: number | undefined;
  readonly devFirstBuildMs: number | undefined;
  readonly devEditMs: number | undefined;
  readonly devEditRetried?: boolean;
  /** Edit → the last rebuild it caused finished (lists caught up); absent from older runs. */
  readonly devSettledMs?: number;
  readonly bare: { ms: number; cpuMs: number | undefined; maxRssBytes: number | undefined };
  readonly hugo:
    | { hugoMs: number; pagefindMs: number; cpuMs: number | undefined; pagefindRssBytes: number | undefined }
    | "not installed";
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

/** A Markdown table, one column per article count. */
export function formatTable(rounds: readonly Round[]): string {
  const rows: [string, (r: Round) => string][] = [
    ["total wall time (child process)", (r) => seconds(r.wallMs)],
    ["CPU time (user + system)", (r) => seconds(r.cpuMs)],
    ...(rounds.some((r) => r.firstWallMs)
      ? [
          ["· first build, images not cached", (r: Round) => seconds(r.firstWallMs)] as [
            string,
            (r: Round) => string,
          ],
        ]
      : []),
    ...Object.keys(stageBreakdown({ stages: [], maxRssBytes: 0, counts: {} }, 0)).map(
      (stage): [string, (r: Round) => string] => [
        `· ${stage}`,
        (r) => seconds(stageBreakdown(r.timings, r.wallMs)[stage]),
      ],
    ),
    ["pages written", (r) => String(r.timings.counts.pages ?? "n/a")],
    ["peak memory (max RSS)", (r) => megabytes(r.maxRssBytes ?? r.timings.maxRssBytes)],
    ["output size", (r) => megabytes(r.outputBytes)],
    ["search index size", (r) => (r.searchBytes ? megabytes(r.searchBytes) : "n/a (no search stage yet)")],
    ["first-query download", (r) => megabytes(r.firstQueryBytes)],
    ["dev server: first build", (r) => seconds(r.devFirstBuildMs)],
    [
      "dev server: edit → page written",
      (r) => `${seconds(r.devEditMs)}${r.devEditRetried ? " (saved twice)" : ""}`,
    ],
    ["dev server: edit → lists caught up", (r) => seconds(r.devSettledMs)],
    [
      "bare Eleventy: wall, CPU, memory",
      (r) => `${seconds(r.bare.ms)}, ${seconds(r.bare.cpuMs)}, ${megabytes(r.bare.maxRssBytes)}`,
    ],
    [
      "ours ÷ bare Eleventy (wall / CPU)",
      (r) => `${ratio(r.wallMs, r.bare.ms)} / ${ratio(r.cpuMs, r.bare.cpuMs)}`,
    ],
    [
      "Hugo + Pagefind CLI",
      (r) =>
        r.hugo === "not installed"
          ? "hugo: not installed"
          : `${seconds(r.hugo.hugoMs)} + ${seconds(r.hugo.pagefindMs)}`,
    ],
    ["Hugo + Pagefind CPU time", (r) => (r.hugo === "not installed" ? "n/a" : seconds(r.hugo.cpuMs))],
    [
      "Pagefind CLI peak memory",
      (r) => (r.hugo === "not installed" ? "n/a" : megabytes(r.hugo.pagefindRssBytes)),
    ],
    [
      "ours ÷ (Hugo + Pagefind) (wall / CPU)",
      (r) =>
        r.hugo === "not installed"
          ? "n/a"
          : `${ratio(r.wallMs, r.hugo.hugoMs + r.hugo.pagefindMs)} / ${ratio(r.cpuMs, r.hugo.cpuMs)}`,
    ],
  ];
  const header = `| articles | ${rounds.map((r) => r.articles.toLocaleString("en")).join(" | ")} |`;
  const rule = `|---|${rounds.map(() => "---:").join("|")}|`;
  return [
    header,
    rule,
    ...rows.map(([label, cell]) => `| ${label} | ${rounds.map(cell).join(" | ")} |`),
  ].join("\n");
}
