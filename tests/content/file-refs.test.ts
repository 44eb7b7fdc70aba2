import { describe, expect, it } from "vitest";
import { fileReferences, isExternalSource, localFileName } from "../../lib/content/file-refs.ts";
import { inspectBody, parseBody } from "../../lib/content/html-policy.ts";
import { listBodyImages } from "../../lib/images/references.ts";

describe("isExternalSource", () => {
  it("is false only for a reference to a file beside the article", () => {
    expect(isExternalSource("anh.jpg")).toBe(false);
    expect(isExternalSource("./anh.jpg")).toBe(false);
    expect(isExternalSource("anh/cau.jpg")).toBe(false);
    for (const src of [
      "https://example.org/a.jpg",
      "data:image/png;base64,AA",
      "mailto:a@b.vn",
      "/assets/images/banner.png",
      "//example.org/a.jpg",
      "#muc-2",
      "?trang=2",
      " https://example.org/a.jpg",
    ]) {
      expect(isExternalSource(src), src).toBe(true);
    }
  });
});

describe("localFileName", () => {
  it("decodes a reference to the file name in the article folder", () => {
    expect(localFileName("anh-1.jpg")).toEqual({ name: "anh-1.jpg" });
    expect(localFileName("./anh-1.jpg")).toEqual({ name: "anh-1.jpg" });
    expect(localFileName("Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf#page=2")).toEqual({ name: "Quyết định.pdf" });
    expect(localFileName("bao-cao.pdf?tai=1")).toEqual({ name: "bao-cao.pdf" });
  });

  it("refuses anything that is not one file name, after decoding", () => {
    for (const src of [
      "../bai-khac/anh.jpg",
      "%2e%2e/bai-khac/anh.jpg",
      "..%2Fbai-khac%2Fanh.jpg",
      "./a/../../x.jpg",
      "anh\\..\\x.jpg",
      "..",
      "%2E%2E",
      "/etc/passwd",
      "%2Fetc%2Fpasswd",
      "file:///etc/passwd",
      "C:%5Cx.jpg",
      "",
    ]) {
      expect(localFileName(src), src).toHaveProperty("error");
    }
  });

  it("refuses a malformed percent-escape instead of guessing", () => {
    expect(localFileName("anh%E1.jpg")).toHaveProperty("error");
  });
});

/** References of a body as the loader finds them: one parse, the HTML check's links, the images. */
function referencesOf(data: unknown, lines: Map<string, number>, body: string, bodyLine: number) {
  const tokens = parseBody(body);
  const links = inspectBody(tokens).hrefs.map((h) => ({ ...h, line: bodyLine + h.line - 1 }));
  return fileReferences(data, lines, listBodyImages(tokens, bodyLine), links);
}

describe("fileReferences", () => {
  it("lists image.src, images (another site's too) and links to files (Markdown and <a href>), with field and line", () => {
    const body = [
      "Đoạn [Quyết định](quyet-dinh.pdf) và [bài khác](/tin-tuc/bai-khac/) và [trang](../bai-khac/).",
      "",
      "![Cầu](cau.jpg)",
      "",
      '<p><a href="bao&#x2D;cao.docx">báo cáo</a></p>',
      "",
      "![Ngoài](https://example.com/x.jpg)",
    ].join("\n");
    expect(referencesOf({ image: { src: "bia.jpg" } }, new Map([["image", 6]]), body, 10)).toEqual([
      { src: "bia.jpg", use: "image", field: "image.src", line: 6 },
      { src: "quyet-dinh.pdf", use: "attachment", field: "body", line: 10 },
      { src: "cau.jpg", use: "image", field: "body", line: 12 },
      { src: "bao-cao.docx", use: "attachment", field: "body", line: 14 },
      { src: "https://example.com/x.jpg", use: "image", field: "body", line: 16 },
    ]);
  });

  it("keeps a traversal for the inventory to refuse", () => {
    expect(referencesOf({}, new Map(), "![x](%2e%2e/khac/x.jpg)", 1)).toEqual([
      { src: "../khac/x.jpg", use: "image", field: "body", line: 1 },
    ]);
  });
});
