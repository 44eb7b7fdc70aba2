/**
 * Reads every `content/articles/<slug>/index.md`, validates it against the one schema, normalises
 * its text to NFC, and returns typed articles plus every problem found (never just the first).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { isNFC, deepNFC, toNFC } from "../text/nfc.ts";
import { parsePortalDate, type PortalDate } from "../text/date.ts";
import { slugify } from "../text/slug.ts";
import { articleSchema, imageSchema, type FrontMatter } from "./schema.ts";
import { splitFrontMatter, type SplitFile } from "./front-matter.ts";
import type { Article } from "./article.ts";
import { articleUrl } from "./url-scheme.ts";
import { loadSiteConfig, type SiteConfig } from "./site.ts";
import { readTextFile, type TextFile } from "./text-file.ts";
import { placeholderLine, SCAFFOLD_PLACEHOLDER } from "../authoring/scaffold.ts";
import type { Problem } from "./problems.ts";
import { firstParagraphText } from "./summary.ts";
import { inspectBody, parseBody } from "./html-policy.ts";
import {
  bodyLinks,
  bodyReferenceProblems,
  draftLinkProblems,
  type BodyLink,
  type LinkSource,
} from "./body-refs.ts";
import { listBodyImages } from "../images/references.ts";
import {
  hasIndexFile,
  inventoryArticle,
  inventoryContent,
  listFolder,
  type FolderEntry,
  type FolderJudgement,
} from "./inventory.ts";
import { fileReferences, isExternalSource } from "./file-refs.ts";
import { unreadReferences } from "./image-syntax.ts";
import { LoadCache } from "./load-cache.ts";

export interface LoadResult {
  /** Every valid article, drafts and future ones included, newest first. */
  readonly articles: readonly Article[];
  readonly problems: readonly Problem[];
  readonly site: SiteConfig;
  /** With a cache folder: how many files were parsed, and how many results were reused unchanged. */
  readonly files?: { readonly parsed: number; readonly reused: number };
}

/** Lists the Markdown files of all article bundles under `contentDir/articles`. */
function listArticleFiles(contentDir: string): string[] {
  const root = path.join(contentDir, "articles");
  if (!existsSync(root)) return [];
  return (
    readdirSync(root, { withFileTypes: true })
      // A link or a folder named index.md is refused by the inventory, never read.
      .filter((entry) => entry.isDirectory() && hasIndexFile(path.join(root, entry.name)))
      .map((entry) => path.join(root, entry.name, "index.md"))
      .sort()
  );
}

/** One article file as read, valid or not, for checks that span articles (`npm run check`). */
export interface ArticleSource {
  readonly file: string;
  /** Project-relative path, as in problems. */
  readonly relative: string;
  readonly split: SplitFile;
}

export interface LoadOptions {
  /** Sees every file as parsed, so a caller needing more than valid articles parses YAML once. */
  readonly observe?: (source: ArticleSource) => void;
  /**
   * Folder of the persistent cache of per-file results (lib/content/load-cache.ts), e.g.
   * `.cache/content`; none by default. Not used with `observe`, which needs every file parsed.
   */
  readonly cacheDir?: string;
}

