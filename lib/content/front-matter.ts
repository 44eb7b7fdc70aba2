/**
 * Splits a Markdown file into front matter and body, keeping the line of every top-level key so
 * errors can point authors at `file:line`.
 *
 * Why the `yaml` package with its core schema: js-yaml (Eleventy's default) turns `2025-11-26` into a
 * UTC midnight Date, which shifts Vietnamese dates; here dates stay strings until our schema reads them.
 * Front matter is plain data: anchors, aliases and tags are refused before anything is built from
 * the document, so an alias bomb costs one parse, not the build machine's memory.
 */
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document } from "yaml";
import { yamlErrorMessage } from "./yaml-messages.ts";

export interface SplitFile {
  readonly data: unknown;
  readonly body: string;
  /** 1-based line of each top-level key; the body starts at `bodyLine`. */
  readonly lines: ReadonlyMap<string, number>;
  readonly bodyLine: number;
  /**
   * Problems of the front matter itself, in Vietnamese, each on its file line. `data` then holds what
   * could be read, for checks that do not depend on the rest; the schema must not judge it.
   */
  readonly yamlErrors: readonly { line: number; message: string }[];
  /** True when `data` holds the fields as the author meant them, errors or not: the schema may judge it. */
  readonly fieldsReadable: boolean;
}

const FENCE = /^---[ \t]*$/;

/**
 * Parses `---` fenced YAML front matter of a text with `\n` line ends. A file without it has empty
 * data and an error saying how it must begin.
 */
export function splitFrontMatter(text: string): SplitFile {
  const lines = text.split("\n");
  if (!FENCE.test(lines[0] ?? "")) {
    const message =
      "tệp phải bắt đầu bằng một dòng chỉ có ---, rồi đến các trường (title:, date:, …) và một dòng --- nữa";
    return {
      data: {},
      body: text,
      lines: new Map(),
      bodyLine: 1,
      yamlErrors: [{ line: 1, message }],
      fieldsReadable: false,
    };
  }
  const close = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (close === -1) {
    const message =
      "phần thông tin đầu bài mở bằng --- ở dòng 1 nhưng không có dòng --- đóng: thêm một dòng chỉ có --- sau trường cuối cùng, trước nội dung bài";
    return {
      data: {},
      body: "",
      lines: new Map(),
      bodyLine: lines.length + 1,
      yamlErrors: [{ line: 1, message }],
      fieldsReadable: false,
    };
  }
  const yamlText = lines.slice(1, close).join("\n");
  const body = lines.slice(close + 1).join("\n");
  return { ...parseFrontMatter(yamlText), body, bodyLine: close + 2 };
}

/** A parsed YAML text with the 1-based line of any offset in it. */
function parse(yamlText: string): {
  doc: Document;
  lineAt: (offset: number) => number;
  keyLines: Map<string, number>;
} {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, {
    lineCounter: counter,
    schema: "core",
    uniqueKeys: true,
    prettyErrors: false,
  });
  const lineAt = (offset: number): number => counter.linePos(offset).line;
  // File lines: the YAML text starts on the file's line 2, after the opening fence.
  const keyLines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && pair.key.range)
        keyLines.set(String(pair.key.value), lineAt(pair.key.range[0]) + 1);
    }
  }
  return { doc, lineAt, keyLines };
}

