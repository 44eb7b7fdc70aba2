/**
 * A static file server for `_site`, as a CDN would serve it: `/x/` → `/x/index.html`, `404.html`
 * for missing paths, correct content types. Used by `npm run preview` and the browser tests.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createGzip } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".webmanifest": "application/manifest+json",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pagefind": "application/octet-stream",
};

/** The methods a static site answers; a CDN refuses the others, and so does the preview. */
const ALLOWED_METHODS = ["GET", "HEAD"] as const;

/** Hooks that let the preview add a host's headers and redirects around plain file serving. */
export interface ServeHooks {
  /** Returns true when it answered the request itself (e.g. a redirect). */
  readonly before?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Headers for a path about to be served; a list is sent as one header line per value. */
  readonly headers?: (urlPath: string) => Record<string, string | string[]>;
}

/** Maps a URL path to a file under `root`, or undefined. Never escapes `root`. */
export function resolveFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const candidate = path.join(root, path.normalize(decoded).replace(/^(\.\.[/\\])+/, ""));
  if (!candidate.startsWith(root)) return undefined;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  const index = path.join(candidate, "index.html");
  if (existsSync(index)) return index;
  return undefined;
}

/** Starts serving `root` on `port` (0 picks a free one); resolves with the server and its base URL. */
export async function serveStatic(
  root: string,
  port = 0,
  hooks: ServeHooks = {},
): Promise<{ server: Server; url: string }> {
  const absolute = path.resolve(root);
  const server = createServer((req, res) => {
    if (!(ALLOWED_METHODS as readonly string[]).includes(req.method ?? "")) {
      // 405 with Allow, as RFC 9110 asks: a form or script POSTing here must not look like it worked.
      res
        .writeHead(405, { allow: ALLOWED_METHODS.join(", "), "content-type": "text/plain; charset=utf-8" })
        .end("Phương thức không được hỗ trợ (method not allowed)");
      return;
    }
    if (hooks.before?.(req, res)) return;
    const urlPath = new URL(req.url ?? "/", "http://localhost").pathname;
    if (
      urlPath.endsWith("/index.html") === false &&
      !urlPath.endsWith("/") &&
      !path.extname(urlPath) &&
      resolveFile(absolute, `${urlPath}/`)
    ) {
      res.writeHead(301, { ...(hooks.headers?.(urlPath) ?? {}), location: `${urlPath}/` }).end();
      return;
    }
    const file = resolveFile(absolute, urlPath);
    const status = file ? 200 : 404;
    const served = file ?? path.join(absolute, "404.html");
    const contentType = TYPES[path.extname(served)] ?? "application/octet-stream";
    const headers: Record<string, string | string[]> = {
      ...(hooks.headers?.(urlPath) ?? {}),
      "content-type": contentType,
    };
    if (!existsSync(served)) {
      res
        .writeHead(404, { ...headers, "content-type": "text/plain; charset=utf-8" })
        .end("Không tìm thấy trang");
      return;
    }
    // Text is gzipped as the CDN does, so Lighthouse and size checks see what readers download.
    const gzip =
      /^(text\/|application\/(json|xml|manifest))|svg/.test(contentType) &&
      /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    if (gzip) {
      headers["content-encoding"] = "gzip";
      headers.vary = "Accept-Encoding";
    }
    res.writeHead(status, headers);
    if (req.method === "HEAD") res.end();
    else if (gzip) createReadStream(served).pipe(createGzip()).pipe(res);
    else createReadStream(served).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: actual } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${actual}` };
}
