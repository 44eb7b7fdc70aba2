/**
 * The Sveltia CMS configuration, generated from the front-matter schema (through its field list)
 * and the site's categories, so the CMS form and the build always agree on the fields.
 */
import { stringify } from "yaml";
import { articleFields, type FieldInfo } from "../content/fields.ts";
import type { SiteConfig } from "../content/site.ts";
import { cmsRepository } from "./repository.ts";

/** Where articles live in the repository, relative to its root. */
const ARTICLES_FOLDER = "content/articles";

/** The time zone of every date an author picks, whatever the computer's own zone. */
const AUTHOR_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** Netlify's OAuth endpoint, which holds the GitHub OAuth app's secret for the CMS. */
const NETLIFY_AUTH = "https://api.netlify.com";

/** The login screen's logo: the portal's emblem, already published for the public pages. */
const LOGO_PATH = "/assets/images/favicon.svg";

type CmsField = Record<string, unknown>;

/** One CMS field for one schema field. */
function cmsField(field: FieldInfo, site: Pick<SiteConfig, "categories">): CmsField {
  const base = { name: field.name, label: field.label, required: field.required };
  switch (field.kind) {
    case "string":
    case "text":
    case "image":
      return { ...base, widget: field.kind };
    case "datetime":
      // Picked and shown in Vietnam time on any computer, stored with its offset
      // (2025-06-30T08:00:00+07:00), which the schema reads as written. No `format`: with a custom
      // zone and no format, Sveltia writes exactly this ISO form (its date-time helpers).
      return { ...base, widget: "datetime", input_timezone: AUTHOR_TIME_ZONE, output_utc: false };
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
      // Sveltia writes an untouched switch as `false`: scripts.ts drops it again on save.
      return { ...base, widget: "boolean" };
    case "object":
      return { ...base, widget: "object", fields: (field.fields ?? []).map((f) => cmsField(f, site)) };
  }
}

/** The whole CMS configuration object. */
function cmsConfig(site: SiteConfig): Record<string, unknown> {
  return {
    backend: {
      name: "github",
      repo: cmsRepository(site),
      branch: site.repositoryBranch ?? "main",
      // Sign-in goes through Netlify's GitHub OAuth provider (Sveltia's default, written out so the
      // endpoint is visible): a popup to api.netlify.com/auth, set up as docs/publishing.md says.
      base_url: NETLIFY_AUTH,
    },
    // The login screen: the portal's name and emblem, not Sveltia's.
    app_title: site.name,
    logo: { src: LOGO_PATH },
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
