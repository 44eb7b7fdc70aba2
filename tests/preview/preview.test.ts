/** `startPreview`: the real built site served with Netlify's headers (netlify.toml + `_headers`) on every kind of answer. */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { adminCsp } from "../../lib/admin/csp.ts";
import { publicCsp } from "../../lib/publish/csp.ts";
import { startPreview, type Preview } from "../../lib/preview/preview.ts";
import { SEED_SLUG } from "../support/fixture.ts";

describe("startPreview", () => {
  let preview: Preview;
  beforeAll(async () => {
    preview = await startPreview(inject("siteDir"), 0);
  });
  afterAll(() => preview?.close());

  it.each([
    [`/tin-tuc/${SEED_SLUG}/`, 200],
    [`/tin-tuc/${SEED_SLUG}`, 301],
    ["/tin-tuc/khong-co-bai-nay/", 404],
  ])("answers %s with %i and the production security headers", async (url, status) => {
    const response = await fetch(preview.url + url, { redirect: "manual" });
    expect(response.status).toBe(status);
    expect(response.headers.get("content-security-policy")).toBe(publicCsp());
    expect(response.headers.get("strict-transport-security")).toContain("preload");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("serves the CMS with its own policy only, on one header line", async () => {
    const response = await fetch(`${preview.url}/admin/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toBe(adminCsp());
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("serves the article HTML revalidated and the hashed stylesheet immutable", async () => {
    const html = await fetch(`${preview.url}/tin-tuc/${SEED_SLUG}/`);
    expect(html.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    const css = /href="(\/assets\/css\/[^"]+)"/.exec(await html.text())?.[1];
    expect(css).toMatch(/^\/assets\/css\/[\w-]+\.[0-9a-f]{8}\.css$/);
    const sheet = await fetch(preview.url + css);
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });
});
