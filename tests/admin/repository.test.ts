import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  cmsRepository,
  isPlaceholderRepository,
  PLACEHOLDER_REPOSITORY,
  placeholderRepositoryWarning,
  repositorySettingLocation,
} from "../../lib/admin/repository.ts";
import { addSeed, makeContentDir, runBuild } from "../support/fixture.ts";

describe("the repository setting", () => {
  it("is the placeholder while missing, empty or the shipped value", () => {
    expect(isPlaceholderRepository(undefined)).toBe(true);
    expect(isPlaceholderRepository(" ")).toBe(true);
    expect(isPlaceholderRepository(PLACEHOLDER_REPOSITORY)).toBe(true);
    expect(isPlaceholderRepository("ubnd-phuninh/phuninh-portal")).toBe(false);
  });

  it("gives the CMS the real repository, or the placeholder while there is none", () => {
    expect(cmsRepository({ repository: "ubnd-phuninh/phuninh-portal" })).toBe("ubnd-phuninh/phuninh-portal");
    expect(cmsRepository({})).toBe(PLACEHOLDER_REPOSITORY);
  });

  it("refuses a value that is not owner/name, naming file and field", () => {
    expect(() => cmsRepository({ repository: "https://github.com/a/b" }, "site.json:10")).toThrow(
      /^site\.json:10 {2}\[lỗi\] repository: .*chủ-sở-hữu\/tên-kho/,
    );
  });

  it("warns in one line, Vietnamese then English, while it is the placeholder", () => {
    const warning = placeholderRepositoryWarning({ repository: PLACEHOLDER_REPOSITORY }, "site.json:10");
    expect(warning?.split("\n")).toHaveLength(1);
    expect(warning).toMatch(
      /^site\.json:10 {2}\[cảnh báo\] repository: vẫn là giá trị mẫu .*\(the CMS repository/,
    );
    expect(placeholderRepositoryWarning({ repository: "ubnd-phuninh/phuninh-portal" })).toBeUndefined();
  });

  it("is located at its line of site.json", () => {
    const content = makeContentDir();
    const line = readFileSync(path.join(content, "_data", "site.json"), "utf8")
      .split("\n")
      .findIndex((text) => text.includes('"repository"'));
    expect(repositorySettingLocation(content)).toMatch(new RegExp(`site\\.json:${line + 1}$`));
  });
});

describe("a build", () => {
  it("warns while the repository is the placeholder and says nothing once it is set, finishing both times", async () => {
    const content = makeContentDir();
    addSeed(content);
    const site = path.join(content, "_data", "site.json");
    const settings = JSON.parse(readFileSync(site, "utf8")) as Record<string, unknown>;
    const buildWith = async (repository: string) => {
      writeFileSync(site, JSON.stringify({ ...settings, repository }, null, 2));
      const run = await runBuild(content);
      expect(run.code, run.stderr).toBe(0);
      return `${run.stdout}${run.stderr}`
        .split("\n")
        .filter((line) => line.includes("[cảnh báo] repository"));
    };
    expect(await buildWith(PLACEHOLDER_REPOSITORY)).toHaveLength(1);
    expect(await buildWith("ubnd-phuninh/phuninh-portal")).toEqual([]);
  });
});
