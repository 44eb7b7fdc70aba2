import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  aliasError,
  aliasProblems,
  normaliseAlias,
  redirectSource,
  routeKey,
  type ServedRoutes,
} from "../../lib/content/aliases.ts";

const LEGACY = "/webcenter/portal/phuninh/pages_tin-tuc/chi-tiet?dDocName=PORTAL353912";
const SERVED: ServedRoutes = {
  folders: ["/pagefind/", "/assets/", "/chuyen-muc/"],
  pages: ["/", "/feed.xml"],
};
const article = (inputPath: string, url: string, aliases: string[]) => ({ inputPath, url, aliases });

describe("normaliseAlias", () => {
  it("accepts an old slug, a Vietnamese path and a legacy portal address", () => {
    expect(aliasError("/tin-tuc/bai-cu/")).toBeUndefined();
    expect(aliasError("/tin-tức/hội-nghị/")).toBeUndefined();
    expect(aliasError(LEGACY)).toBeUndefined();
  });

  it("drops the old portal's session parameters, keeping only the identifying dDocName", () => {
    const pasted = `${LEGACY}&_afrLoop=1234567&_adf.ctrl-state=abc12_4&_afrWindowMode=0`;
    expect(normaliseAlias(pasted)).toEqual({
      alias: {
        path: "/webcenter/portal/phuninh/pages_tin-tuc/chi-tiet",
        query: [["dDocName", "PORTAL353912"]],
      },
    });
    expect(redirectSource(pasted)).toBe(redirectSource(LEGACY));
  });

  it("drops a servlet session id written in the path", () => {
    const withSession = LEGACY.replace("chi-tiet?", "chi-tiet;jsessionid=AB12CD34.node1?");
    expect(redirectSource(withSession)).toBe(redirectSource(LEGACY));
  });

  it("decodes once and writes NFC: encoded and NFD spellings give one redirect source", () => {
    const source = "/tin-t%E1%BB%A9c/";
    expect(redirectSource("/tin-tức/")).toBe(source);
    expect(redirectSource("/tin-tức/".normalize("NFD"))).toBe(source);
    expect(redirectSource("/tin-t%e1%bb%a9c/")).toBe(source);
  });

  // Each is a way for an alias to become something other than one old address once Netlify reads it.
  it.each([
    ["/%2A", "*"],
    ["/tin-tuc/*", "*"],
    ["/x%3Aid", ":"],
    ["/tin-tuc/:slug", ":"],
    ["/%2F%2Fevil.com", "tên miền khác"],
    ["//evil.com/a", "không ghi tên miền"],
    ["https://phuninh.gov.vn/a", "không ghi tên miền"],
    ["tin-tuc/a/", "bắt đầu bằng"],
    ["/http:%2F%2Fevil.com", ":"],
    ["/a/../b", ".."],
    ["/a/%2E%2E/b", ".."],
    ["/a\\b", "\\"],
    ["/%5Cevil.com", "\\"],
    ["/%252A", "mã hóa hai lần"],
    ["/%25252A", "mã hóa hai lần"],
    ["/%E1%BB", "không hợp lệ"],
    ["/tin tuc/", "khoảng trắng"],
    ["/a%0Ab", "ký tự điều khiển"],
    ["/a%E2%80%AEb", "ký tự điều khiển"],
    ["/a!", "!"],
    ["/a#phan-2", "#"],
    ["/a%3Fb=1", "?"],
    ["/a//b", "liền nhau"],
    ["/a<b>", "<"],
    ["/chi-tiet?dDocName", "khóa=giá trị"],
    ["/chi-tiet?dDocName=:id", "khóa=giá trị"],
    ["/chi-tiet?dDocName=%2A", "khóa=giá trị"],
    ["/chi-tiet?id=1&id=2", "hai lần"],
  ])("refuses %s, saying why", (alias, reason) => {
    expect(aliasError(alias)).toContain(reason);
  });
});

describe("routeKey", () => {
  it("treats case, a trailing slash and the order of parameters as one address", () => {
    expect(routeKey("/Tin-Tuc/Bai-Cu")).toBe(routeKey("/tin-tuc/bai-cu/"));
    expect(
      routeKey("/x", [
        ["a", "1"],
        ["b", "2"],
      ]),
    ).toBe(
      routeKey("/x/", [
        ["b", "2"],
        ["a", "1"],
      ]),
    );
    expect(routeKey("/x", [["a", "1"]])).not.toBe(routeKey("/x", [["a", "2"]]));
    expect(routeKey("/")).toBe("/");
    expect(routeKey("/index.html")).toBe("/");
    expect(routeKey("/X/Index.html")).toBe("/x");
  });
});

describe("aliasProblems", () => {
  it("finds nothing wrong with distinct old URLs, or a legacy query on the home path", () => {
    const articles = [
      article("a/index.md", "/tin-tuc/a/", ["/tin-tuc/a-cu/", LEGACY, "/?dDocName=PORTAL1"]),
      article("b/index.md", "/tin-tuc/b/", ["/tin-tuc/b-cu/"]),
    ];
    expect(aliasProblems(articles, SERVED)).toEqual([]);
  });

  it("names both files when two articles claim one old URL, session parameters and case aside", () => {
    const articles = [
      article("a/index.md", "/tin-tuc/a/", [LEGACY]),
      article("b/index.md", "/tin-tuc/b/", [`${LEGACY.replace("chi-tiet", "Chi-Tiet/")}&_afrLoop=99`]),
    ];
    const [problem, ...rest] = aliasProblems(articles, SERVED);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: "b/index.md", field: "aliases", severity: "error" });
    expect(problem?.message).toContain("a/index.md");
  });

  it("refuses an alias at or under another article's URL, even an unpublished one, and its own", () => {
    const articles = [
      article("a/index.md", "/tin-tuc/a/", ["/tin-tuc/b", "/tin-tuc/B/anh.jpg", "/tin-tuc/a/"]),
      article("b/index.md", "/tin-tuc/b/", []),
    ];
    expect(aliasProblems(articles, SERVED)).toHaveLength(3);
  });

  it("refuses what the site serves: its folders (even with a query) and its files", () => {
    const aliases = [
      "/pagefind/pagefind.js",
      "/Assets/css/x.css",
      "/chuyen-muc/",
      "/feed.xml",
      "/",
      "/index.html",
      "/pagefind/?a=1",
    ];
    const problems = aliasProblems([article("a/index.md", "/tin-tuc/a/", aliases)], SERVED);
    expect(problems.map((p) => p.message)).toEqual(aliases.map((a) => expect.stringContaining(`"${a}"`)));
  });

  it("reports a malformed alias too, so it is complete without the schema", () => {
    expect(aliasProblems([article("a/index.md", "/tin-tuc/a/", ["/%2A"])], SERVED)).toMatchObject([
      { field: "aliases", message: expect.stringContaining("*") },
    ]);
  });

  it("points each problem at the line of its alias", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aliases-"));
    const text = ["---", "title: x", "aliases:", '  - "/tin-tuc/ok/"', "  - /pagefind/x.js", "---", ""].join(
      "\n",
    );
    writeFileSync(path.join(dir, "index.md"), text);
    const found = aliasProblems(
      [{ ...article("x/index.md", "/tin-tuc/x/", ["/tin-tuc/ok/", "/pagefind/x.js"]), dir }],
      SERVED,
    );
    expect(found).toMatchObject([{ file: "x/index.md", line: 5 }]);
  });
});
