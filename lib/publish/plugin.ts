/**
 * Publishing: the `_redirects` file from every article's `aliases`, after checking no old URL is
 * claimed twice or hides a real page. A failed check fails the build (nothing is published).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { outputDir, type EleventyConfig } from "../eleventy.ts";
import { loadArticles } from "../content/load.ts";
import { ContentError, type Problem } from "../content/problems.ts";
import { aliasProblems } from "./aliases.ts";
import { redirectsFile } from "./redirects.ts";

export interface PublishOptions {
  /** Name of the redirects file in the output; Netlify reads `_redirects`. */
  readonly redirectsFileName?: string;
}

export default function publishPlugin(eleventyConfig: EleventyConfig, options: PublishOptions = {}): void {
  const fileName = options.redirectsFileName ?? "_redirects";

  eleventyConfig.on("eleventy.after", ({ results }) => {
    const output = outputDir(eleventyConfig);
    // All articles, drafts and future ones included: an alias must not take a URL an article will have.
    const { articles } = loadArticles(eleventyConfig.directories.input);
    const generated = (results ?? []).map((result) => result.url).filter(Boolean);
    const problems = aliasProblems(articles, [...generated, ...filesAsUrls(output)]).map(withLine);
    if (problems.length > 0) throw new ContentError(problems);
    // Redirect only to pages this build really wrote (a draft's old URL waits for its publication).
    const written = new Set(generated);
    writeFileSync(path.join(output, fileName), redirectsFile(articles.filter((a) => written.has(a.url))));
  });
}

/** Every file already in the output, as a URL: an alias must not hide a photo or a stylesheet either. */
function filesAsUrls(output: string): string[] {
  return readdirSync(output, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map(
      (entry) =>
        `/${path.relative(output, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")}`,
    );
}

/** Points the problem at the `aliases:` line of the front matter, where the author will look. */
function withLine(problem: Problem): Problem {
  try {
    const lines = readFileSync(problem.file, "utf8").split("\n");
    const index = lines.findIndex((line) => /^aliases\s*:/.test(line));
    return index >= 0 ? { ...problem, line: index + 1 } : problem;
  } catch {
    return problem;
  }
}
