/**
 * The site's own settings (URL, name, categories), defined once in `content/_data/site.json` and
 * checked against a schema like every article: a broken file is named with its line, never a crash.
 */
import { existsSync, lstatSync } from "node:fs";
import path from "node:path";
import { isNode, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { ContentError, type Problem } from "./problems.ts";
import { readTextFile } from "./text-file.ts";

const textError = (label: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `thiếu ${label}` : `${label} cần có nội dung chữ`;
const text = (label: string) =>
  z
    .string({ error: textError(label) })
    .trim()
    .min(1, `${label} không được để trống`);

const categorySchema = z.strictObject({
  slug: text("mã chuyên mục").regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    "mã chuyên mục chỉ gồm chữ thường không dấu, số và dấu -",
  ),
  name: text("tên chuyên mục"),
});

/**
 * The settings file's contract. Loose (unknown keys kept): other parts of the site read their own
 * settings from the same file and check them where they are used.
 */
const siteSchema = z.looseObject({
  url: z.url({ protocol: /^https$/, error: "cần địa chỉ https:// của trang, ví dụ https://phuninh.gov.vn" }),
  name: text("tên trang"),
  shortName: text("tên ngắn"),
  tagline: text("khẩu hiệu"),
  publisher: text("cơ quan chủ quản"),
  address: text("địa chỉ"),
  /** One line shown at the top of every page, linking to the archive page. */
  archiveNotice: text("thông báo lưu trữ"),
  /** The page the archive notice links to (`/gioi-thieu/luu-tru/`), worded here so it can change. */
  archivePage: z.strictObject({
    title: text("tiêu đề trang lưu trữ"),
    paragraphs: z
      .array(text("đoạn văn"), { error: "cần danh sách các đoạn văn" })
      .min(1, "cần ít nhất một đoạn văn"),
  }),
  /**
   * What a Vietnamese state portal shows in its footer (Decree 42/2022): an empty string is a value not
   * yet known, shown to readers as "[chưa cập nhật]" rather than hidden.
   */
  imprint: z.strictObject({
    /** Người chịu trách nhiệm chính. */
    responsible: z.string({ error: textError("người chịu trách nhiệm") }),
    phone: z.string({ error: textError("điện thoại") }),
    email: z.string({ error: textError("thư điện tử") }),
    /** The licence line as it should read, e.g. "Giấy phép số …/GP-TTĐT do … cấp ngày …". */
    licence: z.string({ error: textError("giấy phép") }),
    /** "Ghi rõ nguồn … khi phát hành lại thông tin từ cổng thông tin này." */
    reuseNotice: z.string({ error: textError("ghi chú phát hành lại") }),
  }),
  /** The old portal's own footer lines, dropped from pages brought in by `npm run import`. */
  legacyFooterLines: z.array(z.string({ error: textError("dòng chân trang cũ") }), {
    error: "cần danh sách các dòng",
  }),
  language: z.literal("vi", { error: 'cần "vi"' }),
  categories: z
    .array(categorySchema, { error: "cần danh sách chuyên mục, mỗi mục có slug và name" })
    .min(1, "cần ít nhất một chuyên mục")
    .refine(
      (list) => new Set(list.map((c) => c.slug)).size === list.length,
      "hai chuyên mục trùng mã (slug)",
    ),
  /** `owner/name` of the GitHub repository the CMS at /admin/ commits to. */
  repository: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, "cần dạng chủ-sở-hữu/tên-kho")
    .optional(),
  /** The branch the CMS commits to; defaults to `main`. */
  repositoryBranch: text("nhánh").optional(),
});

export type SiteConfig = z.infer<typeof siteSchema>;
export type Category = SiteConfig["categories"][number];

/** Path of the settings file under a content folder. */
const siteFile = (contentDir: string): string => path.join(contentDir, "_data", "site.json");

/**
 * Reads and checks `_data/site.json`; returns the settings, or every problem with its line.
 * `projectDir` makes the file name in problems relative.
 */
export function loadSiteConfig(
  contentDir: string,
  projectDir = process.cwd(),
): { site: SiteConfig; problems: [] } | { site?: undefined; problems: Problem[] } {
  const file = siteFile(contentDir);
  const relative = path.relative(projectDir, file);
  const problem = (line: number, field: string, message: string): Problem => ({
    file: relative,
    line,
    field,
    message,
    severity: "error",
  });
  if (!existsSync(file)) return { problems: [problem(1, "(tệp)", "không tìm thấy tệp cấu hình trang")] };
  // A link could point at any file of the build machine (lib/content/inventory.ts names it too).
  if (lstatSync(file).isSymbolicLink())
    return {
      problems: [problem(1, "(tệp)", "liên kết tượng trưng (symlink) không được phép trong content/")],
    };
  const read = readTextFile(file);
  if (read.problems.length > 0)
    return { problems: read.problems.map((p) => problem(p.line, "(tệp)", p.message)) };
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch (error) {
    return {
      problems: [
        problem(
          jsonErrorLine(error, read.text),
          "(tệp)",
          "JSON không hợp lệ: kiểm tra dấu phẩy, ngoặc và dấu ngoặc kép quanh dòng này",
        ),
      ],
    };
  }
  const parsed = siteSchema.safeParse(data);
  if (parsed.success) return { site: parsed.data, problems: [] };
  const lineOf = pathLines(read.text);
  return {
    problems: parsed.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join(".") : "(tệp)";
      const message =
        issue.code === "invalid_type" && issue.input === undefined ? "thiếu trường bắt buộc" : issue.message;
      return problem(lineOf(issue.path), field, message);
    }),
  };
}

/** Reads `_data/site.json`; throws a ContentError naming the file and line when it is broken. */
export function readSiteConfig(contentDir: string): SiteConfig {
  const { site, problems } = loadSiteConfig(contentDir);
  if (!site) throw new ContentError(problems);
  return site;
}

/** The line of a JSON syntax error: Node names the position (`at position 42`, or `line 3`). */
function jsonErrorLine(error: unknown, json: string): number {
  const message = error instanceof Error ? error.message : "";
  const line = /line (\d+)/.exec(message)?.[1];
  if (line) return Number(line);
  const position = /position (\d+)/.exec(message)?.[1];
  return position ? json.slice(0, Number(position)).split("\n").length : 1;
}

/** Finds the line of a path in a JSON text (JSON is YAML, whose parser keeps positions). */
function pathLines(json: string): (at: readonly PropertyKey[]) => number {
  const counter = new LineCounter();
  const doc = parseDocument(json, { lineCounter: counter });
  return (at) => {
    for (let n = at.length; n > 0; n--) {
      const node = doc.getIn(at.slice(0, n) as (string | number)[], true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    }
    return 1;
  };
}
