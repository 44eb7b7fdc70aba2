import { describe, expect, it } from "vitest";
import { aliasKey, aliasProblems, parseAlias, pathKey } from "../../lib/publish/aliases.ts";
import { aliasSyntaxError } from "../../lib/content/alias-syntax.ts";

const LEGACY = "/webcenter/portal/phuninh/pages_tin-tuc/chi-tiet?dDocName=PORTAL353912";
const article = (inputPath: string, url: string, aliases: string[]) => ({ inputPath, url, aliases });

describe("aliasSyntaxError", () => {
  it("accepts an old slug and a legacy portal address with its query string", () => {
    expect(aliasSyntaxError("/tin-tuc/bai-cu/")).toBeUndefined();
    expect(aliasSyntaxError(LEGACY)).toBeUndefined();
  });

  it.each([
    ["https://phuninh.gov.vn/tin-tuc/a/", "bắt đầu bằng"],
    ["//phuninh.gov.vn/a", "bắt đầu bằng"],
    ["tin-tuc/a/", "bắt đầu bằng"],
    ["/tin tuc/a/", "khoảng trắng"],
    ["/a#phan-2", "#"],
    ["/tin-tuc/*", "*"],
    ["/tin-tuc/:slug", ":"],
    ["/chi-tiet?dDocName", "khóa=giá trị"],
    ["/chi-tiet?dDocName=:id", "khóa=giá trị"],
  ])("refuses %s, saying why", (alias, reason) => {
    expect(aliasSyntaxError(alias)).toContain(reason);
  });
});

describe("aliasKey", () => {
  it("treats a trailing slash, the order of parameters and percent-encoding as the same old URL", () => {
    expect(aliasKey("/tin-tuc/bai-cu")).toBe(aliasKey("/tin-tuc/bai-cu/"));
    expect(aliasKey("/x?a=1&b=2")).toBe(aliasKey("/x/?b=2&a=1"));
    expect(aliasKey("/tin-tức/")).toBe(aliasKey("/tin-t%E1%BB%A9c/"));
    expect(aliasKey("/x?a=1")).not.toBe(aliasKey("/x?a=2"));
  });

  it("keeps the legacy query string in the parsed alias", () => {
    expect(parseAlias(LEGACY)).toEqual({
      path: "/webcenter/portal/phuninh/pages_tin-tuc/chi-tiet",
      query: [["dDocName", "PORTAL353912"]],
    });
  });

  it("makes /x/index.html, /x/ and /x one page", () => {
    expect(pathKey("/x/index.html")).toBe("/x");
    expect(pathKey("/x/")).toBe("/x");
    expect(pathKey("/")).toBe("/");
  });
});

describe("aliasProblems", () => {
  it("finds nothing wrong with distinct old URLs", () => {
    const articles = [
      article("a/index.md", "/tin-tuc/a/", ["/tin-tuc/a-cu/", LEGACY]),
      article("b/index.md", "/tin-tuc/b/", ["/tin-tuc/b-cu/"]),
    ];
    expect(aliasProblems(articles, ["/", "/tin-tuc/a/", "/tin-tuc/b/"])).toEqual([]);
  });

  it("names both files and the field when two articles claim one old URL", () => {
    const articles = [
      article("a/index.md", "/tin-tuc/a/", [LEGACY]),
      article("b/index.md", "/tin-tuc/b/", [LEGACY.replace("?", "/?")]),
    ];
    const [problem, ...rest] = aliasProblems(articles, []);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: "b/index.md", field: "aliases", severity: "error" });
    expect(problem?.message).toContain("a/index.md");
  });

  it("refuses an alias that is another article's URL, even one not yet published", () => {
    const articles = [
      article("a/index.md", "/tin-tuc/a/", ["/tin-tuc/b"]),
      article("b/index.md", "/tin-tuc/b/", []),
    ];
    expect(aliasProblems(articles, [])).toMatchObject([{ file: "a/index.md", field: "aliases" }]);
  });

  it("refuses an alias that is a generated page or file", () => {
    const articles = [
      article("a/index.md", "/tin-tuc/a/", ["/chuyen-muc/kinh-te/", "/assets/images/banner.png"]),
    ];
    const problems = aliasProblems(articles, ["/chuyen-muc/kinh-te/index.html", "/assets/images/banner.png"]);
    expect(problems).toHaveLength(2);
  });

  it("lets a legacy address with a query string share a path with a real page", () => {
    const articles = [article("a/index.md", "/tin-tuc/a/", ["/?dDocName=PORTAL1"])];
    expect(aliasProblems(articles, ["/"])).toEqual([]);
  });
});
