/**
 * `npm run import -- FILE... [--category slug] [--date ISO] [--image marker=file.jpg|alt|caption]`:
 * brings pages of the old portal over as article bundles under `--out` (default `<--content>/articles`;
 * the site settings, for categories and the portal's footer lines, come from `--content`, default content/).
 * Never overwrites an existing article; prints what a person must still do for each one.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { legacyArticle, parseLegacyPage, type ImageMapping } from "../lib/authoring/legacy-import.ts";
import { readSiteConfig } from "../lib/content/site.ts";
import { toNFC } from "../lib/text/nfc.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    content: { type: "string", default: "content" },
    out: { type: "string" },
    category: { type: "string" },
    date: { type: "string" },
    author: { type: "string" },
    unit: { type: "string" },
    image: { type: "string", multiple: true, default: [] },
  },
});
if (positionals.length === 0) {
  console.error(
    "Cách dùng: npm run import -- TỆP... [--category slug] [--date 2018-06-01] [--image anhamy=anh.jpg|mô tả|chú thích]",
  );
  process.exit(2);
}
const site = readSiteConfig(path.resolve(values.content));
const out = path.resolve(values.out ?? path.join(values.content, "articles"));
const images = new Map<string, ImageMapping & { file: string }>();
for (const spec of values.image) {
  const [marker = "", rest = ""] = spec.split(/=(.*)/s);
  // The photo's alt and caption are the author's words: NFC like the rest of the text.
  const [file = "", alt = "", caption] = rest.split("|");
  if (!marker || !file || !alt) {
    console.error(`--image ${spec}: cần dạng dấu-ảnh=tệp.jpg|mô tả ảnh|chú thích (chú thích không bắt buộc)`);
    process.exit(2);
  }
  images.set(marker, {
    file,
    src: path.basename(file),
    alt: toNFC(alt),
    ...(caption ? { caption: toNFC(caption) } : {}),
  });
}
if (values.category && !site.categories.some((c) => c.slug === values.category)) {
  console.error(
    `--category ${values.category}: không có chuyên mục này; chọn một trong: ${site.categories.map((c) => c.slug).join(", ")}`,
  );
  process.exit(2);
}

let failed = 0;
for (const source of positionals) {
  try {
    const page = parseLegacyPage(readFileSync(source, "utf8"), site.legacyFooterLines);
    const { slug, markdown, warnings } = legacyArticle(page, site, { ...values, images });
    const dir = path.join(out, slug);
    if (existsSync(dir)) throw new Error(`bài ${path.relative(process.cwd(), dir)} đã có: không ghi đè`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "index.md"), markdown);
    for (const image of images.values())
      if (existsSync(image.file)) copyFileSync(image.file, path.join(dir, image.src));
    console.log(`${source} → ${path.relative(process.cwd(), path.join(dir, "index.md"))}`);
    for (const warning of warnings) console.log(`  cần làm: ${warning}`);
  } catch (error) {
    failed++;
    console.error(`${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
if (failed > 0) process.exitCode = 1;
