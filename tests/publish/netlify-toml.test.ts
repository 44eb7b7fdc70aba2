/**
 * netlify.toml with the generated `_headers`: the production policy, through the preview's Netlify
 * rules on the real built site (every file: tests/publish/headers.test.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { describe, expect, inject, it } from "vitest";
import { projectDir } from "../../lib/build.ts";
import { headersFor, readHeaderRules } from "../../lib/preview/netlify.ts";
import { siteHeaderRules } from "../../lib/preview/preview.ts";

const text = readFileSync(path.join(projectDir, "netlify.toml"), "utf8");
const config = parse(text) as {
  build: { command: string; publish: string; environment: Record<string, string> };
  plugins: { package: string; inputs: { paths: string[] } }[];
};
const rules = siteHeaderRules(inject("siteDir"));
const everywhere = headersFor(rules, "/tin-tuc/bat-ky/");
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "public, max-age=0, must-revalidate";

/** The CSP as a map directive → sources. */
function csp(value: string): Map<string, string[]> {
  return new Map(
    value
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = "", ...sources]) => [name, sources]),
  );
}

describe("netlify.toml build settings", () => {
  it("builds with npm run build into _site on the Node version of .nvmrc", () => {
    expect(config.build.command).toBe("npm run build");
    expect(config.build.publish).toBe("_site");
    const nvmrc = readFileSync(path.join(projectDir, ".nvmrc"), "utf8").trim();
    expect(config.build.environment.NODE_VERSION).toBe(nvmrc);
  });

  it("keeps the image cache between builds with an installed plugin", () => {
    const plugin = config.plugins.find((p) => p.package === "netlify-plugin-cache");
    expect(plugin?.inputs.paths).toEqual([".cache"]);
    const pkg = JSON.parse(readFileSync(path.join(projectDir, "package.json"), "utf8"));
    expect(pkg.devDependencies["netlify-plugin-cache"]).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("the Content-Security-Policy on every response", () => {
  const policy = csp(everywhere["content-security-policy"] ?? "");

  it.each([
    ["default-src", ["'self'"]],
    ["script-src", ["'self'", "'wasm-unsafe-eval'"]],
    ["worker-src", ["'self'", "blob:"]],
    ["style-src", ["'self'"]],
    ["img-src", ["'self'", "data:"]],
    ["connect-src", ["'self'"]],
    ["font-src", ["'self'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["form-action", ["'self'"]],
    ["frame-ancestors", ["'none'"]],
    ["upgrade-insecure-requests", []],
  ])("sets %s to exactly %j", (directive, sources) => {
    expect(policy.get(directive)).toEqual(sources);
  });

  it("has no other directive and nothing that reopens inline or eval'd code", () => {
    expect(policy.size).toBe(12);
    const all = [...policy.values()].flat();
    for (const loose of ["'unsafe-inline'", "'unsafe-eval'", "*", "https:", "http:"])
      expect(all).not.toContain(loose);
  });
});

describe("the other security headers on every response", () => {
  it("asks for HTTPS for two years, subdomains included, preload", () => {
    const hsts = everywhere["strict-transport-security"] ?? "";
    expect(hsts).toMatch(/max-age=(\d+)/);
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(63072000);
    expect(hsts).toContain("includeSubDomains");
    expect(hsts).toContain("preload");
  });

  it("sets nosniff, the referrer policy and denies powerful features", () => {
    expect(everywhere["x-content-type-options"]).toBe("nosniff");
    expect(everywhere["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    const permissions = everywhere["permissions-policy"] ?? "";
    for (const feature of ["camera", "microphone", "geolocation", "interest-cohort", "browsing-topics"])
      expect(permissions).toContain(`${feature}=()`);
  });

  it("applies them to assets, the search index and the CMS too", () => {
    for (const url of ["/", "/assets/css/site.1234abcd.css", "/pagefind/pagefind.js", "/admin/"])
      expect(headersFor(rules, url)["strict-transport-security"]).toBe(
        everywhere["strict-transport-security"],
      );
    for (const url of ["/", "/assets/css/site.1234abcd.css", "/pagefind/pagefind.js", "/_redirects"])
      expect(headersFor(rules, url)["content-security-policy"]).toBe(everywhere["content-security-policy"]);
  });

  it("leaves the Content-Security-Policy out of netlify.toml (it comes from _headers, per section)", () => {
    for (const url of ["/", "/admin/", "/tin-tuc/a/"])
      expect(headersFor(readHeaderRules(text), url)["content-security-policy"]).toBeUndefined();
  });
});

describe("caching", () => {
  it.each([
    ["/assets/css/site.1234abcd.css", IMMUTABLE],
    ["/assets/js/search.1234abcd.js", IMMUTABLE],
    ["/pagefind/fragment/vi_414b345.pf_fragment", IMMUTABLE],
    ["/pagefind/index/vi_6ee744f.pf_index", IMMUTABLE],
    ["/pagefind/pagefind.js", REVALIDATE],
    ["/pagefind/pagefind-entry.json", REVALIDATE],
    ["/pagefind/luu-tru/index/vi_6ee744f.pf_index", IMMUTABLE],
    ["/pagefind/luu-tru/fragment/vi_414b345.pf_fragment", IMMUTABLE],
    ["/pagefind/luu-tru/filter/vi_1a2b3c4.pf_filter", IMMUTABLE],
    ["/pagefind/luu-tru/pagefind-entry.json", REVALIDATE],
    ["/pagefind/tiers.json", REVALIDATE],
    ["/", REVALIDATE],
    ["/tin-tuc/a/", REVALIDATE],
    ["/tim-kiem/", REVALIDATE],
  ])("serves %s with %s", (url, expected) => {
    expect(headersFor(rules, url)["cache-control"]).toBe(expected);
  });
});
