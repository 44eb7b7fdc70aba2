import { describe, expect, it } from "vitest";
import {
  findRedirect,
  headersFor,
  headerValues,
  matchPath,
  parseHeadersFile,
  NETLIFY_DEFAULT_CACHE_CONTROL,
  parseRedirects,
  readHeaderRules,
} from "../../lib/preview/netlify.ts";

describe("matchPath", () => {
  it("matches Netlify's splat and placeholders", () => {
    expect(matchPath("/*", "/tin-tuc/a/")).toEqual({ splat: "tin-tuc/a/" });
    expect(matchPath("/news/:year/*", "/news/2025/a")).toEqual({ year: "2025", splat: "a" });
    expect(matchPath("/", "/tin-tuc/")).toBeUndefined();
    expect(matchPath("/pagefind/pagefind.js", "/pagefind/pagefindXjs")).toBeUndefined();
  });
});

describe("parseHeadersFile", () => {
  it("reads path lines and indented headers, joining a repeated header", () => {
    expect(
      parseHeadersFile(
        "# c\n/a/*\n  X-A: 1\n  X-A: 2\n\n/b\n  Content-Security-Policy: default-src 'self'\n",
      ),
    ).toEqual([
      { for: "/a/*", values: { "X-A": "1, 2" } },
      { for: "/b", values: { "Content-Security-Policy": "default-src 'self'" } },
    ]);
  });

  it("refuses a header before any path", () => {
    expect(() => parseHeadersFile("  X-A: 1\n")).toThrow(/line 1/);
  });
});

describe("headersFor", () => {
  const rules = readHeaderRules(`
[[headers]]
  for = "/*"
  [headers.values]
    X-Content-Type-Options = "nosniff"
    Link = "</a>"
[[headers]]
  for = "/assets/*"
  [headers.values]
    Cache-Control = "public, max-age=31536000, immutable"
    Link = "</b>"
`);

  it("combines every matching block, as Netlify does", () => {
    expect(headersFor(rules, "/assets/x.css")).toEqual({
      "x-content-type-options": "nosniff",
      link: "</a>, </b>",
      "cache-control": "public, max-age=31536000, immutable",
    });
  });

  it("lists the value of each matching block separately", () => {
    expect(headerValues(rules, "/assets/x.css").link).toEqual(["</a>", "</b>"]);
    expect(headerValues(rules, "/tin-tuc/a/")["cache-control"]).toBeUndefined();
  });

  it("falls back to Netlify's default Cache-Control", () => {
    expect(headersFor(rules, "/tin-tuc/a/")["cache-control"]).toBe(NETLIFY_DEFAULT_CACHE_CONTROL);
  });
});

describe("findRedirect", () => {
  const rules = parseRedirects(`
# comment
/chi-tiet dDocName=PORTAL1 /tin-tuc/a/ 301!
/chi-tiet id=:id /bai/:id/ 301
/cu/ /tin-tuc/b/ 301
/tin-tuc/c/ /tin-tuc/d/ 301
`);
  const none = () => false;
  const at = (url: string, exists = none) => findRedirect(rules, new URL(url, "http://x"), exists)?.location;

  it("matches a literal query value only", () => {
    expect(at("/chi-tiet?dDocName=PORTAL1")).toBe("/tin-tuc/a/");
    expect(at("/chi-tiet?dDocName=PORTAL2")).toBeUndefined();
    expect(at("/chi-tiet")).toBeUndefined();
  });

  it("captures a query placeholder into the target", () => {
    expect(at("/chi-tiet?id=42")).toBe("/bai/42/");
  });

  it("matches with or without the trailing slash and passes the query string on", () => {
    expect(at("/cu")).toBe("/tin-tuc/b/");
    expect(at("/cu/?utm=x")).toBe("/tin-tuc/b/?utm=x");
  });

  it("is shadowed by an existing file unless forced", () => {
    expect(at("/tin-tuc/c/", () => true)).toBeUndefined();
    expect(at("/chi-tiet?dDocName=PORTAL1", () => true)).toBe("/tin-tuc/a/");
  });

  it("refuses a line it cannot read", () => {
    expect(() => parseRedirects("/a")).toThrow(/line 1/);
  });
});
