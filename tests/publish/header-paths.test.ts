import { describe, expect, it } from "vitest";
import { headerPathRegExp } from "../../lib/publish/header-paths.ts";

describe("headerPathRegExp", () => {
  // The same construction as Netlify's headers parser (for_regexp.ts).
  it.each([
    ["/", "/", true],
    ["/", "/index.html", false],
    ["/tin-tuc/*", "/tin-tuc/a/", true],
    ["/tin-tuc/*", "/tin-tuc", true],
    ["/tin-tuc/*", "/TIN-TUC/a", true],
    ["/a/*", "/admin/", true],
    ["/tin-tuc/*", "/tim-kiem/", false],
    ["/robots.txt", "/robots.txt/", true],
    ["/robots.txt", "/robotsXtxt", false],
    ["/tin-tuc/:slug/", "/tin-tuc/a/b/", false],
  ])("%s matches %s: %s", (pattern, url, expected) => {
    expect(headerPathRegExp(pattern).test(url)).toBe(expected);
  });
});
