/**
 * `npm run bench`: builds N synthetic articles with the real production build (a child process
 * running `scripts/build.ts`), with a bare Eleventy configuration (then the Pagefind CLI on its
 * pages: the client's stack at its plainest) and with Hugo + Pagefind, and prints one table column
 * per N.
 *
 *   npm run bench                          # 1,000 and 10,000 articles
 *   npm run bench -- --sizes 4000          # any sizes
 *   npm run bench -- --full                # adds 100,000
 *   npm run bench -- --no-dev --keep       # skip the dev-server edit; keep the temp folders
 *   npm run bench -- --no-republish        # skip the one-edit republish
 *   npm run bench -- --corpus wide         # sentences of the ~65 real fixture articles too
 *   npm run bench -- --sizes 4000,10000 --repeat 3   # each contender 3 times in turn: medians
 *   npm run bench -- --sizes 100000 --once --no-bare --no-hugo --no-dev   # the archive-size run
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { projectDir } from "../../lib/build.ts";
import type { TimingReport } from "../../lib/timing.ts";
import { buildBareEleventy } from "./bare-eleventy.ts";
import { measureDevEdit } from "./dev-edit.ts";
import { generateSite } from "./generate.ts";
import { buildHugo, hugoInstalled } from "./hugo.ts";
import { folderSize, measure, type Measured } from "./measure.ts";
import { indexWithPagefindCli } from "./pagefind-cli.ts";
import { formatTable, type Round } from "./report.ts";
import { measureRepublish, type BuildCaches } from "./republish.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string" },
    full: { type: "boolean", default: false },
    seed: { type: "string", default: "20251126" },
    "no-dev": { type: "boolean", default: false },
    "no-republish": { type: "boolean", default: false },
    "no-hugo": { type: "boolean", default: false },
    // Bare Eleventy at 100,000 articles runs out of Node's default heap; the Pagefind CLI would need ~30 GB.
    "no-bare": { type: "boolean", default: false },
    // One production build only (the image cache already warm from an earlier run), for the largest sizes.
    once: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    // This machine's speed drifts by ±15 % within minutes: N rounds of ours, bare Eleventy and Hugo
    // taken in turn, each reported by its median run and the ratios of runs taken side by side.
    repeat: { type: "string", default: "1" },
    // "wide": sentences of the test fixtures' real articles too (see generate.ts); "seed": the seed only.
    corpus: { type: "string", default: "seed" },
  },
});
const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1)
  throw new Error(`--repeat: a whole number from 1 ("${values.repeat}")`);
const sizes = (values.sizes ?? (values.full ? "1000,10000,100000" : "1000,10000")).split(",").map(Number);
const tsx = path.join(projectDir, "node_modules", ".bin", "tsx");
const log = (line: string): void => console.error(`[bench] ${line}`);

const rounds: Round[] = [];
for (const articles of sizes) {
  const root = mkdtempSync(path.join(os.tmpdir(), `phuninh-bench-${articles}-`));
  try {
    rounds.push(await benchRound(articles, root));
    console.log(`\n${formatTable(rounds, os.availableParallelism())}\n`);
  } finally {
    if (values.keep) log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}
console.log(
  `Command: npm run bench -- ${process.argv.slice(2).join(" ")} (sizes ${sizes.join(",")}, corpus ${values.corpus}, ${repeat} run(s) each); ${os.availableParallelism()} cores, Node ${process.version}.`,
);

function logOurs(articles: number, run: Measured): void {
  log(
    `${articles}: ours ${(run.ms / 1000).toFixed(1)} s wall, ${(run.cpuMs / 1000).toFixed(1)} s CPU; by process: ` +
      run.processes
        .filter((p) => p.cpuMs >= 100)
        .map((p) => `${p.comm} ${(p.cpuMs / 1000).toFixed(1)} s, ${(p.peakKb / 1024).toFixed(0)} MB`)
        .join("; "),
  );
}

/** The run in the middle by `key` (the lower middle of an even count). */
function median<T>(runs: readonly T[], key: (run: T) => number): T {
  const sorted = [...runs].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

async function benchRound(articles: number, root: string): Promise<Round> {
  const content = path.join(root, "content");
  log(`${articles}: generating articles in ${root}`);
  const site = await generateSite({
    sourceDir: path.join(projectDir, "content"),
    targetDir: content,
    count: articles,
    seed: Number(values.seed),
    moreSentenceDirs:
      values.corpus === "wide"
        ? ["site", "search"].map((name) => path.join(projectDir, "tests", "fixtures", name))
        : [],
  });

  const output = path.join(root, "_site");
  const timingsFile = path.join(root, "timings.json");
  // Every page rendered (`--full`): into the same output, a build would otherwise keep them all.
  // The caches the last production build filled: the republish starts from them, as a daily build
  // starts from the one before it.
  let caches: BuildCaches = {};
  const ours = async () => {
    caches = {
      SEARCH_CACHE_DIR: mkdtempSync(path.join(root, "search-cache-")),
      CONTENT_CACHE_DIR: mkdtempSync(path.join(root, "content-cache-")),
    };
    const run = await measure(tsx, ["scripts/build.ts", "--input", content, "--output", output, "--full"], {
      cwd: projectDir,
      // A cold build: empty caches of partial search indexes and of loaded articles each run (the
      // image cache stays warm).
      env: { PORTAL_TIMINGS: timingsFile, ...caches },
    });
    return { run, timings: JSON.parse(readFileSync(timingsFile, "utf8")) as TimingReport };
  };
  log(`${articles}: production build`);
  let { run, timings } = await ours();
  let firstWallMs: number | undefined;
  // Once an images stage exists, the figure that matters is a rebuild with its cache warm.
  const again = !values.once && timings.stages.some((s) => s.name.startsWith("images"));
  if (again) firstWallMs = run.ms;

  const searchDir = path.join(output, "pagefind");
  const { firstQueryBytes, allYearsBytes } = await firstQuery(output);

  const oursRuns: { run: Measured; timings: TimingReport }[] = again ? [] : [{ run, timings }];
  const bareRuns: { bare: Measured; pagefind: Measured }[] = [];
  const hugoRuns: { hugo: Measured; pagefind: Measured }[] = [];
  for (let i = 1; i <= repeat; i++) {
    const of = repeat > 1 ? ` (${i}/${repeat})` : "";
    if (again || i > 1) {
      log(`${articles}: production build again, images cached${of}`);
      oursRuns.push(await ours());
      logOurs(articles, oursRuns.at(-1)!.run);
    } else logOurs(articles, run);
    if (!values["no-bare"]) {
      log(`${articles}: bare Eleventy, then the Pagefind CLI on its pages${of}`);
      const bareSite = path.join(root, "bare-site");
      rmSync(bareSite, { recursive: true, force: true });
      const bare = await buildBareEleventy(projectDir, content, bareSite);
      bareRuns.push({ bare, pagefind: await indexWithPagefindCli(projectDir, bareSite, root) });
    }
    if (hugoInstalled() && !values["no-hugo"]) {
      log(`${articles}: Hugo + Pagefind${of}`);
      const hugoSite = path.join(root, "hugo");
      rmSync(hugoSite, { recursive: true, force: true });
      hugoRuns.push(await buildHugo(projectDir, content, hugoSite));
    }
  }
  ({ run, timings } = median(oursRuns, (r) => r.run.ms));
  const bareRun = bareRuns.length ? median(bareRuns, (r) => r.bare.ms + r.pagefind.ms) : undefined;
  const hugoRun = hugoRuns.length ? median(hugoRuns, (r) => r.hugo.ms + r.pagefind.ms) : undefined;
  const hugo: Round["hugo"] = hugoRun ?? "not installed";
  // Each of our runs against the Hugo run taken right after it, while the machine ran at one speed.
  const sideBySide = hugoRuns.map((h, i) => oursRuns[i]!.run.ms / (h.hugo.ms + h.pagefind.ms));

  let republish: Round["republish"];
  if (!values["no-republish"]) {
    log(`${articles}: one article edited, then republished`);
    const slug = site.slugs[Math.floor(site.slugs.length / 3)] as string;
    const measured = await measureRepublish(tsx, projectDir, content, output, slug, root, caches);
    republish = { ...measured.run, timings: measured.timings, differences: measured.differences };
    log(
      `${articles}: republish ${(measured.run.ms / 1000).toFixed(1)} s, ` +
        (measured.differences.length ? `${measured.differences.length} files differ` : "identical"),
    );
  }

  let dev: { firstBuildMs: number; editMs: number; settledMs: number; retried: boolean } | undefined;
  if (!values["no-dev"]) {
    log(`${articles}: dev server, then one edit`);
    const slug = site.slugs[Math.floor(site.slugs.length / 2)] as string;
    dev = await measureDevEdit(projectDir, content, path.join(root, "dev-site"), slug);
  }
  return {
    articles,
    ours: run,
    oursGnuTimeCpuMs: run.gnuTimeCpuMs,
    firstWallMs,
    timings,
    outputBytes: folderSize(output),
    searchBytes: existsSync(searchDir) ? folderSize(searchDir) : undefined,
    firstQueryBytes,
    allYearsQueryBytes: allYearsBytes,
    republish,
    devFirstBuildMs: dev?.firstBuildMs,
    devEditMs: dev?.editMs,
    devSettledMs: dev?.settledMs,
    devEditRetried: dev?.retried,
    bare: bareRun?.bare,
    barePagefind: bareRun?.pagefind,
    hugo,
    repeats: repeat,
    hugoRatios: repeat > 1 ? sideBySide : undefined,
  };
}

/**
 * The search module's own benchmark, when it exists, reports what a reader downloads for a first
 * query, and for the same query over every year. Contract: `tsx scripts/bench/search.ts --site DIR
 * --json` prints `{"firstQueryBytes": n, "allYearsBytes": n}`.
 */
async function firstQuery(
  siteDir: string,
): Promise<{ firstQueryBytes?: number; allYearsBytes?: number | null }> {
  const script = path.join(projectDir, "scripts", "bench", "search.ts");
  if (!existsSync(script) || !existsSync(path.join(siteDir, "pagefind"))) return {};
  const { stdout } = await measure(tsx, [script, "--site", siteDir, "--json"], { cwd: projectDir });
  return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as {
    firstQueryBytes?: number;
    allYearsBytes?: number;
  };
}
