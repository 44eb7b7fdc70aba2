/**
 * axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on served pages in Debian's Chromium, at a phone and a
 * desktop width.
 */
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser } from "playwright-core";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
export const WIDTHS = [360, 1280];

/** One failing node of one axe rule on one page at one width. */
export interface AxeFinding {
  readonly page: string;
  readonly width: number;
  readonly rule: string;
  readonly target: string;
  readonly summary: string;
}

/** Runs axe on each URL path at each width; resolves with every violation node. */
export async function auditPages(
  browser: Browser,
  baseUrl: string,
  urls: readonly string[],
  widths: readonly number[] = WIDTHS,
): Promise<AxeFinding[]> {
  const findings: AxeFinding[] = [];
  for (const width of widths) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    for (const url of urls) {
      await page.goto(new URL(url, baseUrl).href, { waitUntil: "load" });
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      for (const violation of results.violations)
        for (const node of violation.nodes)
          findings.push({
            page: url,
            width,
            rule: violation.id,
            target: node.target.join(" "),
            summary: (node.failureSummary ?? violation.help).replace(/\s+/g, " "),
          });
    }
    await context.close();
  }
  return findings;
}

/** One line per finding: `rule  target  page @width: why`. */
export function formatAxe(findings: readonly AxeFinding[]): string {
  return findings.map((f) => `${f.rule}  ${f.target}  ${f.page} @${f.width}px: ${f.summary}`).join("\n");
}
