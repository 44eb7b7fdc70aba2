/**
 * The front-matter fields as plain data, read from the zod schema itself, so the scaffold command,
 * the CMS configuration and the authors' guide never re-list them.
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

type Schema = z.core.$ZodType;

const metaOf = (schema: Schema): Record<string, unknown> => (z.globalRegistry.get(schema) ?? {}) as Record<string, unknown>;

/** Unwraps `.optional()`, keeping the first description found on the way down. */
function unwrap(schema: Schema): { inner: Schema; required: boolean; label: string } {
  let current = schema;
  let required = true;
  let label = "";
  for (;;) {
    label ||= String(metaOf(current).description ?? "");
    const def = current._zod.def as { type: string; innerType?: Schema };
    if ((def.type === "optional" || def.type === "default") && def.innerType) {
      required = false;
      current = def.innerType;
    } else return { inner: current, required, label };
  }
}

/** Describes one field of a zod schema. */
export function describeField(name: string, schema: Schema): FieldInfo {
  const { inner, required, label } = unwrap(schema);
  const def = inner._zod.def as { type: string; shape?: Record<string, Schema>; entries?: Record<string, string> };
  const base = { name, label: label || name, required };
  switch (def.type) {
    case "object":
      return { ...base, kind: "object", fields: describeShape(def.shape ?? {}) };
    case "array":
      return { ...base, kind: "list" };
    case "enum":
      return { ...base, kind: "select", options: Object.values(def.entries ?? {}) };
    case "boolean":
      return { ...base, kind: "boolean" };
    case "string": {
      const input = metaOf(inner).input;
      return { ...base, kind: input === "datetime" || input === "image" || input === "text" ? input : "string" };
    }
    default:
      throw new Error(`lib/content/fields.ts: no editor for the zod type "${def.type}" of field "${name}"`);
  }
}

function describeShape(shape: Record<string, Schema>): FieldInfo[] {
  return Object.entries(shape).map(([name, schema]) => describeField(name, schema));
}

/**
 * The fields of an article, in schema order, for a site's categories.
 * @example articleFields(site).map((f) => f.name) // ["title", "date", …]
 */
export function articleFields(site: Pick<SiteConfig, "categories">): FieldInfo[] {
  const slugs = site.categories.map((c) => c.slug) as [string, ...string[]];
  return describeShape(articleSchema(slugs).shape as Record<string, Schema>);
}
