import { describe, expect, it } from "vitest";
import {
  ARTICLES_PATH,
  KIND_PATHS,
  ROUTES,
  articleSlugOf,
  articleUrl,
  taxonUrl,
} from "../../lib/content/url-scheme.ts";

describe("url scheme", () => {
  it("puts an article under the articles folder, by its slug", () => {
    expect(articleUrl("hoi-nghi-can-bo")).toBe("/tin-tuc/hoi-nghi-can-bo/");
  });

  it("puts each kind of list under its own prefix", () => {
    expect(taxonUrl("category", "kinh-te")).toBe("/chuyen-muc/kinh-te/");
    expect(taxonUrl("tag", "hoa-giai")).toBe("/the/hoa-giai/");
    expect(taxonUrl("author", "le-thi-hoa")).toBe("/tac-gia/le-thi-hoa/");
    expect(taxonUrl("unit", "ubnd-xa-tam-dan")).toBe("/don-vi/ubnd-xa-tam-dan/");
    expect(taxonUrl("year", 2024)).toBe("/nam/2024/");
  });

  it("gives every prefix its own top-level folder, so no two kinds of page can share a URL", () => {
    const folders = [ARTICLES_PATH, ...Object.values(KIND_PATHS), ROUTES.search, ROUTES.archivePage];
    for (const folder of folders) expect(folder).toMatch(/^\/[a-z-]+\/([a-z-]+\/)?$/);
    expect(new Set(folders.map((f) => f.split("/")[1])).size).toBe(folders.length);
  });

  it("reads the slug of an article path, and nothing from another folder", () => {
    expect(articleSlugOf("/tin-tuc/hoi-nghi/")).toBe("hoi-nghi");
    expect(articleSlugOf("/tin-tuc/b%C3%A0i/anh.jpg")).toBe("b%C3%A0i");
    expect(articleSlugOf("/tin-tuc/")).toBeUndefined();
    expect(articleSlugOf("/the/tin-tuc/x/")).toBeUndefined();
    expect(articleSlugOf("/tin-tucx/y/")).toBeUndefined();
  });
});