function parseFrontMatter(
  yamlText: string,
): Pick<SplitFile, "data" | "lines" | "yamlErrors" | "fieldsReadable"> {
  const { doc, lineAt, keyLines } = parse(yamlText);
  const sourceLines = yamlText.split("\n");
  const notPlain = notPlainData(doc, lineAt);
  const syntax = doc.errors.map((error) => yamlErrorMessage(error, sourceLines, lineAt));
  const errors = [...syntax, ...notPlain, ...trailingComments(doc, lineAt, sourceLines)].map((e) => ({
    line: e.line + 1,
    message: e.message,
  }));
  if (doc.contents !== null && !isMap(doc.contents)) {
    errors.push({ line: 2, message: "phần thông tin đầu bài phải là các dòng dạng tên: giá trị" });
  }
  if (errors.length === 0)
    return { data: readable(doc), lines: keyLines, yamlErrors: [], fieldsReadable: true };
  // With only mechanical slips (a colon in a headline), the fields are read as the author meant
  // them, so the lead photo and the other fields are still checked in the same run.
  if (notPlain.length === 0 && syntax.length > 0 && syntax.every((e) => e.repair !== undefined)) {
    const repaired = [...sourceLines];
    for (const { line, repair } of syntax) repaired[line - 1] = repair ?? "";
    const second = parse(repaired.join("\n"));
    if (second.doc.errors.length === 0 && isMap(second.doc.contents)) {
      return {
        data: readable(second.doc),
        lines: second.keyLines,
        yamlErrors: dedupe(errors),
        fieldsReadable: true,
      };
    }
  }
  return { data: {}, lines: keyLines, yamlErrors: dedupe(errors), fieldsReadable: false };
}

/** Plain data from a document holding no aliases (refused above), so nothing can expand. */
function readable(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: 0 }) ?? {};
  } catch {
    return {};
  }
}

/**
 * Anchors (`&a`), aliases (`*a`) and tags (`!!binary`, `!x`): YAML features an article never needs.
 * Each kind is named once, where it first occurs: an alias bomb would otherwise fill the screen.
 */
function notPlainData(
  doc: Document,
  lineAt: (offset: number) => number,
): { line: number; message: string }[] {
  const firsts = new Map<string, { line: number; what: string; count: number }>();
  const note = (kind: string, range: readonly number[] | null | undefined, what: string): void => {
    const first = firsts.get(kind);
    if (first) first.count++;
    else firsts.set(kind, { line: lineAt(range?.[0] ?? 0), what, count: 1 });
  };
  visit(doc, {
    Alias(_key, node) {
      note("tham chiếu", node.range, `*${node.source}`);
    },
    Node(_key, node) {
      if (node.anchor) note("neo", node.range, `&${node.anchor}`);
      if (node.tag) note("thẻ kiểu", node.range, node.tag);
    },
  });
  return [...firsts].map(([kind, { line, what, count }]) => ({
    line,
    message: `không dùng ${kind} YAML (${what}${count > 1 ? ` và ${count - 1} chỗ khác` : ""}): hãy viết thẳng giá trị`,
  }));
}

/**
 * `title: Tin #1 hay` is the title "Tin": YAML reads ` #` as the start of a comment and drops the
 * rest without a word. A comment after a value is refused; on a line of its own it is fine.
 */
function trailingComments(
  doc: Document,
  lineAt: (offset: number) => number,
  sourceLines: readonly string[],
): { line: number; message: string }[] {
  const found: { line: number; message: string }[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (!node.comment || !node.range) return;
      const line = lineAt(node.range[0]);
      const text = (sourceLines[line - 1] ?? "").trim();
      const field = /^(?:-\s+)?([^\s:#"'][^:]*?):\s+(.*)$/.exec(text);
      const example = field
        ? `${field[1]}: ${JSON.stringify(field[2] ?? "")}`
        : `"${text.replace(/^-\s+/, "")}"`;
      found.push({
        line,
        message: `phần sau dấu # bị bỏ đi (YAML hiểu đó là ghi chú): nếu # thuộc nội dung, đặt cả giá trị trong dấu ngoặc kép, ví dụ ${example}; nếu là ghi chú, chuyển lên một dòng riêng`,
      });
    },
  });
  return found;
}

/** One message per line and text, in line order. */
function dedupe(errors: readonly { line: number; message: string }[]): { line: number; message: string }[] {
  const seen = new Set<string>();
  return errors
    .filter((e) => !seen.has(`${e.line}\n${e.message}`) && Boolean(seen.add(`${e.line}\n${e.message}`)))
    .sort((a, b) => a.line - b.line);
}
