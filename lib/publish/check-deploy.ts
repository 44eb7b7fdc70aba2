/**
 * After a deploy: does the live site send the headers netlify.toml and the built `_headers` promise? A
 * deploy method that leaves either behind publishes a site without its policy, silently; this notices.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { headersFor, type HeaderRule } from "../preview/netlify.ts";
import { ARTICLES_PATH, ROUTES, articleUrl } from "../content/url-scheme.ts";

/** Paths worth checking in a built site: home, the search page and the CMS (if any), one article, one stylesheet. */
export function samplePaths(siteDir: string): string[] {
  const paths = ["/", ROUTES.search, "/admin/"].filter((p) =>
    existsSync(path.join(siteDir, p, "index.html")),
  );
  const articles = path.join(siteDir, ARTICLES_PATH);
  const article = existsSync(articles) ? readdirSync(articles)[0] : undefined;
  if (article) paths.push(articleUrl(article));
  const css = path.join(siteDir, "assets", "css");
  const sheet = existsSync(css) ? readdirSync(css)[0] : undefined;
  if (sheet) paths.push(`/assets/css/${sheet}`);
  return paths;
}

/** Every header that differs from the rules, as `path header: expected … got …`; empty when all match. */
export async function deployHeaderProblems(
  baseUrl: string,
  paths: readonly string[],
  rules: readonly HeaderRule[],
): Promise<string[]> {
  const problems: string[] = [];
  const squash = (value: string | null) => (value ?? "(none)").replace(/\s+/g, "");
  for (const urlPath of paths) {
    const response = await fetch(new URL(urlPath, baseUrl), { redirect: "manual" });
    if (response.status >= 400) problems.push(`${urlPath}: HTTP ${response.status}`);
    for (const [name, expected] of Object.entries(headersFor(rules, urlPath))) {
      const actual = response.headers.get(name);
      if (squash(actual) !== squash(expected))
        problems.push(`${urlPath} ${name}: expected "${expected}", got "${actual ?? "(none)"}"`);
    }
  }
  return problems;
}
