/**
 * The front-matter contract: the single source of truth for an article's fields.
 *
 * It validates, gives the TypeScript type by inference, and drives the error messages, the
 * scaffold command and the CMS configuration. Nothing else lists the fields.
 * `.describe()` gives each field its Vietnamese label; `.meta({ input })` says which editor suits a
 * string (a date picker, an image picker, a multi-line box), read by lib/content/fields.ts.
 */
import { z } from "zod";
import { parsePortalDate } from "../text/date.ts";
import { slugify } from "../text/slug.ts";
import { aliasError } from "./aliases.ts";

/**
 * Limits that catch a pasted paragraph or a runaway list, never a real article. Titles: Vietnamese
 * headlines run 60–130 characters (the longest in our archive is about 130) and Google shows about
 * 110 of them, so 200 leaves room for long official document names while refusing a lead paragraph
 * pasted into the title. Tags: a tag page is a topic; twenty is more than any article needs.
 */
const LIMITS = { titleChars: 200, tags: 20, tagChars: 60 } as const;

/** What an author reads when a field is missing or is not text (a number, a list). */
const textError = (label: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null
    ? `thiếu ${label}`
    : `${label} cần có nội dung chữ${typeof issue.input === "number" || typeof issue.input === "boolean" ? ", đặt trong dấu ngoặc kép" : ""}`;

const nonEmpty = (label: string) =>
  z
    .string({ error: textError(label) })
    .trim()
    .min(1, `${label} không được để trống`);

/** An ISO 8601 date or date-time string; no offset means Asia/Ho_Chi_Minh. */
const portalDate = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? "thiếu ngày đăng, ví dụ 2025-11-26T08:30"
        : "cần ngày dạng năm-tháng-ngày, ví dụ 2025-11-26T08:30",
  })
  .superRefine((value, ctx) => {
    const parsed = parsePortalDate(value);
    if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: parsed });
  })
  .meta({ input: "datetime" });

export const imageSchema = z.strictObject(
  {
    src: nonEmpty("đường dẫn ảnh")
      .meta({ input: "image" })
      .describe("Tệp ảnh, đặt cùng thư mục với bài viết"),
    alt: nonEmpty("mô tả ảnh (alt)").describe("Mô tả nội dung ảnh cho người khiếm thị"),
    caption: z
      .string({ error: textError("chú thích ảnh") })
      .optional()
      .describe("Chú thích hiển thị dưới ảnh"),
  },
  {
    error: (issue) =>
      typeof issue.input === "string"
        ? `ảnh đại diện cần hai dòng con dưới "image:", mỗi dòng thụt vào hai dấu cách: "  src: ${issue.input}" và "  alt: mô tả nội dung ảnh"`
        : undefined,
  },
);

/**
 * Each old address must be a plain path inside the site, judged after decoding (lib/content/aliases.ts).
 * Reported on the list, so the message reads `aliases:` and names the alias.
 */
function aliasSyntax(values: readonly string[], ctx: z.RefinementCtx): void {
  for (const value of values) {
    const error = aliasError(value);
    if (error) ctx.addIssue({ code: "custom", message: error });
  }
}

/** A list field: a comma-separated string gets the exact list to write instead. */
const listOf = (item: z.ZodType<string>, field: string, label: string) =>
  z.array(item, {
    error: (issue) =>
      typeof issue.input === "string"
        ? `${label} viết thành danh sách trong ngoặc vuông, mỗi mục trong ngoặc kép: ${field}: [${issue.input
            .split(/[,;]/)
            .map((t) => JSON.stringify(t.trim()))
            .filter((t) => t !== '""')
            .join(", ")}]`
        : `${label} cần là một danh sách, ví dụ ${field}: ["…", "…"]`,
  });

/** The category error, suggesting the slug when the author wrote the category's name. */
const categoryError = (slugs: readonly string[]) => (issue: { input?: unknown }) => {
  if (issue.input === undefined) return `thiếu chuyên mục; chọn một trong: ${slugs.join(", ")}`;
  const guess = typeof issue.input === "string" ? slugify(issue.input) : "";
  if (slugs.includes(guess))
    return `chuyên mục viết bằng mã, không dấu: có phải ý bạn là category: ${guess} ?`;
  return `không có chuyên mục "${String(issue.input)}"; chọn một trong: ${slugs.join(", ")}`;
};

/** Builds the schema for a site whose categories are `categorySlugs`. */
export function articleSchema(categorySlugs: readonly [string, ...string[]]) {
  return z.strictObject({
    title: nonEmpty("tiêu đề")
      .superRefine((title, ctx) => {
        const length = [...title].length;
        if (length > LIMITS.titleChars) {
          ctx.addIssue({
            code: "custom",
            message: `tiêu đề dài ${length} ký tự, tối đa ${LIMITS.titleChars}: hãy rút gọn, đưa phần giải thích vào tóm tắt (summary)`,
          });
        }
      })
      .describe("Tiêu đề bài viết"),
    date: portalDate.describe("Ngày đăng (giờ Việt Nam nếu không ghi múi giờ)"),
    dateNote: z
      .string({ error: textError("ghi chú về ngày") })
      .trim()
      .min(1, "ghi chú về ngày không được để trống")
      .optional()
      .describe("Ghi chú về ngày, ví dụ khi ngày đăng chỉ là ước tính"),
    author: nonEmpty("tác giả").describe("Họ tên tác giả"),
    unit: nonEmpty("đơn vị").describe("Đơn vị công tác của tác giả"),
    category: z.enum(categorySlugs, { error: categoryError(categorySlugs) }).describe("Chuyên mục"),
    tags: listOf(
      nonEmpty("thẻ").max(
        LIMITS.tagChars,
        `mỗi thẻ tối đa ${LIMITS.tagChars} ký tự: thẻ là một từ khóa, không phải một câu`,
      ),
      "tags",
      "các thẻ",
    )
      .max(LIMITS.tags, `tối đa ${LIMITS.tags} thẻ: giữ những từ khóa chính của bài`)
      .optional()
      .describe("Các thẻ (từ khóa)"),
    summary: z
      .string({ error: textError("tóm tắt") })
      .trim()
      .min(1, "tóm tắt không được để trống")
      .meta({ input: "text" })
      .optional()
      .describe("Tóm tắt (sapo); mặc định là đoạn đầu"),
    image: imageSchema.optional().describe("Ảnh đại diện"),
    updated: portalDate.optional().describe("Ngày cập nhật"),
    draft: z.boolean({ error: "cần true hoặc false" }).optional().describe("Bản nháp: không xuất bản"),
    aliases: listOf(nonEmpty("địa chỉ cũ"), "aliases", "các địa chỉ cũ")
      .superRefine(aliasSyntax)
      .optional()
      .describe("Các địa chỉ cũ chuyển hướng về bài này, ví dụ /tin-tuc/bai-cu/"),
  });
}

export type FrontMatter = z.infer<ReturnType<typeof articleSchema>>;
