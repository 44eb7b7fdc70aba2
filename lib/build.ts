/**
 * The production build: Eleventy into a fresh temporary folder, then an atomic swap into place.
 *
 * Why: Eleventy neither empties its output folder (a deleted article would survive) nor rolls back
 * on failure; building aside and swapping means a failed build publishes nothing, not half a site.
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import { loadArticles } from "./content/load.ts";
import { ContentError, formatProblem } from "./content/problems.ts";

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
  const input = path.resolve(options.input ?? path.join(projectDir, "content"));
  const output = path.resolve(options.output ?? path.join(projectDir, "_site"));
  // Validate every article before Eleventy starts: authors get one list of all problems, and
  // nothing is written. The content plugin reuses these parsed files (see load.ts).
  const { problems } = loadArticles(input);
  if (problems.some((p) => p.severity === "error")) throw new ContentError(problems);
  for (const warning of problems) console.warn(formatProblem(warning));
  const staging = `${output}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const eleventy = new Eleventy(input, staging, {
      configPath: path.join(projectDir, ".eleventy.ts"),
      quietMode: options.quiet ?? true,
    });
    await eleventy.write();
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const previous = `${output}.previous-${process.pid}`;
  if (existsSync(output)) renameSync(output, previous);
  renameSync(staging, output);
  rmSync(previous, { recursive: true, force: true });
  return output;
}
