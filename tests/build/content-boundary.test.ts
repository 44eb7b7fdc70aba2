/**
 * Content is data, never code: attack fixtures, one per class, each refused by the real build and by
 * `npm run check` with the offending file named, and nothing written, in the output or outside it
 * (docs/content-boundary.md lists the classes and how each is closed).
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import Eleventy from "@11ty/eleventy";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { projectDir } from "../../lib/build.ts";
import { eleventyInput } from "../../lib/eleventy.ts";
import { articleMarkdown, makeContentDir, runBuild, writeArticle } from "../support/fixture.ts";
import { runScript } from "../authoring/run-script.ts";
import { gpsJpeg, plainJpeg, transparentPng } from "../images/photos.ts";
import { docx, pdf } from "../support/documents.ts";

const fields = (extra: Record<string, unknown> = {}) => ({
  title: "Hội nghị triển khai nhiệm vụ năm 2025 của xã Tam Thành",
  date: "2025-01-10T08:00",
  author: "Ngô Mỹ",
  unit: "Văn phòng HĐND-UBND huyện",
  category: "xay-dung-dang",
  ...extra,
});

/** A template that would write outside the output folder, and a data script that would run. */
const escapingTemplate = (name: string) => `---\npermalink: ../${name}\n---\nchiếm quyền\n`;
const dataScript = (sentinel: string) =>
  `require("node:fs").writeFileSync(${JSON.stringify(sentinel)}, "đã chạy");\nmodule.exports = {};\n`;
const moduleDataScript = (sentinel: string) =>
  `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(sentinel)}, "đã chạy");\nexport default {};\n`;

interface Attack {
  /** Builds the attack into a content folder holding one valid article (`bai-hop-le`). */
  readonly plant: (content: string, root: string) => Promise<void> | void;
  /** Paths, relative to the content folder, that the build and the check must name. */
  readonly named: readonly string[];
  /** Files (relative to the fixture's root) that must not exist afterwards, e.g. an escaping permalink's target. */
  readonly sentinels?: readonly string[];
}

const article = (content: string, slug: string, body = "Nội dung bài viết.", extra = {}, files = {}) =>
  writeArticle(content, slug, articleMarkdown(fields(extra), body), files);