/** Loads and validates all articles of a content folder. `projectDir` makes paths in messages relative. */
export function loadArticles(
  contentDir: string,
  projectDir = process.cwd(),
  options: LoadOptions = {},
): LoadResult {
  const settings = loadSiteConfig(contentDir, projectDir);
  // A broken site.json is reported, and the articles are still checked (all but their category),
  // so one run lists every problem.
  const site = settings.site ?? BROKEN_SITE;
  const slugs = site.categories.map((c) => c.slug) as [string, ...string[]];
  const schema = articleSchema(slugs.length > 0 ? slugs : ["-"]);
  // Every file under the content folder is accounted for (lib/content/inventory.ts).
  const problems: Problem[] = [...settings.problems, ...inventoryContent(contentDir, projectDir)];
  const articles: Article[] = [];
  const linkSources: LinkSource[] = [];
  const files = listArticleFiles(contentDir);
  const slugSet = new Set(files.map((file) => path.basename(path.dirname(file))));
  // What every file's result depends on besides its own folder: the site's address and categories.
  const shared: Shared = { site, schema, stamp: JSON.stringify(site) };
  const cache =
    options.cacheDir !== undefined && options.observe === undefined
      ? new LoadCache(options.cacheDir, contentDir, shared.stamp)
      : undefined;
  let reused = 0;
  for (const file of files) {
    const relative = path.relative(projectDir, file);
    const entries = listFolder(path.dirname(file));
    const loaded = options.observe
      ? {
          parsed: parseArticle(
            readTextFile(file),
            file,
            relative,
            shared,
            entries,
            undefined,
            options.observe,
          ),
        }
      : loadOne(file, relative, shared, entries, cache);
    if (loaded.reused === true) reused++;
    const parsed = loaded.parsed;
    // The checks that need the other articles run every time, on the cached or fresh result.
    const result = finish(parsed, file, relative, slugSet);
    problems.push(...result.problems);
    if (result.article) articles.push(result.article);
    if (result.links) linkSources.push(result.links);
  }
  // Only now is it known which articles are drafts: a published one must not link to them.
  problems.push(...draftLinkProblems(linkSources));
  cache?.save();
  // Forget deleted articles, so a long-running dev server does not keep them in memory.
  const present = new Set(files);
  for (const file of memo.keys()) if (!present.has(file)) memo.delete(file);
  articles.sort(
    (a, b) => b.date.instant.getTime() - a.date.instant.getTime() || a.slug.localeCompare(b.slug),
  );
  return {
    articles,
    problems,
    site,
    ...(cache ? { files: { parsed: files.length - reused, reused } } : {}),
  };
}

/** Stands in for a site.json that failed its checks; the problems already fail the build. */
const BROKEN_SITE: SiteConfig = {
  url: "https://example.invalid",
  name: "",
  shortName: "",
  tagline: "",
  publisher: "",
  address: "",
  archiveNotice: "",
  archivePage: { title: "", paragraphs: [] },
  imprint: { responsible: "", phone: "", email: "", licence: "", reuseNotice: "" },
  legacyFooterLines: [],
  language: "vi",
  categories: [],
};

/** What every file's result depends on besides its own folder. */
interface Shared {
  readonly site: SiteConfig;
  readonly schema: ReturnType<typeof articleSchema>;
  /** The site settings the result depends on, as text, for the caches' keys. */
  readonly stamp: string;
}

interface Loaded {
  readonly article?: Article;
  readonly problems: Problem[];
  /** The body's links to articles, also for a file with other errors, so one run lists every problem. */
  readonly links?: LinkSource;
}

/**
 * One file's result before the checks that need the other articles (links to missing articles), so
 * it holds for any set of articles and can be kept while the file and its folder are unchanged.
 * Its problems are those of the file in report order, minus the missing articles' links, which
 * `finish` puts among `photos` by line.
 */
export interface ParsedArticle {
  readonly before: readonly Problem[];
  /** Body photos without alt text, by line. */
  readonly photos: readonly Problem[];
  /** The body's links to article pages, checked against the articles of each load. */
  readonly links: readonly BodyLink[];
  readonly after: readonly Problem[];
  /** The article's draft flag when its links count for `draftLinkProblems`; undefined when they do not. */
  readonly draft?: boolean;
  /** The article when nothing but a link to a missing article could still refuse it. */
  readonly article?: Article;
}

/** The file's result among `slugs`, the articles of this load. */
function finish(parsed: ParsedArticle, file: string, relative: string, slugs: ReadonlySet<string>): Loaded {
  const missing = bodyReferenceProblems([], parsed.links, slugs).map((found) => bodyProblem(relative, found));
  // A stable sort by line: photos before links on one line, as one pass over both lists them.
  const body =
    missing.length > 0 ? [...parsed.photos, ...missing].sort((a, b) => a.line - b.line) : parsed.photos;
  const links: LinkSource | undefined =
    parsed.draft === undefined
      ? undefined
      : { file: relative, slug: path.basename(path.dirname(file)), draft: parsed.draft, links: parsed.links };
  return {
    problems: [...parsed.before, ...body, ...parsed.after],
    ...(parsed.article && missing.length === 0 ? { article: parsed.article } : {}),
    ...(links ? { links } : {}),
  };
}

