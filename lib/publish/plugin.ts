/**
 * Publishing: the `_redirects` file from every article's `aliases`, after checking no old URL is
 * claimed twice or hides a real page (a failed check fails the build: nothing is published), and the
 * `_headers` file (each section's Content-Security-Policy, caching of hashed images).
 */
import { readdirSync, writeFileSync } from "node:fs";
import { ADMIN_OPENER_POLICY, adminCsp } from "../admin/csp.ts";
import { publicCsp } from "./csp.ts";
import { headersFile } from "./headers.ts";
import path from "node:path";
import { outputDir, type EleventyConfig } from "../eleventy.ts";
import { loadedArticles } from "../content/plugin.ts";
import { isQuickPass } from "../content/dev-rebuild.ts";
import { keptPages } from "../rebuild/selection.ts";
import { ContentError } from "../content/problems.ts";
import { aliasProblems, routeKey } from "../content/aliases.ts";
import { redirectsFile } from "./redirects.ts";
import { siteRoutes } from "./routes.ts";

export interface PublishOptions {
  /** Name of the redirects file in the output; Netlify reads `_redirects`. */
  readonly redirectsFileName?: string;
  /** Top-level folder of the CMS, which gets the CMS's policy; defaults to `admin`. */
  readonly adminFolder?: string;
  /**
   * Top-level folders other plugins write after this one lists the output (Eleventy runs the
   * `eleventy.after` handlers concurrently), e.g. the search index. The headers test walks every
   * built file, so a folder missing here fails it.
   */
  readonly otherPluginFolders?: readonly string[];
}

export default function publishPlugin(eleventyConfig: EleventyConfig, options: PublishOptions = {}): void {
  const fileName = options.redirectsFileName ?? "_redirects";

  eleventyConfig.on("eleventy.after", ({ results }) => {
    // A dev server quick pass writes a few article pages: these files need every page, and the
    // full rebuild that follows it writes them (lib/content/dev-rebuild.ts).
    if (isQuickPass(eleventyConfig)) return;
    const output = outputDir(eleventyConfig);
    // All articles, drafts and future ones included: an alias must not take a URL an article will have.
    const articles = loadedArticles(eleventyConfig);
    // Rendered by this build, or kept unchanged from the previous version (lib/rebuild).
    const generated = [
      ...(results ?? []).map((result) => result.url).filter(Boolean),
      ...keptPages(eleventyConfig).map((page) => page.url),
    ];
    // The routes `npm run check` knows, and what this build really wrote (the same, unless a route
    // was added without lib/publish/routes.ts knowing: then the build still refuses the alias).
    const known = siteRoutes();
    const others = [...(options.otherPluginFolders ?? []), options.adminFolder ?? "admin"].map(
      (f) => `/${f}/`,
    );
    const folders = [...known.folders, ...others];
    // No alias may lie in these folders whatever they hold, so their files need not be listed.
    const refused = new Set([...folders, ...articles.map((a) => a.url)].map((f) => routeKey(f)));
    const served = {
      folders,
      pages: [...known.pages, ...generated, ...filesAsUrls(output, refused)],
    };
    const problems = aliasProblems(articles, served);
    if (problems.length > 0) throw new ContentError(problems);
    // Redirect only to pages this build really wrote (a draft's old URL waits for its publication).
    const written = new Set(generated);
    writeFileSync(path.join(output, fileName), redirectsFile(articles.filter((a) => written.has(a.url))));
    writeFileSync(path.join(output, "_headers"), headersFile(headersInput(output, generated, options)));
  });
}

/** The output's top-level entries: on disk now, of every generated page, and the other plugins' folders. */
function headersInput(output: string, urls: readonly string[], options: PublishOptions) {
  const entries = new Map<string, boolean>([["_headers", false]]);
  for (const entry of readdirSync(output, { withFileTypes: true }))
    entries.set(entry.name, entry.isDirectory());
  for (const url of urls) {
    const [first = "", ...rest] = url.split("/").slice(1);
    if (first) entries.set(first, rest.length > 0);
  }
  for (const folder of options.otherPluginFolders ?? []) entries.set(folder, true);
  const admin = options.adminFolder ?? "admin";
  return {
    entries: [...entries].map(([name, folder]) => ({ name, folder })),
    publicCsp: publicCsp(),
    admin: { folder: admin, csp: adminCsp(), openerPolicy: ADMIN_OPENER_POLICY },
  };
}

/**
 * Every file already in the output, as a URL: an alias must not hide a photo or a stylesheet either.
 * Folders whose route key is in `refused` are not entered: `aliasProblems` refuses any alias in them
 * before it looks at files (and an archive's article folders are most of the output).
 */
function filesAsUrls(output: string, refused: ReadonlySet<string>): string[] {
  const urls: string[] = [];
  const walk = (dir: string, url: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const child = `${url}${entry.name}`;
      if (entry.isFile()) urls.push(child);
      else if (entry.isDirectory() && !refused.has(routeKey(child)))
        walk(path.join(dir, entry.name), `${child}/`);
    }
  };
  walk(output, "/");
  return urls;
}
