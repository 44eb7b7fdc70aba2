/**
 * The production build: Eleventy into a fresh temporary folder, then an atomic swap into place.
 *
 * Why: Eleventy neither empties its output folder (a deleted article would survive) nor rolls back
 * on failure; building aside and swapping means a failed build publishes nothing, not half a site.
 */
import { spawn } from "node:child_process";
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import { loadArticles } from "./content/load.ts";
import { ContentError, formatProblem } from "./content/problems.ts";
import { checkArticleImages } from "./images/check.ts";
import { eleventyInput, setContentDir, type EleventyConfig } from "./eleventy.ts";
import { countStage, recordStage, timeStage, writeTimingReport } from "./timing.ts";
import { progress } from "./progress.ts";

export interface BuildOptions {
  /** Content folder (articles and `_data`); defaults to `content/`. */
  readonly input?: string;
  /** Output folder; defaults to `_site/`. */
  readonly output?: string;
  readonly quiet?: boolean;
}

export const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Builds the site; resolves with the output folder, rejects (leaving the old output intact) on error. */
export async function buildSite(options: BuildOptions = {}): Promise<string> {
  try {
    return await timeStage("build", () => build(options));
  } finally {
    writeTimingReport();
  }
}

async function build(options: BuildOptions): Promise<string> {
  const input = path.resolve(options.input ?? path.join(projectDir, "content"));
  const output = path.resolve(options.output ?? path.join(projectDir, "_site"));
  // Validate every article before Eleventy starts: authors get one list of all problems, and
  // nothing is written. The content plugin reuses these parsed files (see load.ts).
  const { articles, problems } = loadArticles(input);
  if (problems.some((p) => p.severity === "error")) {
    // The build fails anyway: also name unreadable photos of the other articles, so one run lists all.
    throw new ContentError([...problems, ...(await checkArticleImages(articles))]);
  }
  for (const warning of problems) console.warn(formatProblem(warning));
  const staging = `${output}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const eleventy = new Eleventy(eleventyInput, staging, {
      configPath: path.join(projectDir, ".eleventy.ts"),
      quietMode: options.quiet ?? true,
      config: (eleventyConfig) => {
        setContentDir(eleventyConfig, input);
        measurePages(eleventyConfig);
      },
    });
    await timeStage("eleventy", () => eleventy.write());
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return timeStage("publish", () => {
    const previous = `${output}.previous-${process.pid}`;
    if (existsSync(output)) renameSync(output, previous);
    renameSync(staging, output);
    removeInBackground(previous);
    return output;
  });
}

/**
 * Deletes the replaced site without making the build wait for it. Why: unlinking 10,000 pages took
 * longer than building them in the profile at 10,000 articles, and nothing reads that folder once the
 * new site is in place. On Windows, where `rm` is missing, it is deleted in place.
 */
function removeInBackground(folder: string): void {
  if (!existsSync(folder)) return;
  if (process.platform === "win32") {
    rmSync(folder, { recursive: true, force: true });
    return;
  }
  spawn("rm", ["-rf", folder], { detached: true, stdio: "ignore" }).unref();
}

/**
 * Registered before `.eleventy.ts`, so its `eleventy.after` listener runs first: the "render" stage is
 * Eleventy's data and template work, from `eleventy.before` until the post-build steps begin.
 */
function measurePages(eleventyConfig: EleventyConfig): void {
  let start = 0;
  eleventyConfig.on("eleventy.before", () => {
    start = performance.now();
    progress.stage("render");
  });
  eleventyConfig.on("eleventy.after", () => recordStage("render", start));
  eleventyConfig.addTransform("progress", (content: string) => {
    progress.tick();
    countStage("pages");
    return content;
  });
}
