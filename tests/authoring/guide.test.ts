import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectDir } from "../../lib/build.ts";
import { articleFields, type FieldInfo } from "../../lib/content/fields.ts";
import { readSiteConfig } from "../../lib/content/site.ts";

const guide = readFileSync(path.join(projectDir, "docs", "huong-dan-tac-gia.md"), "utf8");
const rows = new Map(
  guide
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => [/^\| `([^`]+)`/.exec(line)?.[1] ?? "", line.split(" | ")] as const),
);
const flatten = (fields: readonly FieldInfo[], prefix = ""): FieldInfo[] =>
  fields.flatMap((f) => [
    { ...f, name: `${prefix}${f.name}` },
    ...flatten(f.fields ?? [], `${prefix}${f.name}.`),
  ]);
const fields = flatten(articleFields(readSiteConfig(path.join(projectDir, "content"))));

describe("the authors' guide", () => {
  it("explains every front-matter field of the schema, with its description and whether it is required", () => {
    for (const field of fields) {
      const row = rows.get(field.name);
      expect(row, `docs/huong-dan-tac-gia.md has no row for ${field.name}`).toBeDefined();
      expect(row?.[1], field.name).toBe(field.required ? "có" : "không");
      expect(row?.[2], field.name).toContain(field.label);
    }
  });
  it("lists no field the schema does not have", () => {
    expect([...rows.keys()].sort()).toEqual(fields.map((f) => f.name).sort());
  });
});
