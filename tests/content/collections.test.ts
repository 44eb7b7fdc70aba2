import { describe, expect, it } from "vitest";
import {
  buildCollections,
  displayForm,
  groupByName,
  groupByYear,
  SlugCollisionError,
} from "../../lib/content/collections.ts";
import { article } from "../support/articles.ts";

const categories = [
  { slug: "xay-dung-dang", name: "Xây dựng Đảng" },
  { slug: "kinh-te", name: "Kinh tế" },
];

describe("groupByName", () => {
  it("puts old and new tone placement and case differences on one page", () => {
    const list = [
      article({ slug: "a", tags: ["hoà giải"] }),
      article({ slug: "b", tags: ["hòa giải"] }),
      article({ slug: "c", tags: ["Hòa Giải"] }),
    ];
    const tags = groupByName(list, (a) => a.tags, "tag");
    expect(tags).toHaveLength(1);
    expect(tags[0]?.url).toBe("/the/hoa-giai/");
    expect(tags[0]?.articles.map((a) => a.slug)).toEqual(["a", "b", "c"]);
  });

  it("shows the spelling most articles use", () => {
    const list = [
      article({ slug: "a", unit: "Huyện uỷ Phú Ninh" }),
      article({ slug: "b", unit: "Huyện ủy Phú Ninh" }),
      article({ slug: "c", unit: "Huyện ủy Phú Ninh" }),
    ];
    expect(groupByName(list, (a) => [a.unit], "unit")[0]?.name).toBe("Huyện ủy Phú Ninh");
  });

  it("keeps thuý and thúy together under one author page", () => {
    const list = [
      article({ slug: "a", author: "Nguyễn Thị Thuý" }),
      article({ slug: "b", author: "Nguyễn Thị Thúy" }),
    ];
    const authors = groupByName(list, (a) => [a.author], "author");
    expect(authors.map((t) => t.slug)).toEqual(["nguyen-thi-thuy"]);
  });

  it("lists an article once even when it repeats a tag in two spellings", () => {
    const tags = groupByName([article({ slug: "a", tags: ["hoà giải", "hòa giải"] })], (a) => a.tags, "tag");
    expect(tags[0]?.articles).toHaveLength(1);
  });

  it("keeps two different names that share a slug apart: the one first published keeps the plain slug", () => {
    // Regression: the communes "Tam Dân" and "Tam Đàn" both fold to tam-dan, which stopped the build.
    const list = [
      article({ slug: "moi", tags: ["Tam Dân"], date: "2024-05-01T08:00:00+07:00" }),
      article({ slug: "cu", tags: ["Tam Đàn"], date: "2019-05-01T08:00:00+07:00" }),
    ];
    const tags = groupByName(list, (a) => a.tags, "tag");
    expect(tags.map((t) => [t.name, t.url])).toEqual([
      ["Tam Dân", "/the/tam-dan-2/"],
      ["Tam Đàn", "/the/tam-dan/"],
    ]);
  });

  it("fails on a name that gives no slug at all", () => {
    expect(() => groupByName([article({ slug: "a", tags: ["!!!"] })], (a) => a.tags, "tag")).toThrow(
      SlugCollisionError,
    );
  });

  it("sorts names in Vietnamese order (đ after d, ư after u)", () => {
    const list = [article({ slug: "a", tags: ["đào tạo", "dân vận", "an ninh", "ứng phó", "uỷ thác"] })];
    expect(groupByName(list, (a) => a.tags, "tag").map((t) => t.name)).toEqual([
      "an ninh",
      "dân vận",
      "đào tạo",
      "uỷ thác",
      "ứng phó",
    ]);
  });
});

describe("displayForm", () => {
  it("breaks a tie by Vietnamese collation, whatever order the spellings came in", () => {
    const one = displayForm(
      new Map([
        ["hòa giải", 1],
        ["hoà giải", 1],
      ]),
    );
    const other = displayForm(
      new Map([
        ["hoà giải", 1],
        ["hòa giải", 1],
      ]),
    );
    expect(one).toBe(other);
    expect(
      displayForm(
        new Map([
          ["Hòa giải", 2],
          ["hòa giải", 2],
        ]),
      ),
    ).toBe("hòa giải");
  });

  it("prefers the majority spelling over collation order", () => {
    expect(
      displayForm(
        new Map([
          ["hoà giải", 1],
          ["hòa giải", 3],
        ]),
      ),
    ).toBe("hòa giải");
  });
});

describe("groupByYear", () => {
  it("uses the year in Vietnam time: 31/12 23:30 UTC is already next year there", () => {
    const years = groupByYear([article({ slug: "a", date: "2024-12-31T23:30:00Z" })]);
    expect(years[0]?.url).toBe("/nam/2025/");
  });
});

describe("buildCollections", () => {
  it("gives every configured category a list, even an empty one", () => {
    const c = buildCollections([article({ slug: "a" })], categories);
    expect(c.categories.map((t) => [t.url, t.articles.length])).toEqual([
      ["/chuyen-muc/xay-dung-dang/", 1],
      ["/chuyen-muc/kinh-te/", 0],
    ]);
  });
});
