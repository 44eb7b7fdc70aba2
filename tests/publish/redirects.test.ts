import { describe, expect, it } from "vitest";
import { redirectLine, redirectsFile } from "../../lib/publish/redirects.ts";
import { parseRedirects } from "../../lib/preview/netlify.ts";

describe("redirectLine", () => {
  it("writes a legacy portal address with Netlify's query-parameter syntax, forced 301", () => {
    expect(
      redirectLine("/webcenter/portal/phuninh/pages_tin-tuc/chi-tiet?dDocName=PORTAL353912", "/tin-tuc/x/"),
    ).toBe("/webcenter/portal/phuninh/pages_tin-tuc/chi-tiet dDocName=PORTAL353912 /tin-tuc/x/ 301!");
  });

  it("percent-encodes a Vietnamese old slug, as Netlify requires", () => {
    expect(redirectLine("/tin-tức/bài-cũ/", "/tin-tuc/x/")).toBe(
      "/tin-t%E1%BB%A9c/b%C3%A0i-c%C5%A9/ /tin-tuc/x/ 301!",
    );
  });
});

describe("redirectsFile", () => {
  it("puts query-string rules before path-only rules, and reads back as Netlify rules", () => {
    const text = redirectsFile([
      { url: "/tin-tuc/a/", aliases: ["/chi-tiet/"] },
      { url: "/tin-tuc/b/", aliases: ["/chi-tiet?id=7"] },
    ]);
    expect(parseRedirects(text)).toEqual([
      { from: "/chi-tiet", query: [["id", "7"]], to: "/tin-tuc/b/", status: 301, force: true },
      { from: "/chi-tiet/", query: [], to: "/tin-tuc/a/", status: 301, force: true },
    ]);
  });
});
