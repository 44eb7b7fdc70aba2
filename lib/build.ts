/**
 * The production build: Eleventy into a fresh version folder, then an atomic swap into place
 * (lib/output/site-versions.ts).
 *
 * Why: Eleventy neither empties its output folder (a deleted article would survive) nor rolls back
 * on failure; building aside and swapping means a failed or killed build publishes nothing, not half
 * a site, and readers keep the previous one.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import { loadArticles } from "./content/load.ts";
import { ContentError, formatProblem } from "./content/problems.ts";
import { checkArticleImages } from "./images/check.ts";
import { eleventyInput, setContentDir, type EleventyConfig } from "./eleventy.ts";
import { countStage, recordStage, timeStage, writeTimingReport } from "./timing.ts";
import { progress } from "./progress.ts";
import { publishVersion, recoverOutput, stageVersion } from "./output/site-versions.ts";
import { diskErrorOf } from "./output/disk-errors.ts";
import { faultPoint } from "./output/fault-point.ts";
import { PageRebuild } from "./rebuild/page-rebuild.ts";
import { settleWrites } from "./output/pending-writes.ts";

export interface BuildOptions {
  /** Content folder (articles and `_data`); defaults to `content/`. */
  readonly input?: string;
  /** Output folder; defaults to `_site/`. */
  readonly output?: string;
  readonly quiet?: boolean;
  /** Render every page, even those the previous version holds unchanged (lib/rebuild); env `PORTAL_FULL_BUILD=1` too. */
  readonly full?: boolean;
}

export const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Builds the site; resolves with the output folder, rejects (leaving the old output intact) on error:
 * a `ContentError` for bad content, a `DiskError` when the disk is full or the folder not writable.
 */
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
  // First: readers get a site back at once if a killed build left `output` missing.
  for (const notice of recoverOutput(output)) console.log(notice);
  // Validate every article before Eleventy starts: authors get one list of all problems, and
  // nothing is written. The content plugin reuses these parsed files (see load.ts); the next build
  // reuses what did not change (lib/content/load-cache.ts).
  const { articles, problems, files } = timeStage("load articles", () =>
    loadArticles(input, process.cwd(), {
      cacheDir: process.env.CONTENT_CACHE_DIR ?? path.join(projectDir, ".cache", "content"),
    }),
  );
  if (files) {
    countStage("articles parsed", files.parsed);
    countStage("articles reused", files.reused);
  }
  if (problems.some((p) => p.severity === "error")) {
    // The build fails anyway: also name unreadable photos of the other articles, so one run lists all.
    throw new ContentError([...problems, ...(await checkArticleImages(articles))]);
  }
  for (const warning of problems) console.warn(formatProblem(warning));
  // Which pages the previous version holds unchanged: only the others are rendered.
  const pages = PageRebuild.open({
    projectDir,
    input,
    output,
    cacheDir: path.join(projectDir, ".cache", "pages"),
    full: options.full ?? process.env.PORTAL_FULL_BUILD === "1",
  });
  let staging: string | undefined;
  try {
    staging = stageVersion(output);
    const eleventy = new Eleventy(eleventyInput, staging, {
      configPath: path.join(projectDir, ".eleventy.ts"),
      quietMode: options.quiet ?? true,
      config: (eleventyConfig) => {
        setContentDir(eleventyConfig, input);
        measurePages(eleventyConfig);
        pages.register(eleventyConfig);
      },
    });
    await timeStage("eleventy", () => eleventy.write());
    const version = await timeStage("publish", () => publishVersion(output, staging as string));
    pages.save(version);
    return output;
  } catch (error) {
    // Published or not, `output` is whole; only the unfinished version is removed.
    await settleWrites();
    if (staging !== undefined) removeQuietly(staging);
    throw diskErrorOf(error, output) ?? error;
  }
}

/** Deletes a folder, ignoring failures: the error being reported matters more, and recovery retries. */
function removeQuietly(folder: string): void {
  try {
    rmSync(folder, { recursive: true, force: true });
  } catch {
    // e.g. a read-only file system; `recoverOutput` removes it at the next build.
  }
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
  eleventyConfig.on("eleventy.after", async () => {
    recordStage("render", start);
    // Pages written, images and the search index not yet: the staging folder is half a site.
    await faultPoint("pages-written");
  });
  eleventyConfig.addTransform("progress", (content: string) => {
    progress.tick();
    countStage("pages");
    return content;
  });
}
