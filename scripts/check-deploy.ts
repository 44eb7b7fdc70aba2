/**
 * `npm run check:deploy -- --url https://… [--dir _site]`: fails when the deployed site does not send
 * the headers of netlify.toml and of the built site's `_headers`. CI runs it after every Netlify deploy.
 */
import { parseArgs } from "node:util";
import { siteHeaderRules } from "../lib/preview/preview.ts";
import { deployHeaderProblems, samplePaths } from "../lib/publish/check-deploy.ts";

const { values } = parseArgs({
  options: { url: { type: "string" }, dir: { type: "string", default: "_site" } },
});
if (!values.url) {
  console.error("Cần --url của bản đã triển khai (the deployed URL is required).");
  process.exit(2);
}
const rules = siteHeaderRules(values.dir);
const paths = samplePaths(values.dir);
const problems = await deployHeaderProblems(values.url, paths, rules);
if (problems.length > 0) {
  console.error(
    `Bản triển khai thiếu headers của netlify.toml/_headers (${problems.length}):\n  ${problems.join("\n  ")}`,
  );
  process.exitCode = 1;
} else
  console.log(`Headers đúng như netlify.toml và _headers trên ${paths.length} địa chỉ của ${values.url}`);
