/**
 * `npm run check:deploy -- --url https://… [--dir _site]`: fails when the deployed site does not send
 * the headers of netlify.toml. CI runs it after every Netlify deploy.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { projectDir } from "../lib/build.ts";
import { readHeaderRules } from "../lib/preview/netlify.ts";
import { deployHeaderProblems, samplePaths } from "../lib/publish/check-deploy.ts";

const { values } = parseArgs({
  options: { url: { type: "string" }, dir: { type: "string", default: "_site" } },
});
if (!values.url) {
  console.error("Cần --url của bản đã triển khai (the deployed URL is required).");
  process.exit(2);
}
const rules = readHeaderRules(readFileSync(path.join(projectDir, "netlify.toml"), "utf8"));
const paths = samplePaths(values.dir);
const problems = await deployHeaderProblems(values.url, paths, rules);
if (problems.length > 0) {
  console.error(
    `Bản triển khai thiếu headers của netlify.toml (${problems.length}):\n  ${problems.join("\n  ")}`,
  );
  process.exitCode = 1;
} else console.log(`Headers đúng như netlify.toml trên ${paths.length} địa chỉ của ${values.url}`);
