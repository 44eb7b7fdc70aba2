import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeText, MAX_TEXT_BYTES, readTextFile } from "../../lib/content/text-file.ts";

const utf8 = (text: string): Buffer => Buffer.from(text, "utf8");

describe("decodeText", () => {
  it("drops the BOM Windows Notepad writes, so the front matter still starts with ---", () => {
    const { text, problems } = decodeText(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8("---\ntitle: Phú Ninh\n")]),
    );
    expect(text).toBe("---\ntitle: Phú Ninh\n");
    expect(problems).toEqual([]);
  });

  it("turns CRLF and lone CR line ends into LF", () => {
    expect(decodeText(utf8("---\r\ntitle: Đập\r\n---\rNội dung")).text).toBe(
      "---\ntitle: Đập\n---\nNội dung",
    );
  });

  it("names the line of bytes that are not UTF-8 (a Windows-1258 file)", () => {
    // "Phú" in Windows-1258: ú is the single byte 0xFA, never valid alone in UTF-8.
    const bytes = Buffer.concat([
      utf8("---\ntitle: x\n---\n\nDòng tốt\nPh"),
      Buffer.from([0xfa]),
      utf8("\n"),
    ]);
    const { problems } = decodeText(bytes);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(6);
    expect(problems[0]?.message).toMatch(/UTF-8/);
  });

  it("refuses a UTF-16 file by name instead of reading it as garbage", () => {
    const { text, problems } = decodeText(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("---", "utf16le")]),
    );
    expect(text).toBe("");
    expect(problems[0]?.message).toMatch(/UTF-16/);
  });

  it("names NUL and other control characters with their line and column, but keeps tabs", () => {
    const { problems } = decodeText(utf8("a\tb\nc\u0000d\n\u001be\n\u0085f\n"));
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(problems[0]?.message).toMatch(/U\+0000 \(NUL\) ở cột 2/);
    expect(problems[1]?.message).toMatch(/U\+001B/);
    expect(problems[2]?.message).toMatch(/U\+0085/);
  });

  it("lists the first few bad lines and counts the rest", () => {
    const { problems } = decodeText(utf8("x\u0000\n".repeat(9)));
    expect(problems).toHaveLength(6);
    expect(problems[5]?.message).toMatch(/và 4 dòng khác/);
  });
});

describe("readTextFile", () => {
  it("refuses a file over the size limit without reading it", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "phuninh-text-")), "index.md");
    writeFileSync(file, Buffer.alloc(MAX_TEXT_BYTES + 1, 0x61));
    const { text, problems } = readTextFile(file);
    expect(text).toBe("");
    expect(problems[0]?.message).toMatch(/quá lớn .*tối đa 1\.0 MB/);
  });
});
