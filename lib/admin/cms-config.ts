/**
 * The Sveltia CMS configuration, generated from the front-matter schema (through its field list)
 * and the site's categories, so the CMS form and the build always agree on the fields.
 */
import { stringify } from "yaml";
import { articleFields, type FieldInfo } from "../content/fields.ts";
import type { SiteConfig } from "../content/site.ts";

/** Where articles live in the repository, relative to its root. */
export const ARTICLES_FOLDER = "content/articles";

type CmsField = Record<string, unknown>;

/** One CMS field for one schema field. */
export function cmsField(field: FieldInfo, site: Pick<SiteConfig, "categories">): CmsField {
  const base = { name: field.name, label: field.label, required: field.required };
  switch (field.kind) {
    case "string":
    case "text":
    case "image":
      return { ...base, widget: field.kind };
    case "datetime":
      // Stored with the author's offset (+07:00 in Vietnam), which the schema reads as written.
      return { ...base, widget: "datetime", format: "YYYY-MM-DDTHH:mm:ssZ" };
    case "select":
      return {
        ...base,
        widget: "select",
        options: (field.options ?? []).map((value) => ({
          value,
          label: site.categories.find((c) => c.slug === value)?.name ?? value,
        })),
      };
    case "list":
      return { ...base, widget: "list" };
    case "boolean":
      return { ...base, widget: "boolean", default: false };
    case "object":
      return { ...base, widget: "object", fields: (field.fields ?? []).map((f) => cmsField(f, site)) };
  }
}

/** The whole CMS configuration object. */
export function cmsConfig(site: SiteConfig): Record<string, unknown> {
  return {
    backend: {
      name: "github",
      repo: site.repository ?? "OWNER/REPO",
      branch: site.repositoryBranch ?? "main",
    },
    site_url: site.url,
    // Required globally; article photos override it below and stay beside their article.
    media_folder: "assets/images",
    public_folder: "/assets/images",
    slug: { encoding: "ascii", clean_accents: true },
    // The schema refuses an empty `summary: ""`: an optional field left empty must not be written.
    output: { omit_empty_optional_fields: true },
    collections: [
      {
        name: "articles",
        label: "Bài viết",
        label_singular: "Bài viết",
        folder: ARTICLES_FOLDER,
        path: "{{slug}}/index",
        extension: "md",
        format: "yaml-frontmatter",
        create: true,
        media_folder: "",
        public_folder: "",
        summary: "{{title}}",
        sortable_fields: ["date", "title"],
        fields: [
          ...articleFields(site).map((field) => cmsField(field, site)),
          { name: "body", label: "Nội dung bài viết", widget: "markdown" },
        ],
      },
    ],
  };
}

/** The configuration as `config.yml` text. */
export function cmsConfigYaml(site: SiteConfig): string {
  return `# Generated from lib/content/schema.ts by lib/admin: edit the schema, not this file.\n${stringify(cmsConfig(site), { lineWidth: 0 })}`;
}
