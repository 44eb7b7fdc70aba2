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
  /** Problems of the front matter itself, in Vietnamese, each on its file line; `data` is then `{}`. */
  readonly yamlErrors: readonly { line: number; message: string }[];
}

const FENCE = /^---[ \t]*$/;

/**
 * Parses `---` fenced YAML front matter of a text with `\n` line ends. A file without it has empty
 * data and an error saying how it must begin.
 */
export function splitFrontMatter(text: string): SplitFile {
  const lines = text.split("\n");
  if (!FENCE.test(lines[0] ?? "")) {
    const message = "tệp phải bắt đầu bằng một dòng chỉ có ---, rồi đến các trường (title:, date:, …) và một dòng --- nữa";
    return { data: {}, body: text, lines: new Map(), bodyLine: 1, yamlErrors: [{ line: 1, message }] };
  }
  const close = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (close === -1) {
    const message = "phần thông tin đầu bài mở bằng --- ở dòng 1 nhưng không có dòng --- đóng: thêm một dòng chỉ có --- sau trường cuối cùng, trước nội dung bài";
    return { data: {}, body: "", lines: new Map(), bodyLine: lines.length + 1, yamlErrors: [{ line: 1, message }] };
  }
  const yamlText = lines.slice(1, close).join("\n");
  const body = lines.slice(close + 1).join("\n");
  return { ...parseFrontMatter(yamlText), body, bodyLine: close + 2 };
}

function parseFrontMatter(yamlText: string): Pick<SplitFile, "data" | "lines" | "yamlErrors"> {
  const counter = new LineCounter();
  // 1-based line of an offset in the YAML text, which starts on the file's line 2.
  const lineAt = (offset: number): number => counter.linePos(offset).line;
  const doc = parseDocument(yamlText, { lineCounter: counter, schema: "core", uniqueKeys: true, prettyErrors: false });
  const keyLines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && pair.key.range) keyLines.set(String(pair.key.value), lineAt(pair.key.range[0]) + 1);
    }
  }
  const sourceLines = yamlText.split("\n");
  const errors = [
    ...doc.errors.map((error) => yamlErrorMessage(error, sourceLines, lineAt)),
    ...notPlainData(doc, lineAt),
  ].map((e) => ({ line: e.line + 1, message: e.message }));
  if (errors.length > 0) return { data: {}, lines: keyLines, yamlErrors: errors.sort((a, b) => a.line - b.line) };
  if (doc.contents !== null && !isMap(doc.contents)) {
    return { data: {}, lines: keyLines, yamlErrors: [{ line: 2, message: "phần thông tin đầu bài phải là các dòng dạng tên: giá trị" }] };
  }
  return { data: doc.toJS({ maxAliasCount: 0 }) ?? {}, lines: keyLines, yamlErrors: [] };
}

/**
 * Anchors (`&a`), aliases (`*a`) and tags (`!!binary`, `!x`): YAML features an article never needs.
 * Each kind is named once, where it first occurs: an alias bomb would otherwise fill the screen.
 */
function notPlainData(doc: Document, lineAt: (offset: number) => number): { line: number; message: string }[] {
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
