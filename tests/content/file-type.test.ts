import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { claimedKind, sniffBytes, sniffFile } from "../../lib/content/file-type.ts";
import { compoundFile, docx, openDocument, pdf, xlsx, zipOf } from "../support/documents.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "phuninh-file-type-"));
const sniff = (bytes: Buffer, name = "tep"): ReturnType<typeof sniffFile> => {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return sniffFile(file);
};
const photo = () => sharp({ create: { width: 8, height: 8, channels: 3, background: "#2a6" } });

/** An ISO media file's first box: `ftyp` with a major brand and compatible brands. */
function ftyp(major: string, ...compatible: string[]): Buffer {
  const box = Buffer.alloc(16 + 4 * compatible.length);
  box.writeUInt32BE(box.length, 0);
  box.write("ftyp", 4, "latin1");
  box.write(major, 8, "latin1");
  compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, "latin1"));
  return Buffer.concat([box, Buffer.alloc(64)]);
}

describe("sniffFile", () => {
  it("tells every photo format sharp writes by its bytes", async () => {
    expect(sniff(await photo().jpeg().toBuffer())).toBe("jpeg");
    expect(sniff(await photo().png().toBuffer())).toBe("png");
    expect(sniff(await photo().webp().toBuffer())).toBe("webp");
    expect(sniff(await photo().avif().toBuffer())).toBe("avif");
    expect(sniff(await photo().gif().toBuffer())).toBe("gif");
    expect(sniff(await photo().tiff().toBuffer())).toBe("tiff");
  });

  it("tells an iPhone HEIC from an AVIF by the ftyp brands", () => {
    expect(sniff(ftyp("heic", "mif1", "heic"))).toBe("heic");
    expect(sniff(ftyp("mif1", "mif1", "avif"))).toBe("avif");
    expect(sniff(ftyp("isom", "mp42"))).toBeUndefined();
  });

  it("tells the documents portals publish by their container", () => {
    expect(sniff(pdf())).toBe("pdf");
    expect(sniff(compoundFile())).toBe("ole");
    expect(sniff(docx())).toBe("docx");
    expect(sniff(xlsx())).toBe("xlsx");
    expect(sniff(openDocument("text"))).toBe("odt");
    expect(sniff(openDocument("spreadsheet"))).toBe("ods");
  });

  it("finds an OOXML package's parts through its central directory, whatever the entry order", () => {
    const reordered = zipOf([
      ["word/document.xml", "<w:document/>"],
      ["docProps/app.xml", "<Properties/>"],
      ["[Content_Types].xml", "<Types/>"],
    ]);
    expect(sniff(reordered)).toBe("docx");
  });

  it("knows nothing of scripts, pages, vector images, other ZIPs and empty files", () => {
    expect(sniff(Buffer.from("<!doctype html><script>alert(1)</script>"))).toBeUndefined();
    expect(sniff(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBeUndefined();
    expect(sniff(Buffer.from("alert(document.cookie)"))).toBeUndefined();
    expect(sniff(zipOf([["evil.html", "<script>alert(1)</script>"]]))).toBeUndefined();
    expect(sniff(zipOf([["mimetype", "text/html"]]))).toBeUndefined();
    expect(sniff(Buffer.alloc(0))).toBeUndefined();
  });

  it("needs no more than the first bytes for a non-ZIP file", () => {
    expect(sniffBytes(Buffer.from("%PDF-1.7"))).toBe("pdf");
    expect(sniffBytes(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
    expect(sniffBytes(Buffer.from([0xff, 0xd8]))).toBeUndefined();
  });
});

describe("claimedKind", () => {
  it("reads the last extension, in any case", () => {
    expect(claimedKind("anh-1.JPG")).toBe("jpeg");
    expect(claimedKind("Quyết định số 12.pdf")).toBe("pdf");
    expect(claimedKind("bao-cao.xls")).toBe("ole");
    expect(claimedKind("bao-cao.docx")).toBe("docx");
  });

  it("claims nothing for names a camera or an attacker leaves behind", () => {
    for (const name of [
      "anh.jfif",
      "anh.jpg.bak",
      "IMG_0001.dng",
      "anh.svg",
      "trang.html",
      "x.js",
      ".jpg",
      "jpg",
    ]) {
      expect(claimedKind(name), name).toBeUndefined();
    }
  });
});
