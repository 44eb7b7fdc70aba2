/**
 * Reads an author's text file as the build must see it: UTF-8 only, a leading BOM dropped, line
 * ends made `\n`, and every byte an editor would not show (invalid UTF-8, NUL, other control
 * characters) reported with its line, so nothing mangled or invisible is ever published.
 *
 * Why decode with `fatal: true` and never `readFileSync(file, "utf8")`: Node's decoder silently
 * replaces bad bytes with U+FFFD, so a file saved in Windows-1258 or TCVN3 would be published as
 * garbage without a word.
 */
import { readFileSync, statSync } from "node:fs";

/** Largest Markdown file accepted: far above any article, far below what slows a build down. */
export const MAX_TEXT_BYTES = 1024 * 1024;

/** A problem found in the file as a whole, on a 1-based line. */
export interface TextProblem {
  readonly line: number;
  readonly message: string;
}

export interface TextFile {
  /** The decoded text, `\n` line ends, no BOM (bad bytes shown as U+FFFD, for the other checks). */
  readonly text: string;
  readonly problems: readonly TextProblem[];
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const LINE_FEED = 0x0a;
/** C0 controls other than tab, LF and CR; DEL; C1 controls. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** Problems of one kind listed per file before "and N more": enough to find them, not a wall. */
const SHOWN_PER_KIND = 5;

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** Reads and checks a text file; an oversized file is refused unread. */
export function readTextFile(file: string): TextFile {
  const size = statSync(file).size;
  if (size > MAX_TEXT_BYTES) {
    return {
      text: "",
      problems: [
        {
          line: 1,
          message: `tệp quá lớn (${formatSize(size)}; tối đa ${formatSize(MAX_TEXT_BYTES)}): hãy chia bài hoặc bỏ bớt nội dung dán vào`,
        },
      ],
    };
  }
  return decodeText(readFileSync(file));
}

/**
 * Decodes the bytes of a text file and lists what makes them unfit to publish.
 * @example decodeText(Buffer.from("\uFEFFtitle: x\r\n")).text === "title: x\n"
 */
export function decodeText(bytes: Uint8Array): TextFile {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      text: "",
      problems: [
        { line: 1, message: "tệp được lưu bằng bảng mã UTF-16 (“Unicode”): hãy lưu lại với bảng mã UTF-8" },
      ],
    };
  }
  const start = UTF8_BOM.every((byte, i) => bytes[i] === byte) ? UTF8_BOM.length : 0;
  const body = bytes.subarray(start);
  const problems: TextProblem[] = [...invalidUtf8Lines(body)];
  const text = (problems.length > 0 ? lenient : strict).decode(body).replace(/\r\n?/g, "\n");
  problems.push(...controlCharacters(text));
  return { text, problems };
}

/** Lines holding bytes that are not UTF-8. A 0x0A byte never occurs inside a UTF-8 sequence. */
function invalidUtf8Lines(bytes: Uint8Array): TextProblem[] {
  try {
    strict.decode(bytes);
    return [];
  } catch {
    // Only a broken file pays for the line-by-line pass.
  }
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== LINE_FEED) continue;
    try {
      strict.decode(bytes.subarray(from, i));
    } catch {
      lines.push(line);
    }
    line++;
    from = i + 1;
  }
  return summarise(
    lines,
    () =>
      "có byte không phải UTF-8 (tệp lưu bằng bảng mã khác, ví dụ Windows-1258 hay TCVN3): hãy lưu lại tệp với bảng mã UTF-8",
  );
}

/** Invisible control characters, each named by its code point, e.g. U+0000 for NUL. */
function controlCharacters(text: string): TextProblem[] {
  const found = new Map<number, string>();
  let line = 1;
  let lineStart = 0;
  for (const match of text.matchAll(CONTROL)) {
    for (let i = text.indexOf("\n", lineStart); i !== -1 && i < match.index; i = text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    if (!found.has(line)) {
      const code = `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
      found.set(line, `${code}${code === "U+0000" ? " (NUL)" : ""} ở cột ${match.index - lineStart + 1}`);
    }
  }
  return summarise(
    [...found.keys()],
    (line) =>
      `có ký tự điều khiển vô hình ${found.get(line)}, thường do dán từ Word hay PDF: hãy xóa ký tự đó hoặc gõ lại dòng`,
  );
}

/** One problem per line for the first few lines, then one saying how many more. */
function summarise(lines: readonly number[], message: (line: number) => string): TextProblem[] {
  const shown = lines.slice(0, SHOWN_PER_KIND).map((line) => ({ line, message: message(line) }));
  const rest = lines.length - shown.length;
  if (rest > 0)
    shown.push({ line: lines[SHOWN_PER_KIND] ?? 1, message: `và ${rest} dòng khác có lỗi như trên` });
  return shown;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
