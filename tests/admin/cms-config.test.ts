import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { articleSchema } from "../../lib/content/schema.ts";
import { readSiteConfig } from "../../lib/content/site.ts";
import { sveltiaDistDir } from "../../lib/admin/plugin.ts";
import { projectDir } from "../../lib/build.ts";

interface CmsField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  fields?: CmsField[];
  options?: { value: string; label: string }[];
}

const site = readSiteConfig(path.join(projectDir, "content"));
const published = (): Record<string, unknown> =>
  parse(readFileSync(path.join(inject("siteDir"), "admin", "config.yml"), "utf8")) as Record<string, unknown>;
const articleFieldsOf = (config: Record<string, unknown>): CmsField[] =>
  (config.collections as { fields: CmsField[] }[])[0]?.fields ?? [];

/** Field names of a zod object, nested objects as `parent.child`, with whether each is required. */
function schemaKeys(shape: Record<string, z.ZodType>, prefix = ""): string[] {
  return Object.entries(shape).flatMap(([name, field]) => {
    const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
    const key = `${prefix}${name}${field.safeParse(undefined).success ? "?" : ""}`;
    return inner instanceof z.ZodObject ? [key, ...schemaKeys(inner.shape, `${prefix}${name}.`)] : [key];
  });
}
function cmsKeys(fields: readonly CmsField[], prefix = ""): string[] {
  return fields.flatMap((f) => {
    const key = `${prefix}${f.name}${f.required === false ? "?" : ""}`;
    return f.fields ? [key, ...cmsKeys(f.fields, `${prefix}${f.name}.`)] : [key];
  });
}

describe("the CMS configuration published at /admin/config.yml", () => {
  it("has exactly the schema's fields, with the same required ones, plus the body", () => {
    const slugs = site.categories.map((c) => c.slug) as [string, ...string[]];
    const fields = articleFieldsOf(published());
    expect(cmsKeys(fields)).toEqual([
      ...schemaKeys(articleSchema(slugs).shape as Record<string, z.ZodType>),
      "body",
    ]);
  });

  it("labels fields in Vietnamese, offers the configured categories and keeps photos beside the article", () => {
    const config = published();
    const fields = articleFieldsOf(config);
    expect(fields.find((f) => f.name === "title")?.label).toBe("Tiêu đề bài viết");
    expect(fields.find((f) => f.name === "category")?.options).toEqual(
      site.categories.map((c) => ({ value: c.slug, label: c.name })),
    );
    expect(Object.fromEntries(fields.map((f) => [f.name, f.widget]))).toMatchObject({
      date: "datetime",
      tags: "list",
      summary: "text",
      image: "object",
      draft: "boolean",
      body: "markdown",
    });
    expect(fields.find((f) => f.name === "image")?.fields?.[0]?.widget).toBe("image");
    expect(config.collections).toMatchObject([
      { folder: "content/articles", path: "{{slug}}/index", media_folder: "", public_folder: "" },
    ]);
    expect(config.backend).toEqual({
      name: "github",
      repo: site.repository,
      branch: "main",
      base_url: "https://api.netlify.com",
    });
    // The sign-in screen shows the portal's name and emblem.
    expect(config).toMatchObject({ app_title: site.name, logo: { src: "/assets/images/favicon.svg" } });
  });

  it("picks dates in Vietnam time on any computer and keeps their offset when stored", () => {
    const fields = articleFieldsOf(published());
    for (const name of ["date", "updated"])
      expect(fields.find((f) => f.name === name)).toMatchObject({
        widget: "datetime",
        input_timezone: "Asia/Ho_Chi_Minh",
        output_utc: false,
      });
    // No default for the draft switch: an untouched one is left out on save (hooks.js).
    expect(fields.find((f) => f.name === "draft")).not.toHaveProperty("default");
  });

  it("is valid for Sveltia CMS, by the JSON schema its package ships", () => {
    const schema = JSON.parse(
      readFileSync(path.join(sveltiaDistDir(), "..", "schema", "sveltia-cms.json"), "utf8"),
    ) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(published()), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The validator does reject a broken configuration (a backend without its name).
    expect(validate({ ...published(), backend: { repo: "x/y" } })).toBe(false);
  });

  it("is served with the CMS bundle from the site itself, no CDN script", () => {
    const html = readFileSync(path.join(inject("siteDir"), "admin", "index.html"), "utf8");
    // Sveltia's bundle between our two own scripts (the interface language, the save hook).
    expect([...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "locale.js",
      "sveltia-cms.js",
      "hooks.js",
    ]);
    expect(readFileSync(path.join(inject("siteDir"), "admin", "sveltia-cms.js")).length).toBeGreaterThan(
      1_000_000,
    );
  });
});
