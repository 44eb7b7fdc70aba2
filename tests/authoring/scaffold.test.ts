import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freeSlug, scaffoldMarkdown } from "../../lib/authoring/scaffold.ts";
import { articleFields } from "../../lib/content/fields.ts";
import { articleSchema } from "../../lib/content/schema.ts";
import { splitFrontMatter } from "../../lib/content/front-matter.ts";

const site = { categories: [{ slug: "kinh-te", name: "Kinh tế" }] };
const values = {
  title: "Đập Phú Ninh: mùa nước",
  date: "2025-11-26T08:30:00+07:00",
  author: "Ngô Mỹ",
  unit: "Phòng Kinh tế",
  category: "kinh-te",
};

describe("scaffoldMarkdown", () => {
  it("writes front matter the schema accepts, with every field described", () => {
    const markdown = scaffoldMarkdown(articleFields(site), values);
    const { data } = splitFrontMatter(markdown);
    expect(articleSchema(["kinh-te"]).safeParse(data).success).toBe(true);
    expect(data).toEqual(values);
    for (const field of articleFields(site)) expect(markdown).toContain(`# ${field.label}`);
    // Optional fields stay commented out, ready to fill in.
    expect(markdown).toContain("# summary: ");
    expect(markdown).toContain("#   alt: ");
  });
  it("refuses to write an article without a required field", () => {
    expect(() => scaffoldMarkdown(articleFields(site), { ...values, author: undefined })).toThrow('"author"');
  });
});

describe("freeSlug", () => {
  it("adds -2, -3 when the folder is taken", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "phuninh-slug-"));
    expect(freeSlug(dir, "Đập Phú Ninh")).toBe("dap-phu-ninh");
    mkdirSync(path.join(dir, "dap-phu-ninh"));
    mkdirSync(path.join(dir, "dap-phu-ninh-2"));
    expect(freeSlug(dir, "Đập Phú Ninh")).toBe("dap-phu-ninh-3");
  });
});
