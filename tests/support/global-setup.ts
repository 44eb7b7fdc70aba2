/**
 * Builds the real `content/` once for every test that reads the published site, and hands its folder
 * to the tests as `inject("siteDir")`. The build runs as `npm run build` does, in a child process under
 * tsx, since Eleventy imports `.eleventy.ts` itself.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    siteDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-site-"));
  const siteDir = path.join(root, "_site");
  execFileSync("node_modules/.bin/tsx", ["scripts/build.ts", "--output", siteDir], { stdio: "inherit" });
  // The folder the `_site` link points to (lib/output/site-versions.ts): tests copy it, and a copy
  // of a relative link would point nowhere.
  project.provide("siteDir", realpathSync(siteDir));
  return () => rmSync(root, { recursive: true, force: true });
}
