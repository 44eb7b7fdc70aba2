/**
 * `npm start`: the dev server. Eleventy builds into `_site/` (emptied first), watches the content,
 * layouts and assets, and serves the site with live reload.
 *
 * Why not Eleventy's own command line: its `--input` is the folder Eleventy renders templates from,
 * while `content/` must only ever be read as data by lib/content (see lib/eleventy-input/README.md).
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Eleventy from "@11ty/eleventy";
import { eleventyInput, setContentDir } from "../lib/eleventy.ts";

const { values } = parseArgs({
  options: {
    input: { type: "string", default: "content" },
    output: { type: "string", default: "_site" },
    port: { type: "string" },
  },
});

const projectDir = path.resolve(import.meta.dirname, "..");
const output = path.resolve(values.output);
// Eleventy never deletes output: a page of a deleted article would be served until the folder is emptied.
rmSync(output, { recursive: true, force: true });
const eleventy = new Eleventy(eleventyInput, output, {
  configPath: path.join(projectDir, ".eleventy.ts"),
  runMode: "serve",
  config: (eleventyConfig) => setContentDir(eleventyConfig, values.input),
});
await eleventy.init();
await eleventy.watch();
eleventy.serve(values.port === undefined ? undefined : Number(values.port));
process.on("SIGINT", () => {
  void eleventy.stopWatch().then(() => process.exit(0));
});