const bodyProblem = (relative: string, found: { line: number; message: string }): Problem => ({
  file: relative,
  line: found.line,
  field: "body",
  message: found.message,
  severity: "error",
});

/**
 * Results per file, reused while the file, its folder's files (names, sizes, times) and the site
 * settings are unchanged. Why: the build validates before Eleventy starts and the content plugin
 * reads the same articles, and the dev server reloads on every edit; each file should be parsed once,
 * not once per reader or per rebuild. Across processes, where times prove nothing, the persistent
 * cache (lib/content/load-cache.ts) keys on content instead.
 */
const memo = new Map<string, { stamp: string; parsed: ParsedArticle; cacheKey?: string }>();

function loadOne(
  file: string,
  relative: string,
  shared: Shared,
  entries: readonly FolderEntry[],
  cache: LoadCache | undefined,
): { parsed: ParsedArticle; reused?: boolean } {
  const stats = statSync(file);
  const listing = entries.map((e) => `${e.name}:${e.stamp}`).join("/");
  const stamp = `${stats.size}:${stats.mtimeMs}:${stats.ino}:${listing}:${relative}:${shared.stamp}`;
  const cached = memo.get(file);
  if (cached?.stamp === stamp && (cache === undefined || cache.keep(cached.cacheKey)))
    return { parsed: cached.parsed, reused: true };
  const found = cache?.load(file, relative, entries, stats.size, (text, judged) =>
    parseArticle(text, file, relative, shared, entries, judged),
  );
  const parsed = found?.parsed ?? parseArticle(readTextFile(file), file, relative, shared, entries);
  memo.set(file, { stamp, parsed, ...(found ? { cacheKey: found.key } : {}) });
  return { parsed, reused: found?.reused ?? false };
}

/**
 * Parses and checks one file against everything but the other articles. `judged` is its folder's
 * judgement when the caller already made it (the cache keys on it).
 */
