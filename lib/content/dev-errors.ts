/**
 * Dev server (`npm start`) only: when a save breaks an article, the browser shows what is wrong, with
 * file and line, until it is fixed; a terminal the author is not looking at is not enough.
 *
 * How: the failure of the last build's content is kept here (cleared by the next build that
 * succeeds). While it is set, the dev server answers every page request with an error page listing
 * the problems (status 500). Pages already open learn of the failure through the dev server's own
 * WebSocket: Eleventy sends `eleventy.error` to every client, and the small script added to each
 * page reloads on it, which brings up the error page. When a save fixes it, Eleventy's usual reload
 * brings the page back.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EleventyConfig } from "../eleventy.ts";
import { ContentError, formatProblem } from "./problems.ts";
import { escapeHtml } from "../text/html.ts";

/** Reloads the page when a build fails, so the dev server's error page replaces it. */
const CLIENT = `<script type="module" data-dev-errors>
const socket = new WebSocket(location.origin.replace(/^http/, "ws"));
socket.addEventListener("message", (event) => {
  try {
    if (JSON.parse(event.data).type === "eleventy.error") location.reload();
  } catch {}
});
</script>`;

export interface DevErrors {
  /** Records why the content of the running build failed (then the build rethrows it). */
  report(error: unknown): void;
}

/** Registers the error page and its script; returns where the content plugin reports failures. */
export default function devErrorsPlugin(eleventyConfig: EleventyConfig): DevErrors {
  let failure: readonly string[] | undefined;
  eleventyConfig.on("eleventy.after", () => {
    failure = undefined;
  });
  eleventyConfig.addTransform("dev-errors", function (content: string) {
    const output = this.page.outputPath;
    return typeof output === "string" && output.endsWith(".html")
      ? content.replace("</body>", `${CLIENT}</body>`)
      : content;
  });
  eleventyConfig.setServerOptions({
    middleware: [
      (req: IncomingMessage, res: ServerResponse & { isCustomErrorPage?: boolean }, next: () => void) => {
        if (failure === undefined || req.method !== "GET" || !isPageRequest(req)) return next();
        res.statusCode = 500;
        // The dev server would otherwise send a CSP for its own error pages that blocks the script.
        res.isCustomErrorPage = true;
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.setHeader("cache-control", "no-store");
        res.end(errorPage(failure));
      },
    ],
  });
  return {
    report(error) {
      failure =
        error instanceof ContentError
          ? error.problems.filter((p) => p.severity === "error").map(formatProblem)
          : [error instanceof Error ? error.message : String(error)];
    },
  };
}

/** A page (what a browser navigates to), not a stylesheet, image or script. */
function isPageRequest(req: IncomingMessage): boolean {
  if (req.headers["sec-fetch-dest"] === "document") return true;
  const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
  return pathname.endsWith("/") || pathname.endsWith(".html");
}

/** The error page: every problem on its own line, as the terminal shows them. */
export function errorPage(problems: readonly string[]): string {
  const items = problems.map((line) => `<li><code>${escapeHtml(line)}</code></li>`).join("");
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lỗi nội dung — bản xem thử</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1a1a1a}
h1{color:#a00;font-size:1.5rem}li{margin:.5rem 0}code{white-space:pre-wrap;word-break:break-word}</style></head>
<body><main><h1>Bài viết có lỗi: trang chưa dựng lại được</h1>
<p>Sửa các lỗi dưới đây rồi lưu tệp; trang sẽ tự tải lại. (The content has errors; fix them and save, and this page reloads.)</p>
<ul id="dev-errors">${items}</ul></main>${CLIENT}</body></html>`;
}