const attacks: Record<string, Attack> = {
  "a Nunjucks template whose permalink escapes the output folder": {
    plant: (content) => {
      writeFileSync(path.join(content, "trang.njk"), escapingTemplate("thoat-ra-ngoai.html"));
      writeFileSync(
        path.join(content, "articles", "bai-hop-le", "trang.njk"),
        escapingTemplate("thoat-2.html"),
      );
    },
    named: ["trang.njk", "articles/bai-hop-le/trang.njk"],
    sentinels: ["thoat-ra-ngoai.html", "thoat-2.html"],
  },
  "JavaScript data files in content/_data and an .11ty.js template": {
    plant: (content, root) => {
      writeFileSync(path.join(content, "_data", "evil.js"), dataScript(path.join(root, "data-js-ran")));
      writeFileSync(
        path.join(content, "_data", "evil.mjs"),
        moduleDataScript(path.join(root, "data-mjs-ran")),
      );
      writeFileSync(
        path.join(content, "articles", "trang.11ty.js"),
        dataScript(path.join(root, "template-ran")),
      );
    },
    named: ["_data/evil.js", "_data/evil.mjs", "articles/trang.11ty.js"],
    sentinels: ["data-js-ran", "data-mjs-ran", "template-ran"],
  },
  "a script, an SVG and an index.html beside index.md": {
    plant: (content) => {
      const dir = path.join(content, "articles", "bai-hop-le");
      writeFileSync(path.join(dir, "app.js"), "fetch('/admin/').then(() => alert(1))");
      writeFileSync(
        path.join(dir, "logo.svg"),
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      );
      writeFileSync(path.join(dir, "index.html"), "<script src=app.js></script>");
    },
    named: ["articles/bai-hop-le/app.js", "articles/bai-hop-le/logo.svg", "articles/bai-hop-le/index.html"],
  },
  "camera originals kept under another extension": {
    plant: async (content) => {
      const original = await gpsJpeg();
      const dir = path.join(content, "articles", "bai-hop-le");
      for (const name of ["IMG_0001.jfif", "anh.jpg.bak", "IMG_0002.dng"])
        writeFileSync(path.join(dir, name), original);
    },
    named: [
      "articles/bai-hop-le/IMG_0001.jfif",
      "articles/bai-hop-le/anh.jpg.bak",
      "articles/bai-hop-le/IMG_0002.dng",
    ],
  },
  "a text file named .jpg": {
    plant: (content) => {
      article(
        content,
        "anh-gia",
        "Bài.\n\n![Ảnh](anh.jpg)\n",
        {},
        { "anh.jpg": "<script>alert(1)</script>" },
      );
    },
    named: ["articles/anh-gia/anh.jpg"],
  },
  "a symbolic link to /etc/passwd used as a photo": {
    plant: (content) => {
      const dir = article(content, "lien-ket", "Bài.\n\n![Ảnh](anh.jpg)\n");
      symlinkSync("/etc/passwd", path.join(dir, "anh.jpg"));
    },
    named: ["articles/lien-ket/anh.jpg"],
  },
  "image.src reaching into another article's folder": {
    plant: async (content) => {
      article(content, "bai-khac", "Bài.\n\n![Cầu](cau.jpg)\n", {}, { "cau.jpg": await plainJpeg(800, 600) });
      article(content, "muon-anh", "Bài.", { image: { src: "../bai-khac/cau.jpg", alt: "Cầu" } });
    },
    named: ["articles/muon-anh/index.md:", "image.src"],
  },
  "a percent-encoded ../ in a body image": {
    plant: async (content) => {
      article(content, "bai-khac", "Bài.\n\n![Cầu](cau.jpg)\n", {}, { "cau.jpg": await plainJpeg(800, 600) });
      article(
        content,
        "ma-hoa",
        "Bài.\n\n![Cầu](%2e%2e/bai-khac/cau.jpg)\n\n![Cầu](..%2Fbai-khac%2Fcau.jpg)\n",
      );
    },
    named: ["articles/ma-hoa/index.md:11", "articles/ma-hoa/index.md:13"],
  },
  "images from another site or from the portal's own files": {
    plant: (content) => {
      article(
        content,
        "anh-ngoai",
        "Bài.\n\n![Theo dõi](https://example.com/pixel.jpg)\n\n![Biểu ngữ](/assets/images/banner.png)\n",
      );
    },
    named: ["articles/anh-ngoai/index.md:11", "articles/anh-ngoai/index.md:13"],
  },
  "files the loader would skip: Index.md, index.markdown, a stray .md, a sub-folder, a file in articles/": {
    plant: (content) => {
      const hoa = path.join(content, "articles", "chu-hoa");
      mkdirSync(hoa);
      writeFileSync(path.join(hoa, "Index.md"), articleMarkdown(fields()));
      const dir = path.join(content, "articles", "bai-hop-le");
      writeFileSync(path.join(dir, "ghi-chu.md"), "nháp");
      mkdirSync(path.join(dir, "anh-goc"));
      writeFileSync(path.join(content, "articles", "tin.markdown"), articleMarkdown(fields()));
    },
    named: [
      "articles/chu-hoa",
      "articles/bai-hop-le/ghi-chu.md",
      "articles/bai-hop-le/anh-goc",
      "articles/tin.markdown",
    ],
  },
};

describe("attack fixtures: the build and npm run check refuse each class, naming the file", () => {
  it.each(Object.keys(attacks))("%s", async (name) => {
    const attack = attacks[name] as Attack;
    const content = makeContentDir();
    const root = path.dirname(content);
    article(content, "bai-hop-le");
    await attack.plant(content, root);
    const [build, check] = await Promise.all([runBuild(content), runScript("check", ["--content", content])]);
    expect(build.code, build.stderr).not.toBe(0);
    expect(check.code, check.stdout).toBe(1);
    for (const named of attack.named) {
      expect(build.stderr).toContain(named);
      expect(check.stdout).toContain(named);
    }
    // Nothing written: no output, no staging folder, no file outside it.
    expect(readdirSync(root)).toEqual(["content"]);
    for (const sentinel of attack.sentinels ?? []) expect(existsSync(path.join(root, sentinel))).toBe(false);
  });
});

describe.sequential("the attack fixtures are real", () => {
  // Control: Eleventy on its own, with the content folder as its input (its usual set-up), renders
  // the template past its output folder and runs the data script: the boundary is what stops both.
  it("plain Eleventy with content/ as its input writes outside its output and runs _data scripts", async () => {
    const content = makeContentDir();
    const root = path.dirname(content);
    writeFileSync(path.join(content, "trang.njk"), escapingTemplate("thoat-ra-ngoai.html"));
    writeFileSync(path.join(content, "_data", "evil.js"), dataScript(path.join(root, "data-js-ran")));
    // An empty configuration: Eleventy's defaults.
    const config = path.join(root, "eleventy.config.cjs");
    writeFileSync(config, "module.exports = function () {};\n");
    const eleventy = new Eleventy(content, path.join(root, "_site"), { quietMode: true, configPath: config });
    await eleventy.write();
    expect(readFileSync(path.join(root, "thoat-ra-ngoai.html"), "utf8")).toContain("chiếm quyền");
    expect(existsSync(path.join(root, "data-js-ran"))).toBe(true);
  });

  it("our configuration refuses to run with content/ as Eleventy's input", async () => {
    const content = makeContentDir();
    const root = path.dirname(content);
    writeFileSync(path.join(content, "trang.njk"), escapingTemplate("thoat-ra-ngoai.html"));
    const args = ["--config=.eleventy.ts", `--input=${content}`, `--output=${path.join(root, "_site")}`];
    const cli = await runEleventyCli(args);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr + cli.stdout).toContain("Eleventy's input must be lib/eleventy-input");
    expect(readdirSync(root)).toEqual(["content"]);
  });
});

