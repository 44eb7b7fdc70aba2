import path from "node:path";
import { describe, expect, it } from "vitest";
import { articleFields } from "../../lib/content/fields.ts";
import { readSiteConfig } from "../../lib/content/site.ts";
import { projectDir } from "../../lib/build.ts";
import { falseByDefaultFields, hooksScript, localeScript } from "../../lib/admin/scripts.ts";

describe("the CMS page's own scripts", () => {
  it("drop on save exactly the schema's optional yes/no fields (today: draft)", () => {
    const site = readSiteConfig(path.join(projectDir, "content"));
    expect(falseByDefaultFields(articleFields(site))).toEqual(["draft"]);
    expect(hooksScript(["draft"])).toContain('const omitWhenFalse = ["draft"];');
  });

  it("preset Vietnamese only when no language was chosen yet", () => {
    const run = (stored: string | null) => {
      const storage = new Map<string, string>(stored === null ? [] : [["sveltia-cms.prefs", stored]]);
      const localStorage = {
        getItem: (key: string) => storage.get(key) ?? null,
        setItem: (key: string, value: string) => storage.set(key, value),
      };
      new Function("localStorage", localeScript("vi"))(localStorage);
      return JSON.parse(storage.get("sveltia-cms.prefs") ?? "null") as Record<string, unknown>;
    };
    expect(run(null)).toEqual({ locale: "vi" });
    expect(run('{"theme":"dark"}')).toEqual({ theme: "dark", locale: "vi" });
    expect(run('{"locale":"en-US"}')).toEqual({ locale: "en-US" });
  });
});
