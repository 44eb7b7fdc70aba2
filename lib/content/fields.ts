/**
 * The front-matter fields as plain data, read from the zod schema through its public JSON Schema
 * (`z.toJSONSchema`), so the scaffold command, the CMS configuration and the authors' guide never
 * re-list them.
 */
import { z } from "zod";
import { articleSchema } from "./schema.ts";
import type { SiteConfig } from "./site.ts";

/** What kind of editor a field needs. */
export type FieldKind = "string" | "text" | "datetime" | "image" | "select" | "list" | "object" | "boolean";

export interface FieldInfo {
  readonly name: string;
  readonly kind: FieldKind;
  /** The Vietnamese description given with `.describe()` in the schema. */
  readonly label: string;
  readonly required: boolean;
  /** Allowed values of a `select`. */
  readonly options?: readonly string[];
  /** Sub-fields of an `object`. */
  readonly fields?: readonly FieldInfo[];
}

/**
 * The part of zod's JSON Schema that the fields are read from: `.describe()` is `description`, and
 * `.meta({ input })` is written beside the type.
 */
interface JsonSchema {
  readonly type?: string;
  readonly description?: string;
  readonly input?: unknown;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
}

const EDITORS: ReadonlySet<unknown> = new Set(["datetime", "image", "text"]);

/** Describes one field from its JSON Schema. */
function describeField(name: string, schema: JsonSchema, required: boolean): FieldInfo {
  const base = { name, label: schema.description || name, required };
  if (schema.enum) return { ...base, kind: "select", options: schema.enum.map(String) };
  switch (schema.type) {
    case "object":
      return { ...base, kind: "object", fields: describeObject(schema) };
    case "array":
      return { ...base, kind: "list" };
    case "boolean":
      return { ...base, kind: "boolean" };
    case "string":
      return { ...base, kind: EDITORS.has(schema.input) ? (schema.input as FieldKind) : "string" };
    default:
      throw new Error(
        `lib/content/fields.ts: no editor for the JSON Schema type "${String(schema.type)}" of field "${name}"`,
      );
  }
}

function describeObject(schema: JsonSchema): FieldInfo[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, field]) =>
    describeField(name, field, required.has(name)),
  );
}

/**
 * The fields of an article, in schema order, for a site's categories. Read from zod's JSON Schema as
 * an author writes the front matter (`io: "input"`): a field with a default is not required.
 * @example articleFields(site).map((f) => f.name) // ["title", "date", …]
 */
export function articleFields(site: Pick<SiteConfig, "categories">): FieldInfo[] {
  const slugs = site.categories.map((c) => c.slug) as [string, ...string[]];
  return describeObject(z.toJSONSchema(articleSchema(slugs), { io: "input" }) as JsonSchema);
}
