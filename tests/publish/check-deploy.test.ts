/** The post-deploy header check, against the preview (which has the policy) and a bare server (which has not). */
import { describe, expect, inject, it } from "vitest";
import { siteHeaderRules, startPreview } from "../../lib/preview/preview.ts";
import { serveStatic } from "../../lib/preview/server.ts";
import { deployHeaderProblems, samplePaths } from "../../lib/publish/check-deploy.ts";

const siteDir = inject("siteDir");
const rules = siteHeaderRules(siteDir);

describe("deployHeaderProblems", () => {
  it("samples an article, the CMS and a hashed stylesheet of the built site", () => {
    const paths = samplePaths(siteDir);
    expect(paths).toContain("/admin/");
    expect(paths).toContainEqual(expect.stringMatching(/^\/tin-tuc\/[^/]+\/$/));
    expect(paths).toContainEqual(expect.stringMatching(/^\/assets\/css\/[\w-]+\.[0-9a-f]{8}\.css$/));
  });

  it("passes a server that sends netlify.toml's and _headers' headers", async () => {
    const preview = await startPreview(siteDir, 0);
    expect(await deployHeaderProblems(preview.url, samplePaths(siteDir), rules)).toEqual([]);
    await preview.close();
  });

  it("fails a deploy that left the policy behind, naming path and header", async () => {
    const { server, url } = await serveStatic(siteDir, 0);
    const problems = await deployHeaderProblems(url, samplePaths(siteDir), rules);
    server.close();
    expect(problems).toContainEqual(
      expect.stringMatching(/^\/tin-tuc\/.* content-security-policy: expected/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^\/assets\/css\/.* cache-control: expected "public, max-age=31536000, immutable"/,
      ),
    );
  });
});
