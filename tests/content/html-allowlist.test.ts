import { describe, expect, it } from "vitest";
import { attributeProblem, elementProblem, urlProblem } from "../../lib/content/html-allowlist.ts";

describe("urlProblem", () => {
  it("allows web, mail and phone links and every relative address", () => {
    for (const url of [
      "https://phuninh.gov.vn/",
      "http://x.vn",
      "mailto:a@b.vn",
      "tel:+84235",
      "/tin-tuc/a/",
      "#muc",
      "tep.pdf",
      "../b/",
      "//cdn.vn/x",
    ]) {
      expect(urlProblem(url), url).toBeUndefined();
    }
  });
  it("judges a scheme as a browser reads it: case, tabs, newlines and leading control characters", () => {
    for (const url of [
      "javascript:x",
      "JavaScript:x",
      "java\tscript:x",
      "java\nscript:x",
      " \u0001javascript:x",
      "vbscript:x",
      "data:text/html,x",
      "file:///etc/passwd",
    ]) {
      expect(urlProblem(url), JSON.stringify(url)).toMatch(/không được phép/);
    }
  });
  it("allows images only over the web or beside the article", () => {
    expect(urlProblem("anh.jpg", "image")).toBeUndefined();
    expect(urlProblem("mailto:a@b.vn", "image")).toMatch(/^ảnh tới địa chỉ mailto:/);
    expect(urlProblem("data:image/png;base64,AAAA", "image")).toMatch(/data:/);
  });
  it("refuses an address the URL parser cannot read", () => {
    expect(urlProblem("http://")).toMatch(/không hợp lệ/);
  });
});

describe("elementProblem and attributeProblem", () => {
  it("allows table markup with sane values, and refuses the rest with the reason", () => {
    expect(elementProblem("table")).toBeUndefined();
    expect(attributeProblem("td", "colspan", "2")).toBeUndefined();
    expect(attributeProblem("td", "colspan", "hai")).toMatch(/colspan="hai" của thẻ <td> không hợp lệ/);
    expect(attributeProblem("th", "scope", "col")).toBeUndefined();
    expect(attributeProblem("td", "width", "30")).toMatch(/width= không được phép trên thẻ <td>/);
    expect(elementProblem("img")).toMatch(/!\[mô tả\]\(anh\.jpg\)/);
    expect(elementProblem("h1")).toMatch(/title/);
  });
  it("takes no attribute name for a rule it does not have, however it is spelled", () => {
    for (const name of ["constructor", "__proto__", "tostring", "hasownproperty"]) {
      expect(attributeProblem("a", name, "x"), name).toMatch(/không được phép/);
    }
  });
});