function parseArticle(
  { text: raw, problems: textProblems }: TextFile,
  file: string,
  relative: string,
  { site, schema }: Shared,
  entries: readonly FolderEntry[],
  judged?: FolderJudgement,
  observe?: (source: ArticleSource) => void,
): ParsedArticle {
  const dir = path.dirname(file);
  const split = splitFrontMatter(raw);
  observe?.({ file, relative, split });
  const before: Problem[] = [];
  for (const found of textProblems)
    before.push({
      file: relative,
      line: found.line,
      field: "(tệp)",
      message: found.message,
      severity: "error",
    });
  // An unreadable file (too large, UTF-16) has no text to check further.
  if (raw === "" && textProblems.length > 0) {
    before.push(...inventoryArticle(dir, relative, entries, undefined, judged).problems);
    return { before, photos: [], links: [], after: [] };
  }
  for (const error of split.yamlErrors)
    before.push({
      file: relative,
      line: error.line,
      field: "(đầu bài)",
      message: error.message,
      severity: "error",
    });
  if (!isNFC(raw)) {
    // Point at the first line an editor must retype, not at the top of the file.
    const line = raw.split("\n").findIndex((text) => !isNFC(text)) + 1;
    before.push({
      file: relative,
      line: Math.max(line, 1),
      field: "(tệp)",
      message: "văn bản không ở dạng Unicode NFC (đã tự chuẩn hóa khi xuất bản)",
      severity: "warning",
    });
  }

  // Checked before the schema so an author sees body and front-matter errors together.
  const body = toNFC(split.body);
  const slug = path.basename(dir);
  // Parsed once here for the HTML allowlist, the links, the images and photos left as text.
  const tokens = parseBody(body);
  const inspection = inspectBody(tokens);
  // Lines in the Markdown file from here on.
  const fromBody = <T extends { line: number }>(found: T): T => ({
    ...found,
    line: split.bodyLine + found.line - 1,
  });
  const links = bodyLinks(inspection.hrefs, site.url, articleUrl(slug)).map(fromBody);
  const images = listBodyImages(tokens, split.bodyLine);
  // Files beside index.md: each accounted for, each reference inside the folder. Without readable
  // fields the lead photo is unknown, so only the files wrong whatever the article says are judged.
  const files = inventoryArticle(
    dir,
    relative,
    entries,
    split.fieldsReadable
      ? fileReferences(deepNFC(split.data), split.lines, images, inspection.hrefs.map(fromBody))
      : undefined,
    judged,
  );
  before.push(...files.problems);
  // HTML outside the allowlist, photos without alt text or left as text, links to missing articles
  // (those in `finish`): all refused.
  before.push(...inspection.violations.map((found) => bodyProblem(relative, fromBody(found))));
  const photos = bodyReferenceProblems(images, [], new Set()).map((found) => bodyProblem(relative, found));
  const after = unreadReferences(tokens).map((found) => bodyProblem(relative, fromBody(found)));
  const at = (field: string, message: string): void => {
    after.push({
      file: relative,
      line: split.lines.get(field.split(".")[0] ?? field) ?? 1,
      field,
      message,
      severity: "error",
    });
  };
  const draft = (split.data as { draft?: unknown } | null)?.draft === true;

  if (slug !== slugify(slug))
    at(
      "(thư mục)",
      `tên thư mục "${slug}" phải là slug: chữ thường không dấu, nối bằng "-" (gợi ý: ${slugify(slug)})`,
    );

  const fields = deepNFC(split.data) as { draft?: unknown };
  const unfinished = placeholderLine(body);
  if (unfinished !== -1 && fields.draft !== true) {
    after.push({
      file: relative,
      line: split.bodyLine + unfinished,
      field: "body",
      message: `bài chưa viết xong: còn câu mẫu "${SCAFFOLD_PLACEHOLDER}". Hãy thay bằng nội dung bài, hoặc giữ draft: true để bài chưa được đăng`,
      severity: "error",
    });
  }
  // The fields cannot be judged when the front matter itself could not be read.
  if (!split.fieldsReadable) return { before, photos, links, after };
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // Without a readable site.json the categories are unknown; that file's own error says so.
      if (issue.path[0] === "category" && site.categories.length === 0) continue;
      if (issue.code === "unrecognized_keys") {
        const known = Object.keys(issue.path[0] === "image" ? imageSchema.shape : schema.shape);
        const message = `trường không được hỗ trợ: ${issue.keys.join(", ")} (các trường dùng được: ${known.join(", ")})`;
        at([...issue.path, issue.keys[0]].join("."), message);
      } else at(issue.path.length > 0 ? issue.path.join(".") : "(đầu bài)", issue.message);
    }
    return { before, photos, links, after, draft };
  }
  const data: FrontMatter = parsed.data;
  if ([before, photos, after].some((list) => list.some((p) => p.severity === "error")))
    return { before, photos, links, after, draft };
  // Every reference resolved inside the folder, or there was an error above.
  const fileOf = (src: string): string => files.paths.get(src) as string;
  const image = data.image
    ? { ...data.image, path: fileOf(data.image.src), line: split.lines.get("image") ?? 1 }
    : undefined;

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
    bodyImages: images.map((ref) => (isExternalSource(ref.src) ? ref : { ...ref, path: fileOf(ref.src) })),
    attachments: files.attachments,
    draft: data.draft ?? false,
    aliases: data.aliases ?? [],
    body,
  };
  return { before, photos, links, after, draft, article };
}

/** Articles a reader may see at `now`: no drafts, nothing dated in the future. */
export function publishedArticles(articles: readonly Article[], now: Date, includeDrafts = false): Article[] {
  return articles.filter(
    (a) => (includeDrafts || !a.draft) && (includeDrafts || a.date.instant.getTime() <= now.getTime()),
  );
}
