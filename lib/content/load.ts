/**
 * Reads every `content/articles/<slug>/index.md`, validates it against the one schema, normalises
 * its text to NFC, and returns typed articles plus every problem found (never just the first).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isNFC, deepNFC, toNFC } from "../text/nfc.ts";
import { parsePortalDate, type PortalDate } from "../text/date.ts";
import { slugify } from "../text/slug.ts";
import { articleSchema, type FrontMatter } from "./schema.ts";
import { splitFrontMatter } from "./front-matter.ts";
import { articleUrl, type Article, type BodyImage } from "./article.ts";
import { readSiteConfig, type SiteConfig } from "./site.ts";
import type { Problem } from "./problems.ts";
import { firstParagraphText } from "./summary.ts";
import { decodeSource, isExternalSource, listBodyImages } from "../images/references.ts";

export interface LoadResult {
  /** Every valid article, drafts and future ones included, newest first. */
  readonly articles: readonly Article[];
  readonly problems: readonly Problem[];
  readonly site: SiteConfig;
}

/** Lists the Markdown files of all article bundles under `contentDir/articles`. */
export function listArticleFiles(contentDir: string): string[] {
  const root = path.join(contentDir, "articles");
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(root, entry.name, "index.md"))
    .filter((file) => existsSync(file))
    .sort();
}

/** Loads and validates all articles of a content folder. `projectDir` makes paths in messages relative. */
export function loadArticles(contentDir: string, projectDir = process.cwd()): LoadResult {
  const site = readSiteConfig(contentDir);
  const slugs = site.categories.map((c) => c.slug) as [string, ...string[]];
  const schema = articleSchema(slugs);
  const problems: Problem[] = [];
  const articles: Article[] = [];
  for (const file of listArticleFiles(contentDir)) {
    const result = loadOne(file, path.relative(projectDir, file), schema, site);
    problems.push(...result.problems);
    if (result.article) articles.push(result.article);
  }
  articles.sort((a, b) => b.date.instant.getTime() - a.date.instant.getTime() || a.slug.localeCompare(b.slug));
  return { articles, problems, site };
}

function loadOne(
  file: string,
  relative: string,
  schema: ReturnType<typeof articleSchema>,
  site: SiteConfig,
): { article?: Article; problems: Problem[] } {
  const raw = readFileSync(file, "utf8");
  const split = splitFrontMatter(raw);
  const problems: Problem[] = [];
  const at = (field: string, message: string, severity: Problem["severity"] = "error"): void => {
    problems.push({ file: relative, line: split.lines.get(field.split(".")[0] ?? field) ?? 1, field, message, severity });
  };
  for (const error of split.yamlErrors) problems.push({ file: relative, line: error.line, field: "(front matter)", message: `YAML không hợp lệ: ${error.message}`, severity: "error" });
  if (split.yamlErrors.length > 0) return { problems };
  if (!isNFC(raw)) at("(tệp)", "văn bản không ở dạng Unicode NFC (đã tự chuẩn hóa khi xuất bản)", "warning");

  const slug = path.basename(path.dirname(file));
  if (slug !== slugify(slug)) at("(thư mục)", `tên thư mục "${slug}" phải là slug: chữ thường không dấu, nối bằng "-" (gợi ý: ${slugify(slug)})`);

  const parsed = schema.safeParse(deepNFC(split.data));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.length > 0 ? issue.path.join(".") : "(front matter)";
      const message = issue.code === "unrecognized_keys" ? `trường không được hỗ trợ: ${issue.keys.join(", ")}` : issue.message;
      at(issue.code === "unrecognized_keys" ? issue.keys[0] ?? field : field, message);
    }
    return { problems };
  }
  const data: FrontMatter = parsed.data;
  const dir = path.dirname(file);
  const image = data.image
    ? { ...data.image, path: path.resolve(dir, data.image.src), line: split.lines.get("image") ?? 1 }
    : undefined;
  if (image && !existsSync(image.path)) at("image.src", `không tìm thấy tệp ảnh ${data.image?.src}`);
  const body = toNFC(split.body);
  const bodyImages = checkBodyImages(body, split.bodyLine, dir, relative, problems);
  if (problems.some((p) => p.severity === "error")) return { problems };

  const category = site.categories.find((c) => c.slug === data.category);
  const article: Article = {
    slug,
    url: articleUrl(slug),
    inputPath: relative,
    dir,
    title: data.title,
    date: parsePortalDate(data.date) as PortalDate,
    ...(data.updated ? { updated: parsePortalDate(data.updated) as PortalDate } : {}),
    ...(data.dateNote ? { dateNote: data.dateNote } : {}),
    author: data.author,
    unit: data.unit,
    category: category ?? { slug: data.category, name: data.category },
    tags: data.tags ?? [],
    summary: data.summary ?? firstParagraphText(body),
    hasOwnSummary: data.summary !== undefined,
    ...(image ? { image } : {}),
    bodyImages,
    draft: data.draft ?? false,
    aliases: data.aliases ?? [],
    body,
  };
  return { article, problems };
}

/** Articles a reader may see at `now`: no drafts, nothing dated in the future. */
export function publishedArticles(articles: readonly Article[], now: Date, includeDrafts = false): Article[] {
  return articles.filter((a) => (includeDrafts || !a.draft) && (includeDrafts || a.date.instant.getTime() <= now.getTime()));
}

/** Lists the body's images; a missing file or an empty alt is an error naming the image and its line. */
function checkBodyImages(body: string, bodyLine: number, dir: string, file: string, problems: Problem[]): BodyImage[] {
  return listBodyImages(body, bodyLine).map((ref) => {
    const at = (message: string): void => {
      problems.push({ file, line: ref.line, field: "body", message, severity: "error" });
    };
    if (ref.alt.trim() === "") at(`ảnh "${ref.src}" thiếu mô tả (alt): viết ![mô tả nội dung ảnh](${ref.src})`);
    if (isExternalSource(ref.src)) return ref;
    const source = path.resolve(dir, decodeSource(ref.src));
    if (!existsSync(source)) at(`không tìm thấy tệp ảnh "${ref.src}" cạnh bài viết`);
    return { ...ref, path: source };
  });
}
