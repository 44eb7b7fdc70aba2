/**
 * The local preview: `_site` served with the production headers (netlify.toml and the generated
 * `_site/_headers`, merged as Netlify merges them) and redirects (`_site/_redirects`), so what a browser
 * sees here is what Netlify serves.
 */
import { existsSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { projectDir } from "../build.ts";
import {
  findRedirect,
  headerValues,
  NETLIFY_DEFAULT_CACHE_CONTROL,
  parseHeadersFile,
  parseRedirects,
  readHeaderRules,
  type HeaderRule,
} from "./netlify.ts";
import { resolveFile, serveStatic } from "./server.ts";

export interface Preview {
  readonly server: Server;
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `siteDir` on `port` (0: a free one) as Netlify would.
 * @example const preview = await startPreview("_site", 0); await fetch(preview.url + "/"); await preview.close();
 */
export async function startPreview(
  siteDir: string,
  port = 0,
  netlifyToml = path.join(projectDir, "netlify.toml"),
): Promise<Preview> {
  const root = path.resolve(siteDir);
  const headerRules = siteHeaderRules(root, netlifyToml);
  const redirectsPath = path.join(root, "_redirects");
  const redirects = existsSync(redirectsPath) ? parseRedirects(readFileSync(redirectsPath, "utf8")) : [];
  const { server, url } = await serveStatic(root, port, {
    headers: (urlPath) => previewHeaders(headerRules, urlPath),
    before: (req, res) => {
      const requested = new URL(req.url ?? "/", "http://localhost");
      const found = findRedirect(redirects, requested, (urlPath) => resolveFile(root, urlPath) !== undefined);
      if (!found || found.rule.status < 300 || found.rule.status >= 400) return false;
      res.writeHead(found.rule.status, {
        ...previewHeaders(headerRules, requested.pathname),
        location: found.location,
      });
      res.end();
      return true;
    },
  });
  const close = () =>
    new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  return { server, url, close };
}

/**
 * Every header rule Netlify applies to a built site: the `_headers` file of the site, then
 * netlify.toml's blocks (the order of Netlify's own merge, netlify/build headers-parser merge.ts).
 */
export function siteHeaderRules(
  siteDir: string,
  netlifyToml = path.join(projectDir, "netlify.toml"),
): HeaderRule[] {
  const file = path.join(siteDir, "_headers");
  return [
    ...(existsSync(file) ? parseHeadersFile(readFileSync(file, "utf8")) : []),
    ...readHeaderRules(readFileSync(netlifyToml, "utf8")),
  ];
}

/** What the preview sends: each rule's value on its own line, Netlify's default Cache-Control if none. */
function previewHeaders(rules: readonly HeaderRule[], urlPath: string): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = headerValues(rules, urlPath);
  headers["cache-control"] ??= NETLIFY_DEFAULT_CACHE_CONTROL;
  return headers;
}
