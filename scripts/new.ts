/**
 * `npm run new -- "Tiêu đề bài viết" [--category slug] [--author "…"] [--unit "…"] [--tags "a, b"]`:
 * creates `content/articles/<slug>/index.md` ready to write in. Asks for anything missing; never
 * overwrites (a taken slug becomes slug-2, slug-3…).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { articleFields } from "../lib/content/fields.ts";
import { readSiteConfig } from "../lib/content/site.ts";
import { toNFC } from "../lib/text/nfc.ts";
import { toVietnamISO } from "../lib/text/date.ts";
import { freeSlug, scaffoldMarkdown } from "../lib/authoring/scaffold.ts";
import { profilePath, readProfile, saveProfile } from "../lib/authoring/profile.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    content: { type: "string", default: "content" },
    category: { type: "string" },
    author: { type: "string" },
    unit: { type: "string" },
    tags: { type: "string" },
  },
});

// An async line iterator rather than rl.question: piped answers that arrive early are not lost.
const rl = createInterface({ input: process.stdin });
const lines = rl[Symbol.asyncIterator]();
async function ask(prompt: string): Promise<string> {
  process.stdout.write(prompt);
  const next = await lines.next();
  if (next.done) throw new Error(`không có câu trả lời cho: ${prompt.trim()}`);
  return toNFC(String(next.value)).trim();
}
async function askUntil(prompt: string, accept: (answer: string) => boolean): Promise<string> {
  for (;;) {
    const answer = await ask(prompt);
    if (accept(answer)) return answer;
  }
}

try {
  const contentDir = path.resolve(values.content);
  const site = readSiteConfig(contentDir);
  const title = toNFC(positionals.join(" ").trim()) || (await askUntil("Tiêu đề bài viết: ", Boolean));

  const profile = readProfile();
  let author = values.author ?? profile.author;
  let unit = values.unit ?? profile.unit;
  if (!author || !unit) {
    author ||= await askUntil("Họ tên tác giả: ", Boolean);
    unit ||= await askUntil("Đơn vị công tác: ", Boolean);
    const save = await ask(`Lưu tác giả và đơn vị vào ${profilePath()} để lần sau khỏi hỏi? (c/k) `);
    if (/^c/i.test(save)) saveProfile({ author, unit });
  }

  const slugs = site.categories.map((c) => c.slug);
  let category = values.category;
  if (category !== undefined && !slugs.includes(category)) {
    throw new Error(`--category ${category}: không có chuyên mục này; chọn một trong: ${slugs.join(", ")}`);
  }
  if (category === undefined) {
    console.log("Chuyên mục:");
    site.categories.forEach((c, i) => console.log(`  ${i + 1}. ${c.name} (${c.slug})`));
    const pick = await askUntil(
      `Chọn số 1–${slugs.length}: `,
      (a) => Number(a) >= 1 && Number(a) <= slugs.length,
    );
    category = slugs[Number(pick) - 1];
  }
  const tags = values.tags
    ?.split(",")
    .map((t) => toNFC(t).trim())
    .filter(Boolean);

  const articlesDir = path.join(contentDir, "articles");
  const slug = freeSlug(articlesDir, title);
  const markdown = scaffoldMarkdown(articleFields(site), {
    title,
    date: toVietnamISO(new Date()),
    author: toNFC(author),
    unit: toNFC(unit),
    category,
    ...(tags && tags.length > 0 ? { tags } : {}),
  });
  const file = path.join(articlesDir, slug, "index.md");
  mkdirSync(path.dirname(file), { recursive: true });
  // "wx" fails instead of overwriting, even if another process created the folder meanwhile.
  writeFileSync(file, markdown, { flag: "wx" });
  console.log(
    `Đã tạo ${path.relative(process.cwd(), file)}\nViết bài, đặt ảnh cùng thư mục, rồi chạy: npm run check`,
  );
} catch (error) {
  console.error(`Không tạo được bài: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rl.close();
}
