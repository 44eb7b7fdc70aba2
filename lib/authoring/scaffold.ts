/**
 * The skeleton of a new article, written from the schema's field list: every field appears with
 * its Vietnamese description as a comment; optional ones the author did not fill stay commented out.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import type { FieldInfo } from "../content/fields.ts";
import { slugify } from "../text/slug.ts";

/**
 * The body a new article starts with. `check` and the build refuse a published article that still
 * holds it: a saved, dated article goes live as the newest story on the home page, written or not.
 */
export const SCAFFOLD_PLACEHOLDER = "Viết nội dung bài viết ở đây.";

/** The 0-based line of `body` still holding the scaffold's placeholder, or -1. */
export const placeholderLine = (body: string): number =>
  body.split("\n").findIndex((line) => line.includes(SCAFFOLD_PLACEHOLDER));

/** Example values for commented-out optional fields, by editor kind. */
const EXAMPLES: Record<FieldInfo["kind"], unknown> = {
  string: "…",
  text: "Viết một hai câu tóm tắt bài.",
  datetime: "2025-11-26T08:30",
  image: "anh-dai-dien.jpg",
  select: "",
  list: ["…"],
  object: {},
  boolean: true,
};

const yamlLines = (name: string, value: unknown): string[] =>
  stringify({ [name]: value }, { lineWidth: 0 })
    .trimEnd()
    .split("\n");

function exampleOf(field: FieldInfo): unknown {
  if (field.kind === "object")
    return Object.fromEntries((field.fields ?? []).map((f) => [f.name, exampleOf(f)]));
  if (field.kind === "select") return field.options?.[0] ?? "";
  return EXAMPLES[field.kind];
}

/**
 * Front matter and a placeholder body for a new article. Throws when a required field has no value.
 * @example scaffoldMarkdown(articleFields(site), { title: "Tin mới", date: "…", author: "…", unit: "…", category: "kinh-te" })
 */
export function scaffoldMarkdown(
  fields: readonly FieldInfo[],
  values: Readonly<Record<string, unknown>>,
): string {
  const lines: string[] = [];
  for (const field of fields) {
    const choices = field.kind === "select" ? ` (một trong: ${field.options?.join(", ")})` : "";
    lines.push(`# ${field.label}${field.required ? "" : " (không bắt buộc)"}${choices}`);
    const value = values[field.name];
    if (value !== undefined) lines.push(...yamlLines(field.name, value));
    else if (field.required)
      throw new Error(`thiếu giá trị cho trường bắt buộc "${field.name}" (${field.label})`);
    else lines.push(...yamlLines(field.name, exampleOf(field)).map((line) => `# ${line}`));
  }
  return `---\n${lines.join("\n")}\n---\n\n${SCAFFOLD_PLACEHOLDER} Các đoạn văn cách nhau một dòng trống.\n`;
}

/**
 * A folder name under `articlesDir` for `title` that no article uses yet: the slug, else slug-2, slug-3…
 * @example freeSlug("content/articles", "Tin mới") === "tin-moi" // or "tin-moi-2" when taken
 */
export function freeSlug(articlesDir: string, title: string): string {
  const base = slugify(title) || "bai-viet";
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!existsSync(path.join(articlesDir, slug))) return slug;
  }
}
