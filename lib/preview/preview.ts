/**
 * The local preview: `_site` served with the production headers (netlify.toml) and redirects
 * (`_site/_redirects`), so what a browser sees here is what Netlify serves.
 */
import { existsSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { projectDir } from "../build.ts";
import { findRedirect, headersFor, parseRedirects, readHeaderRules } from "./netlify.ts";
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
  const headerRules = readHeaderRules(readFileSync(netlifyToml, "utf8"));
  const redirectsPath = path.join(root, "_redirects");
  const redirects = existsSync(redirectsPath) ? parseRedirects(readFileSync(redirectsPath, "utf8")) : [];
  const { server, url } = await serveStatic(root, port, {
    headers: (urlPath) => headersFor(headerRules, urlPath),
    before: (req, res) => {
      const requested = new URL(req.url ?? "/", "http://localhost");
      const found = findRedirect(redirects, requested, (urlPath) => resolveFile(root, urlPath) !== undefined);
      if (!found || found.rule.status < 300 || found.rule.status >= 400) return false;
      res.writeHead(found.rule.status, {
        ...headersFor(headerRules, requested.pathname),
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
