/**
 * The Pagefind CLI over a built site, as a team would run it after its generator: the yardsticks'
 * search index (Hugo's, and bare Eleventy's).
 */
import path from "node:path";
import { measure, type Measured } from "./measure.ts";

/** Indexes the HTML of `siteDir` with the project's Pagefind CLI (into `siteDir/pagefind`). */
export function indexWithPagefindCli(projectDir: string, siteDir: string, cwd: string): Promise<Measured> {
  return measure(path.join(projectDir, "node_modules", ".bin", "pagefind"), ["--site", siteDir, "--silent"], {
    cwd,
  });
}
