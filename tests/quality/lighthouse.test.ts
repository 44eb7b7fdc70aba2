/**
 * Gate: Lighthouse (mobile) on the article page and the home page (when the build has one), served
 * as the CDN would serve it: performance, accessibility, best practices and SEO all 100, CLS 0.
 *
 * Performance on a shared 2-core box: each page gets up to three runs and passes on the first run
 * that scores 100 in every category; every run is printed. Accessibility, best practices, SEO and
 * CLS do not depend on host speed, so any run that misses them shows a real defect.
 */
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serveStatic } from "../../lib/preview/server.ts";
import { runLighthouse, type LighthouseResult } from "../support/quality/lighthouse.ts";
import { listPages } from "../support/quality/pages.ts";

const ATTEMPTS = 3;

function describeRun(result: LighthouseResult): string {
  const scores = Object.entries(result.scores)
    .map(([id, score]) => `${id} ${score}`)
    .join(", ");
  const metrics = Object.entries(result.metrics)
    .map(([id, value]) => `${id} ${value}`)
    .join(", ");
  return `${new URL(result.url).pathname}: ${scores}; CLS ${result.cls}; ${metrics}; host index ${Math.round(result.benchmarkIndex)} → CPU ×${result.cpuSlowdownMultiplier}`;
}

const perfect = (result: LighthouseResult): boolean =>
  Object.values(result.scores).every((score) => score === 100) && result.cls === 0;

describe("Lighthouse gate", () => {
  const pages = listPages(inject("siteDir"));
  const article = pages.find((page) => page.url.startsWith("/tin-tuc/"));
  const home = pages.find((page) => page.url === "/");
  const targets = [article, home].filter((page) => page !== undefined).map((page) => page.url);
  let server: Server;
  let baseUrl: string;
  beforeAll(async () => {
    ({ server, url: baseUrl } = await serveStatic(inject("siteDir")));
  });
  afterAll(() => server?.close());

  it("finds the article page to audit", () => {
    expect(article, "no /tin-tuc/<slug>/ page in the build").toBeDefined();
  });

  it.each(targets)("scores 100 in every category with CLS 0 on %s", { timeout: 300_000 }, async (url) => {
    let best: LighthouseResult | undefined;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const [result] = await runLighthouse([new URL(url, baseUrl).href]);
      if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
      console.log(`lighthouse run ${attempt}/${ATTEMPTS} ${describeRun(result)}`);
      if (!best || (result.scores.performance ?? 0) > (best.scores.performance ?? 0)) best = result;
      if (perfect(result)) break;
      // Only performance depends on host speed: anything else failing is a defect, no retry.
      if (
        result.cls !== 0 ||
        Object.entries(result.scores).some(([id, s]) => id !== "performance" && s !== 100)
      ) {
        best = result;
        break;
      }
    }
    if (!best) throw new Error("no Lighthouse run");
    expect(perfect(best), `${describeRun(best)}\nfailing audits:\n${best.failing.join("\n")}`).toBe(true);
  });
});
