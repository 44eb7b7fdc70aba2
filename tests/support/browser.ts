/**
 * Debian's Chromium through playwright-core: Playwright's own browser download cannot run here.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startPreview } from "../../lib/preview/preview.ts";
import { serveStatic } from "../../lib/preview/server.ts";

/** The Chromium binary; fails clearly when it is missing (scripts/ensure-tools.sh installs it). */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found)
    throw new Error("Chromium not found: run `bash scripts/ensure-tools.sh` (installs Debian's chromium).");
  return found;
}

/** Flags that keep Chromium off the network this machine does not have, and root-safe. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Launches headless Chromium. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/** A served site and Chromium, ready once the `beforeAll` hooks have run. */
export interface SiteInBrowser {
  readonly browser: Browser;
  /** Base URL of the site, e.g. `http://localhost:41234`. */
  readonly base: string;
}

export interface SiteServing {
  /** Serve as Netlify does (the preview: the built `_headers`, `_redirects` and netlify.toml). */
  readonly netlify?: boolean;
  /** Headers added to every response of plain file serving, e.g. a Content-Security-Policy. */
  readonly headers?: Record<string, string>;
}

/**
 * Serves the folder `root()` resolves to and launches Chromium before the tests of the enclosing file
 * (or `describe`), and closes both after them. `root` may build the site first.
 */
export function siteInBrowser(
  root: () => string | Promise<string>,
  serving: SiteServing = {},
): SiteInBrowser {
  const site = {} as { browser: Browser; base: string };
  let close: (() => unknown) | undefined;
  beforeAll(async () => {
    const dir = await root();
    if (serving.netlify) {
      const preview = await startPreview(dir, 0);
      site.base = preview.url;
      close = () => preview.close();
    } else {
      const headers = serving.headers ?? {};
      const { server, url } = await serveStatic(dir, 0, { headers: () => headers });
      site.base = url;
      close = () => server.close();
    }
    site.browser = await launchBrowser();
  });
  afterAll(async () => {
    await site.browser?.close();
    await close?.();
  });
  return site;
}
