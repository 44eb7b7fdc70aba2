/** The post-deploy header check, against the preview (which has the policy) and a bare server (which has not). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { projectDir } from "../../lib/build.ts";
import { readHeaderRules } from "../../lib/preview/netlify.ts";
import { startPreview } from "../../lib/preview/preview.ts";
import { serveStatic } from "../../lib/preview/server.ts";
import { deployHeaderProblems, samplePaths } from "../../lib/publish/check-deploy.ts";

const rules = readHeaderRules(readFileSync(path.join(projectDir, "netlify.toml"), "utf8"));
const siteDir = inject("siteDir");

describe("deployHeaderProblems", () => {
  it("samples an article and a hashed stylesheet of the built site", () => {
    const paths = samplePaths(siteDir);
    expect(paths.some((p) => p.startsWith("/tin-tuc/"))).toBe(true);
    expect(paths.some((p) => p.startsWith("/assets/css/"))).toBe(true);
  });

  it("passes a server that sends netlify.toml's headers", async () => {
    const preview = await startPreview(siteDir, 0);
    expect(await deployHeaderProblems(preview.url, samplePaths(siteDir), rules)).toEqual([]);
    await preview.close();
  });

  it("fails a deploy that left the policy behind, naming path and header", async () => {
    const { server, url } = await serveStatic(siteDir, 0);
    const problems = await deployHeaderProblems(url, samplePaths(siteDir), rules);
    server.close();
    expect(problems.some((p) => /^\/tin-tuc\/.* content-security-policy: expected/.test(p))).toBe(true);
    expect(
      problems.some((p) =>
        /^\/assets\/css\/.* cache-control: expected "public, max-age=31536000, immutable"/.test(p),
      ),
    ).toBe(true);
  });
});
