/**
 * Vietnamese text through a real build: NFD sources and a build machine in another time zone.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { articleMarkdown, makeContentDir, runBuild, writeArticle } from "../support/fixture.ts";

const fields = {
  title: "Đảng ủy Tam Đàn hòa giải thành công",
  date: "2025-11-26T23:30",
  author: "Lê Thị Thúy",
  unit: "Huyện ủy Phú Ninh",
  category: "xay-dung-dang",
};

describe("a real build of Vietnamese content", () => {
  it("turns an article written in NFD into NFC HTML", async () => {
    const content = makeContentDir();
    writeArticle(
      content,
      "bai-nfd",
      articleMarkdown(fields, "Cán bộ, đảng viên được bồi dưỡng.").normalize("NFD"),
    );
    const run = await runBuild(content);
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(path.join(run.output, "tin-tuc", "bai-nfd", "index.html"), "utf8");
    expect(html).toBe(html.normalize("NFC"));
    expect(html).toContain("Cán bộ, đảng viên được bồi dưỡng.");
    expect(html).toContain("Đảng ủy Tam Đàn hòa giải thành công</h1>");
  });

  it.each(["UTC", "America/Los_Angeles"])(
    "dates 2025-11-26T23:30 as Wednesday 26/11/2025 on a machine in %s",
    async (zone) => {
      const content = makeContentDir();
      writeArticle(content, "bai-gio", articleMarkdown(fields));
      const run = await runBuild(content, { TZ: zone });
      expect(run.code, run.stderr).toBe(0);
      const html = readFileSync(path.join(run.output, "tin-tuc", "bai-gio", "index.html"), "utf8");
      expect(html).toContain('<time datetime="2025-11-26T23:30:00+07:00">Thứ Tư, 26/11/2025, 23:30</time>');
    },
  );
});
