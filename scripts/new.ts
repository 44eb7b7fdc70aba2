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
import { slugify } from "../lib/text/slug.ts";
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

const USAGE =
  'npm run new -- "Tiêu đề bài viết" --category <mã chuyên mục> --author "Họ tên" --unit "Đơn vị công tác" [--tags "thẻ 1, thẻ 2"]';

// An async line iterator rather than rl.question: piped answers that arrive early are not lost.
const rl = createInterface({ input: process.stdin });
const lines = rl[Symbol.asyncIterator]();
async function ask(prompt: string): Promise<string> {
  process.stdout.write(prompt);
  const next = await lines.next();
  if (next.done) {
    throw new Error(
      `không có ai trả lời câu hỏi "${prompt.trim()}" (lệnh không chạy trong cửa sổ dòng lệnh). ` +
        `Hãy ghi sẵn mọi thông tin trên dòng lệnh:\n  ${USAGE}`,
    );
  }
  return toNFC(String(next.value)).trim();
}
/** Asks until `refuse` finds nothing wrong, saying each time why the answer was refused. */
async function askUntil(prompt: string, refuse: (answer: string) => string | undefined): Promise<string> {
  for (;;) {
    const answer = await ask(prompt);
    const reason = refuse(answer);
    if (reason === undefined) return answer;
    console.log(`  ${reason}; hãy nhập lại.`);
  }
}
const required = (what: string) => (answer: string) => (answer ? undefined : `${what} không được để trống`);

try {
  const contentDir = path.resolve(values.content);
  const site = readSiteConfig(contentDir);
  const title =
    toNFC(positionals.join(" ").trim()) || (await askUntil("Tiêu đề bài viết: ", required("tiêu đề")));

  const profile = readProfile();
  let author = values.author ?? profile.author;
  let unit = values.unit ?? profile.unit;
  if (!author || !unit) {
    author ||= await askUntil("Họ tên tác giả: ", required("họ tên tác giả"));
    unit ||= await askUntil("Đơn vị công tác: ", required("đơn vị công tác"));
    const save = await ask(`Lưu tác giả và đơn vị vào ${profilePath()} để lần sau khỏi hỏi? (c/k) `);
    if (/^c/i.test(save)) saveProfile({ author, unit });
  }

  const slugs = site.categories.map((c) => c.slug);
  let category = values.category;
  if (category !== undefined && !slugs.includes(category)) {
    const guess = slugify(category);
    const hint = slugs.includes(guess)
      ? `có phải ý bạn là --category ${guess} ?`
      : `chọn một trong: ${slugs.join(", ")}`;
    throw new Error(`--category ${category}: không có chuyên mục này; ${hint}`);
  }
  if (category === undefined) {
    console.log("Chuyên mục:");
    site.categories.forEach((c, i) => console.log(`  ${i + 1}. ${c.name} (${c.slug})`));
    const pick = await askUntil(`Chọn số 1–${slugs.length} (hoặc gõ mã chuyên mục): `, (a) =>
      slugs.includes(a) || (Number.isInteger(Number(a)) && Number(a) >= 1 && Number(a) <= slugs.length)
        ? undefined
        : `"${a}" không phải số từ 1 đến ${slugs.length} hay mã chuyên mục trong danh sách trên`,
    );
    category = slugs.includes(pick) ? pick : slugs[Number(pick) - 1];
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
    // A new article is a draft until its author says it is finished.
    draft: true,
  });
  const file = path.join(articlesDir, slug, "index.md");
  mkdirSync(path.dirname(file), { recursive: true });
  // "wx" fails instead of overwriting, even if another process created the folder meanwhile.
  writeFileSync(file, markdown, { flag: "wx" });
  console.log(
    `Đã tạo ${path.relative(process.cwd(), file)} (bản nháp: draft: true)\n` +
      "Viết bài, đặt ảnh cùng thư mục, rồi chạy: npm run check\n" +
      "Khi bài đã xong, xóa dòng draft: true để đăng bài.",
  );
} catch (error) {
  console.error(`Không tạo được bài: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rl.close();
}
