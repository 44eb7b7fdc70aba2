/**
 * The bare-Eleventy yardstick: the same Markdown as templates, one plain layout, no plugins.
 * Only the Liquid pre-pass of Markdown is off, so no article's text can be mistaken for a tag.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { measure, type Measured } from "./measure.ts";

const LAYOUT = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1>{{ content | safe }}</main></body></html>
`;

/** Builds `contentDir` with a bare configuration into `outputDir`. */
export async function buildBareEleventy(
  projectDir: string,
  contentDir: string,
  outputDir: string,
): Promise<Measured> {
  const configDir = path.join(path.dirname(outputDir), "bare-config");
  mkdirSync(path.join(configDir, "layouts"), { recursive: true });
  writeFileSync(path.join(configDir, "layouts", "plain.njk"), LAYOUT);
  const config = path.join(configDir, "eleventy.config.mjs");
  writeFileSync(
    config,
    `export default function (eleventyConfig) {
  eleventyConfig.setLayoutsDirectory(${JSON.stringify(path.relative(contentDir, path.join(configDir, "layouts")))});
  eleventyConfig.addGlobalData("layout", "plain.njk");
  eleventyConfig.setUseGitIgnore(false);
}
export const config = { templateFormats: ["md"], markdownTemplateEngine: false };
`,
  );
  return measure(
    process.execPath,
    [
      path.join(projectDir, "node_modules/@11ty/eleventy/cmd.cjs"),
      `--config=${config}`,
      `--input=${contentDir}`,
      `--output=${outputDir}`,
      "--quiet",
    ],
    { cwd: projectDir },
  );
}
