/**
 * Reads every `content/articles/<slug>/index.md`, validates it against the one schema, normalises
 * its text to NFC, and returns typed articles plus every problem found (never just the first).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { isNFC, deepNFC, toNFC } from "../text/nfc.ts";
import { parsePortalDate, type PortalDate } from "../text/date.ts";
import { slugify } from "../text/slug.ts";
import { articleSchema, type FrontMatter } from "./schema.ts";
import { splitFrontMatter } from "./front-matter.ts";
import { articleUrl, type Article } from "./article.ts";
import { readSiteConfig, type SiteConfig } from "./site.ts";
import type { Problem } from "./problems.ts";
import { firstParagraphText } from "./summary.ts";

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
  const siteKey = JSON.stringify(site);
  const seen = new Set<string>();
  for (const file of listArticleFiles(contentDir)) {
    seen.add(file);
    const result = loadCached(file, path.relative(projectDir, file), schema, site, siteKey);
    problems.push(...result.problems);
    if (result.article) articles.push(result.article);
  }
  for (const file of loaded.keys()) if (!seen.has(file)) loaded.delete(file);
  articles.sort((a, b) => b.date.instant.getTime() - a.date.instant.getTime() || a.slug.localeCompare(b.slug));
  return { articles, problems, site };
}

type Loaded = { article?: Article; problems: Problem[] };

/**
 * What each file gave last time, keyed by its path, size, mtime and the site settings it was checked
 * against. Why: the dev server reloads all articles on every save; with 10,000 of them, parsing only
 * the changed one keeps an edit's rebuild short. A one-off build reads each file once either way.
 */
const loaded = new Map<string, { key: string; result: Loaded }>();

function loadCached(
  file: string,
  relative: string,
  schema: ReturnType<typeof articleSchema>,
  site: SiteConfig,
  siteKey: string,
): Loaded {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return loadOne(file, relative, schema, site);
  const key = `${stat.size}:${stat.mtimeMs}:${relative}:${siteKey}`;
  const hit = loaded.get(file);
  // A missing image is the one check that depends on another file: never trust the cache for it.
  if (hit?.key === key && hit.result.article?.image === undefined && hit.result.problems.length === 0) return hit.result;
  const result = loadOne(file, relative, schema, site);
  loaded.set(file, { key, result });
  return result;
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
  const image = data.image ? { ...data.image, path: path.resolve(dir, data.image.src) } : undefined;
  if (image && !existsSync(image.path)) at("image.src", `không tìm thấy tệp ảnh ${data.image?.src}`);
  if (problems.some((p) => p.severity === "error")) return { problems };

  const body = toNFC(split.body);
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