describe("Eleventy's own view, with our configuration", () => {
  // Independent of the inventory: even with template and data files in content/, Eleventy's
  // templates are only our virtual ones and its data folder is not under content/.
  it("lists only our virtual templates and no data folder under content/", async () => {
    const content = makeContentDir();
    const root = path.dirname(content);
    writeFileSync(path.join(content, "trang.njk"), escapingTemplate("thoat-ra-ngoai.html"));
    writeFileSync(path.join(content, "_data", "evil.js"), dataScript(path.join(root, "data-js-ran")));
    const script = [
      'import Eleventy from "@11ty/eleventy";',
      'import { eleventyInput, setContentDir } from "./lib/eleventy.ts";',
      `const eleventy = new Eleventy(eleventyInput, ${JSON.stringify(path.join(root, "_site"))}, {`,
      '  configPath: ".eleventy.ts", quietMode: true,',
      `  config: (c) => setContentDir(c, ${JSON.stringify(content)}),`,
      "});",
      "await eleventy.init();",
      "const files = await eleventy.eleventyFiles.getFiles();",
      "console.log(JSON.stringify({ files, data: eleventy.eleventyFiles.dataDir }));",
    ].join("\n");
    const tsx = path.join(projectDir, "node_modules", ".bin", "tsx");
    const { stdout } = await promisify(execFile)(tsx, ["--input-type=module", "-e", script], {
      cwd: projectDir,
    });
    const { files, data } = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as {
      files: string[];
      data: string;
    };
    expect(files.length).toBeGreaterThan(3);
    for (const file of files)
      expect(path.resolve(projectDir, file).startsWith(`${eleventyInput}${path.sep}`), file).toBe(true);
    expect(path.resolve(projectDir, data).startsWith(eleventyInput)).toBe(true);
    expect(readdirSync(root)).toEqual(["content"]);
  });
});

describe("what an article folder may publish", () => {
  it("publishes linked documents as they are, photos only encoded, and warns about an unused photo", async () => {
    const content = makeContentDir();
    const files = {
      "quyet-dinh.pdf": pdf(),
      "bao-cao.docx": docx(),
      "anh.jpg": await gpsJpeg(),
      "logo.png": await transparentPng(),
      "hinh.gif": await sharp(await plainJpeg(800, 600))
        .gif()
        .toBuffer(),
      "thua.jpg": await plainJpeg(900, 600, "#123456"),
    };
    const body = [
      'Xem [Quyết định](quyet-dinh.pdf#page=2) và <a href="bao-cao.docx">báo cáo</a>.',
      "",
      "![Ảnh hội nghị](anh.jpg)",
      "",
      "![Biểu trưng](logo.png)",
      "",
      "![Hình động](hinh.gif)",
    ].join("\n");
    const dir = article(content, "co-tai-lieu", body, {}, files);
    const run = await runBuild(content);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/articles\/co-tai-lieu\/thua\.jpg:1 +\[cảnh báo\]/);
    const page = path.join(run.output, "tin-tuc", "co-tai-lieu");
    expect(readFileSync(path.join(page, "quyet-dinh.pdf"))).toEqual(files["quyet-dinh.pdf"]);
    expect(readFileSync(path.join(page, "bao-cao.docx"))).toEqual(files["bao-cao.docx"]);
    const html = readFileSync(path.join(page, "index.html"), "utf8");
    expect(html).toContain('href="quyet-dinh.pdf#page=2"');
    // No published file is byte for byte a photo of the article (GPS and all), used or not.
    const originals = ["anh.jpg", "logo.png", "hinh.gif", "thua.jpg"].map((n) =>
      readFileSync(path.join(dir, n)),
    );
    for (const file of walk(run.output)) {
      const bytes = readFileSync(file);
      for (const original of originals) expect(bytes.equals(original), file).toBe(false);
    }
    expect(walk(run.output).filter((f) => path.basename(f).startsWith("thua"))).toEqual([]);
  });
});

/** Eleventy's own command line with our configuration, under tsx, as someone might start it by hand. */
async function runEleventyCli(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = path.join(projectDir, "node_modules", ".bin", "tsx");
  try {
    const { stdout, stderr } = await promisify(execFile)(
      tsx,
      ["node_modules/@11ty/eleventy/cmd.cjs", ...args],
      {
        cwd: projectDir,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? walk(file) : [file];
  });
}
