/**
 * What an article body points at: its images (as lib/images/references.ts lists them) and its links
 * to other articles, with line numbers, so the build and `npm run check` can tell an author which line
 * needs an alt text or a fixed link.
 */
import type { BodyImage } from "./article.ts";
import { inspectBody, type BodyHref } from "./html-policy.ts";
import type { Problem } from "./problems.ts";
import { articleSlugOf } from "./url-scheme.ts";

/**
 * The alt text the importer writes for a photo it could not see. It counts as missing: a person
 * must describe the photo before the article is published.
 */
export const PLACEHOLDER_ALT = "CẦN BỔ SUNG MÔ TẢ ẢNH";

export interface BodyLink {
  readonly line: number;
  /** The article slug in a `/tin-tuc/<slug>/` link. */
  readonly slug: string;
  readonly href: string;
}

/**
 * Links from a body to article pages: `/tin-tuc/<slug>/…`, relative to the article or with the site's
 * own address. Addresses are resolved as a browser resolves them from the article's page.
 * @example bodyLinks("[x](/tin-tuc/abc/)", "https://phuninh.gov.vn")[0].slug === "abc"
 */
export function bodyLinks(
  body: string | readonly BodyHref[],
  siteUrl: string,
  articlePath = "/",
): BodyLink[] {
  const hrefs = typeof body === "string" ? inspectBody(body).hrefs : body;
  // A malformed site address is reported by the site settings' own check; links are still resolved.
  const site = URL.canParse(siteUrl) ? new URL(siteUrl) : new URL("https://site.invalid/");
  const base = new URL(articlePath, site);
  const links: BodyLink[] = [];
  for (const { line, href } of hrefs) {
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      continue;
    }
    // The site's own host over http or https: an old `http://` link to an article is still ours.
    const ours = url.host === site.host && (url.protocol === "https:" || url.protocol === "http:");
    const slug = ours ? articleSlugOf(url.pathname) : undefined;
    if (slug !== undefined) links.push({ line, href, slug: safeDecodeComponent(slug) });
  }
  return links;
}

/** What a body's references are checked against. */
export interface BodyContext {
  /** Absolute folder of the article: its photos live there. */
  readonly dir: string;
  readonly siteUrl: string;
  /** Slugs of every article of the site. */
  readonly slugs: ReadonlySet<string>;
}

/**
 * Body photos without an alt text, and links to articles that do not exist, each on the line it was
 * given with and with a Vietnamese message. Photo files are checked by lib/content/inventory.ts.
 */
export function bodyReferenceProblems(
  images: readonly BodyImage[],
  links: readonly BodyLink[],
  slugs: ReadonlySet<string>,
): { line: number; message: string }[] {
  const found: { line: number; message: string }[] = [];
  for (const image of images) {
    const alt = image.alt.trim();
    if (alt === "")
      found.push({ line: image.line, message: `ảnh "${image.src}" thiếu mô tả (alt): hãy tả nội dung ảnh` });
    else if (alt === PLACEHOLDER_ALT) {
      found.push({
        line: image.line,
        message: `ảnh "${image.src}" chưa có mô tả: thay "${PLACEHOLDER_ALT}" bằng mô tả nội dung ảnh`,
      });
    }
  }
  for (const link of links) {
    if (!slugs.has(link.slug))
      found.push({ line: link.line, message: `liên kết ${link.href} trỏ tới bài viết không tồn tại` });
  }
  return found.sort((a, b) => a.line - b.line);
}

function safeDecodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** One article file's links to article pages, known even when the file has other errors. */
export interface LinkSource {
  /** Project-relative path of the Markdown file. */
  readonly file: string;
  readonly slug: string;
  readonly draft: boolean;
  /** With their lines in the Markdown file. */
  readonly links: readonly BodyLink[];
}

/**
 * Links from published articles to drafts: a draft is not on the site, so the link would lead
 * nowhere. Runs once every file is read, as only then is it known which articles are drafts.
 */
export function draftLinkProblems(sources: readonly LinkSource[]): Problem[] {
  const drafts = new Set(sources.filter((s) => s.draft).map((s) => s.slug));
  if (drafts.size === 0) return [];
  return sources
    .filter((source) => !source.draft)
    .flatMap((source) =>
      source.links
        .filter((link) => drafts.has(link.slug))
        .map((link) => ({
          file: source.file,
          line: link.line,
          field: "body",
          message: `liên kết ${link.href} trỏ tới bài viết nháp (draft: true), chưa đăng trên trang: hãy bỏ liên kết hoặc đăng bài đó trước`,
          severity: "error" as const,
        })),
    );
}
