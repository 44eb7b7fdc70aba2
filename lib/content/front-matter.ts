/**
 * Splits a Markdown file into front matter and body, keeping the line of every top-level key so
 * errors can point authors at `file:line`.
 *
 * Why the `yaml` package with its core schema: js-yaml (Eleventy's default) turns `2025-11-26` into a
 * UTC midnight Date, which shifts Vietnamese dates; here dates stay strings until our schema reads them.
 */
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";

export interface SplitFile {
  readonly data: unknown;
  readonly body: string;
  /** 1-based line of each top-level key; the body starts at `bodyLine`. */
  readonly lines: ReadonlyMap<string, number>;
  readonly bodyLine: number;
  readonly yamlErrors: readonly { line: number; message: string }[];
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Parses `---` fenced YAML front matter. A file without it has empty data. */
export function splitFrontMatter(text: string): SplitFile {
  const match = FENCE.exec(text);
  if (!match) return { data: {}, body: text, lines: new Map(), bodyLine: 1, yamlErrors: [] };
  const yamlText = match[1] ?? "";
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, schema: "core", uniqueKeys: true });
  const lines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && pair.key.range) {
        lines.set(String(pair.key.value), counter.linePos(pair.key.range[0]).line + 1);
      }
    }
  }
  const yamlErrors = doc.errors.map((error) => ({
    line: (error.linePos?.[0]?.line ?? 0) + 1,
    message: error.message.split("\n")[0] ?? error.message,
  }));
  const bodyLine = match[0].split("\n").length;
  return { data: doc.toJS() ?? {}, body: text.slice(match[0].length), lines, bodyLine, yamlErrors };
}
