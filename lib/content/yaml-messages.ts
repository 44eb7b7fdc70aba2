/**
 * The YAML parser's errors as an official can act on them: plain Vietnamese, the fix spelled out
 * with the author's own value, on the line to change. No English parser text reaches an author.
 */
import type { YAMLError } from "yaml";

export interface LineMessage {
  /** 1-based line in the YAML text. */
  readonly line: number;
  readonly message: string;
  /** The line as the message says to write it, when the fix is mechanical. */
  readonly repair?: string;
}

const KEY_VALUE = /^\s*(?:-\s+)?([^\s:#"'][^:]*?)\s*:\s+(.*)$/;
const GENERIC =
  "dòng này không đúng dạng tên: giá trị. Mỗi trường viết trên một dòng; giá trị có dấu : # \" ' ở đầu hay ở giữa thì đặt trong dấu ngoặc kép";

/** Translates one parse error; `sourceLines` is the YAML text split on `\n`. */
export function yamlErrorMessage(
  error: YAMLError,
  sourceLines: readonly string[],
  lineAt: (offset: number) => number,
): LineMessage {
  const line = lineAt(error.pos[0]);
  const text = sourceLines[line - 1] ?? "";
  const field = KEY_VALUE.exec(text);
  const key = field?.[1] ?? "";
  switch (error.code) {
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
      if (field && /:\s/.test(field[2] ?? "")) {
        const indent = /^\s*(?:-\s+)?/.exec(text)?.[0] ?? "";
        return {
          line,
          message: colonInValue(key, field[2] ?? ""),
          repair: `${indent}${key}: ${quote(field[2] ?? "")}`,
        };
      }
      return { line, message: GENERIC };
    case "MISSING_CHAR":
      return missingCloser(error, sourceLines, line);
    case "DUPLICATE_KEY":
      return {
        line,
        message: `trường ${key || "này"} đã có ở trên: mỗi trường chỉ viết một lần, hãy xóa một dòng`,
      };
    case "TAB_AS_INDENT":
      return { line, message: "dòng thụt lề bằng phím Tab: hãy thay bằng dấu cách" };
    case "BAD_INDENT":
      if (/end with an? ([\]}])/.test(error.message))
        return unclosedBracket(error.message.includes("]") ? "]" : "}", sourceLines, line);
      return {
        line,
        message:
          "thụt lề không đúng: các trường chính viết sát lề trái; các dòng con (src:, alt: của image, các dòng - của tags) thụt vào cùng một số dấu cách",
      };
    case "BAD_SCALAR_START":
      return {
        line,
        message: `giá trị${key ? ` của ${key}` : ""} bắt đầu bằng một ký tự đặc biệt (@ \` % | >): hãy đặt cả giá trị trong dấu ngoặc kép`,
      };
    case "BAD_DQ_ESCAPE":
      return {
        line,
        message: "dấu \\ trong ngoặc kép phải viết thành \\\\ (hoặc dùng dấu ngoặc đơn ' ' bao giá trị)",
      };
    case "MULTIPLE_DOCS":
      return {
        line,
        message: "phần thông tin đầu bài chỉ nằm giữa hai dòng --- đầu tiên: xóa dòng --- thừa",
      };
    default:
      return { line, message: GENERIC };
  }
}

/** `title: Phú Ninh: họp` → the same line with the value quoted. */
function colonInValue(key: string, value: string): string {
  const what = key === "title" ? "tiêu đề" : `giá trị của ${key}`;
  return `${what} có dấu hai chấm: hãy đặt ${what} trong dấu ngoặc kép, ví dụ ${key}: ${quote(value)}`;
}

const quote = (value: string): string => `"${value.trim().replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/**
 * A quote or bracket left open. The parser notices only where the text ends, so the line reported
 * is the one that opened it: the last line before the end with an odd number of that quote.
 */
function missingCloser(error: YAMLError, sourceLines: readonly string[], line: number): LineMessage {
  const quote = /closing (["'])/.exec(error.message)?.[1];
  if (!quote) return unclosedBracket(/[\]}]/.exec(error.message)?.[0] === "}" ? "}" : "]", sourceLines, line);
  let open = line;
  for (let i = Math.min(line, sourceLines.length); i >= 1; i--) {
    const unescaped = (sourceLines[i - 1] ?? "").replace(quote === '"' ? /\\./g : /''/g, "");
    if (unescaped.split(quote).length % 2 === 0) {
      open = i;
      break;
    }
  }
  const name = quote === '"' ? "ngoặc kép" : "ngoặc đơn";
  return {
    line: open,
    message: `thiếu dấu ${name} (${quote}) đóng: giá trị mở bằng ${quote} phải kết thúc bằng ${quote} trên cùng dòng`,
  };
}

/** A `[` or `{` never closed: reported on the line that opened it, which is often a title. */
function unclosedBracket(bracket: "]" | "}", sourceLines: readonly string[], line: number): LineMessage {
  const opener = bracket === "]" ? "[" : "{";
  let open = line;
  for (let i = Math.min(line, sourceLines.length); i >= 1; i--) {
    if ((sourceLines[i - 1] ?? "").includes(opener)) {
      open = i;
      break;
    }
  }
  const field = KEY_VALUE.exec(sourceLines[open - 1] ?? "");
  const quoted = field ? `, ví dụ ${field[1]}: ${JSON.stringify((field[2] ?? "").trim())}` : "";
  return {
    line: open,
    message: `giá trị mở bằng ${opener} mà không có ${bracket} đóng: nếu đây là chữ (tiêu đề, tên), đặt cả giá trị trong dấu ngoặc kép${quoted}; nếu là danh sách, đóng bằng ${bracket} trên cùng dòng`,
  };
}
