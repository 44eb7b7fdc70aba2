/**
 * Debian's Chromium through playwright-core: Playwright's own browser download cannot run here.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

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
