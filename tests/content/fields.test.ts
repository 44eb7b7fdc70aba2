import { describe, expect, it } from "vitest";
import { articleFields } from "../../lib/content/fields.ts";
import { articleSchema } from "../../lib/content/schema.ts";

const site = {
  categories: [
    { slug: "kinh-te", name: "Kinh tế" },
    { slug: "chinh-quyen", name: "Chính quyền" },
  ],
};

describe("articleFields", () => {
  it("lists exactly the schema's fields, in its order, with their Vietnamese descriptions", () => {
    const fields = articleFields(site);
    expect(fields.map((f) => f.name)).toEqual(Object.keys(articleSchema(["kinh-te"]).shape));
    expect(fields.filter((f) => f.label === f.name || f.label.length === 0).map((f) => f.name)).toEqual([]);
    expect(fields.find((f) => f.name === "title")).toEqual({
      name: "title",
      label: "Tiêu đề bài viết",
      required: true,
      kind: "string",
    });
  });
  it("reads the editor each field needs from the schema", () => {
    const kinds = Object.fromEntries(articleFields(site).map((f) => [f.name, f.kind]));
    expect(kinds).toMatchObject({
      date: "datetime",
      updated: "datetime",
      category: "select",
      tags: "list",
      summary: "text",
      image: "object",
      draft: "boolean",
    });
    const image = articleFields(site).find((f) => f.name === "image");
    expect(image?.fields?.map((f) => [f.name, f.kind, f.required])).toEqual([
      ["src", "image", true],
      ["alt", "string", true],
      ["caption", "string", false],
    ]);
    expect(articleFields(site).find((f) => f.name === "category")?.options).toEqual([
      "kinh-te",
      "chinh-quyen",
    ]);
  });
});
