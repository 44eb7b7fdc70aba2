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
import { aliasError } from "./aliases.ts";

const nonEmpty = (label: string) => z.string({ error: `cần một chuỗi (${label})` }).trim().min(1, `${label} không được để trống`);

/** An ISO 8601 date or date-time string; no offset means Asia/Ho_Chi_Minh. */
const portalDate = z.string({ error: "cần ngày dạng ISO 8601, ví dụ 2025-11-26T08:30" }).superRefine((value, ctx) => {
  const parsed = parsePortalDate(value);
  if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: parsed });
}).meta({ input: "datetime" });

export const imageSchema = z.strictObject({
  src: nonEmpty("đường dẫn ảnh").meta({ input: "image" }).describe("Tệp ảnh, đặt cùng thư mục với bài viết"),
  alt: nonEmpty("mô tả ảnh (alt)").describe("Mô tả nội dung ảnh cho người khiếm thị"),
  caption: z.string().optional().describe("Chú thích hiển thị dưới ảnh"),
});

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

/** Builds the schema for a site whose categories are `categorySlugs`. */
export function articleSchema(categorySlugs: readonly [string, ...string[]]) {
  return z.strictObject({
    title: nonEmpty("tiêu đề").describe("Tiêu đề bài viết"),
    date: portalDate.describe("Ngày đăng (giờ Việt Nam nếu không ghi múi giờ)"),
    dateNote: z.string().trim().min(1).optional().describe("Ghi chú về ngày, ví dụ khi ngày đăng chỉ là ước tính"),
    author: nonEmpty("tác giả").describe("Họ tên tác giả"),
    unit: nonEmpty("đơn vị").describe("Đơn vị công tác của tác giả"),
    category: z.enum(categorySlugs, { error: `cần một chuyên mục trong: ${categorySlugs.join(", ")}` }).describe("Chuyên mục"),
    tags: z.array(nonEmpty("thẻ")).optional().describe("Các thẻ (từ khóa)"),
    summary: z.string().trim().min(1).meta({ input: "text" }).optional().describe("Tóm tắt (sapo); mặc định là đoạn đầu"),
    image: imageSchema.optional().describe("Ảnh đại diện"),
    updated: portalDate.optional().describe("Ngày cập nhật"),
    draft: z.boolean({ error: "cần true hoặc false" }).optional().describe("Bản nháp: không xuất bản"),
    aliases: z
      .array(nonEmpty("địa chỉ cũ"))
      .superRefine(aliasSyntax)
      .optional()
      .describe("Các địa chỉ cũ chuyển hướng về bài này, ví dụ /tin-tuc/bai-cu/"),
  });
}

export type FrontMatter = z.infer<ReturnType<typeof articleSchema>>;
