import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { sveltiaDistDir } from "../../lib/admin/plugin.ts";
import {
  fontCopies,
  fontsourceRef,
  npmMirrorCopies,
  rewriteBundle,
  vietnameseFontFace,
} from "../../lib/admin/self-host.ts";

const FONT =
  "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2";
const bundle = () => readFileSync(path.join(sveltiaDistDir(), "sveltia-cms.js"), "utf8");

describe("fontsourceRef", () => {
  it("reads a variable font's package, version and file from its CDN address", () => {
    expect(fontsourceRef(FONT)).toEqual({
      url: FONT,
      packageName: "@fontsource-variable/material-symbols-outlined",
      version: "5.3.7",
      file: "material-symbols-outlined-latin-wght-normal.woff2",
    });
  });

  it("reads a static font's package, and refuses other addresses", () => {
    expect(
      fontsourceRef("https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2")
        ?.packageName,
    ).toBe("@fontsource/noto-mono");
    expect(fontsourceRef("https://cdn.jsdelivr.net/npm/x@1/y.woff2")).toBeUndefined();
  });
});

describe("rewriteBundle", () => {
  it("points fonts at the CMS folder and UNPKG at its mirror", () => {
    const code = `a(\`${FONT}\`);b=\`https://unpkg.com/@sveltia/cms\`;c=e=>\`https://unpkg.com/\${e}\``;
    const result = rewriteBundle(code, "/admin/");
    expect(result.code).toBe(
      "a(`/admin/fonts/material-symbols-outlined-latin-wght-normal.woff2`);b=`/admin/npm/@sveltia/cms`;c=e=>`/admin/npm/${e}`",
    );
    expect(result.fonts.map((font) => font.packageName)).toEqual([
      "@fontsource-variable/material-symbols-outlined",
    ]);
  });

  it("fails when the bundle names no font (Sveltia changed how it loads them)", () => {
    expect(() => rewriteBundle("nothing here", "/admin/")).toThrow(/names no Fontsource font/);
  });

  it("fails on any other jsDelivr address left in the bundle", () => {
    expect(() =>
      rewriteBundle(`\`${FONT}\`;\`https://cdn.jsdelivr.net/npm/katex/dist/x.css\``, "/admin/"),
    ).toThrow(/still names a CDN \(https:\/\/cdn\.jsdelivr\.net\/npm\/katex/);
  });

  it("leaves no CDN address in the installed Sveltia bundle, and finds its three UI fonts", () => {
    const result = rewriteBundle(bundle(), "/admin/");
    expect(result.code).not.toMatch(/cdn\.jsdelivr\.net|unpkg\.com|githubstatus\.com\/api/);
    expect(result.fonts.map((font) => font.packageName).sort()).toEqual([
      "@fontsource-variable/material-symbols-outlined",
      "@fontsource-variable/source-sans-3",
      "@fontsource/noto-mono",
    ]);
  });
});

describe("the files copied for the bundle", () => {
  it("come from installed font packages of the versions the bundle names", () => {
    const { fonts } = rewriteBundle(bundle(), "/admin/");
    const copies = fontCopies([...fonts, vietnameseFontFace(fonts).font], import.meta.url);
    expect(copies.map((copy) => copy.to).sort()).toEqual([
      "fonts/material-symbols-outlined-latin-wght-normal.woff2",
      "fonts/noto-mono-latin-400-normal.woff2",
      "fonts/source-sans-3-latin-wght-normal.woff2",
      "fonts/source-sans-3-vietnamese-wght-normal.woff2",
    ]);
    for (const copy of copies) expect(existsSync(copy.from), copy.from).toBe(true);
  });

  it("fail with the version to pin when a font package differs from the bundle's", () => {
    const [font] = rewriteBundle(bundle(), "/admin/").fonts;
    expect(() => fontCopies([{ ...font!, version: "0.0.1" }], import.meta.url)).toThrow(
      /Sveltia CMS asks for @fontsource.*@0\.0\.1, package\.json installs .*: set "@fontsource/,
    );
  });

  it("mirror Sveltia's Vietnamese locale at the versioned path it asks UNPKG for", () => {
    const sveltia = path.join(sveltiaDistDir(), "..");
    const { version } = JSON.parse(readFileSync(path.join(sveltia, "package.json"), "utf8")) as {
      version: string;
    };
    const copies = npmMirrorCopies(sveltia).map((copy) => copy.to);
    expect(copies).toContain(`npm/@sveltia/cms@${version}/locales/vi.json`);
    expect(copies).toContain("npm/@sveltia/cms/package.json");
    expect(copies).toContainEqual(expect.stringMatching(/^npm\/immutable@[\d.]+\/dist\/immutable\.es\.js$/));
  });

  it("are all in the built site, with a bundle that names no CDN", () => {
    const admin = path.join(inject("siteDir"), "admin");
    expect(readFileSync(path.join(admin, "sveltia-cms.js"), "utf8")).not.toMatch(
      /cdn\.jsdelivr\.net|unpkg\.com/,
    );
    expect(existsSync(path.join(admin, "fonts", "material-symbols-outlined-latin-wght-normal.woff2"))).toBe(
      true,
    );
    expect(readFileSync(path.join(admin, "fonts.css"), "utf8")).toContain(
      "source-sans-3-vietnamese-wght-normal.woff2",
    );
  });
});
