/**
 * What an article body points at: its images and its links to other articles, with line numbers,
 * so the build and `npm run check` can tell an author which line needs a photo, an alt text or a
 * fixed link.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { lineLocator } from "./html-policy.ts";

/**
 * The alt text the importer writes for a photo it could not see. It counts as missing: a person
 * must describe the photo before the article is published.
 */
export const PLACEHOLDER_ALT = "CẦN BỔ SUNG MÔ TẢ ẢNH";

export interface BodyImage {
  readonly line: number;
  readonly src: string;
  /** Undefined for an `<img>` without an alt attribute. */
  readonly alt: string | undefined;
}

export interface BodyLink {
  readonly line: number;
  /** The article slug in a `/tin-tuc/<slug>/` link. */
  readonly slug: string;
  readonly href: string;
}

const MARKDOWN_IMAGE = /!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const HTML_IMAGE = /<img\b[^>]*>/gi;
const attribute = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag)?.slice(1).find((v) => v !== undefined);

/** Every image of a body, Markdown or HTML. */
export function bodyImages(body: string): BodyImage[] {
  const lineOf = lineLocator(body);
  const images: BodyImage[] = [];
  for (const m of body.matchAll(MARKDOWN_IMAGE)) images.push({ line: lineOf(m.index), alt: m[1] ?? "", src: m[2] ?? "" });
  for (const m of body.matchAll(HTML_IMAGE)) {
    images.push({ line: lineOf(m.index), alt: attribute(m[0], "alt"), src: attribute(m[0], "src") ?? "" });
  }
  return images.sort((a, b) => a.line - b.line);
}

/** True for an image path that names a file in the article's own folder. */
export function isLocalImage(src: string): boolean {
  return !/^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(src);
}

/**
 * Links from a body to article pages: `/tin-tuc/<slug>/`, also written with the site's own address.
 * @example bodyLinks("[x](/tin-tuc/abc/)", "https://phuninh.gov.vn")[0].slug === "abc"
 */
export function bodyLinks(body: string, siteUrl: string): BodyLink[] {
  const lineOf = lineLocator(body);
  const host = siteUrl.replace(/\/+$/, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`(?:\\]\\(\\s*<?|href\\s*=\\s*["']?)(?:${host})?(/tin-tuc/([^/\\s)"'#?>]*)[^\\s)"'>]*)`, "gi");
  return [...body.matchAll(pattern)].map((m) => ({ line: lineOf(m.index), href: m[1] ?? "", slug: decodeURIComponent(m[2] ?? "") }));
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
 * Body photos without a file or an alt text, and links to articles that do not exist; each with its
 * 1-based line in the body and a Vietnamese message.
 */
export function bodyReferenceProblems(body: string, context: BodyContext): { line: number; message: string }[] {
  const found: { line: number; message: string }[] = [];
  for (const image of bodyImages(body)) {
    const alt = image.alt?.trim() ?? "";
    if (alt === "") found.push({ line: image.line, message: `ảnh ${image.src} thiếu mô tả (alt): hãy tả nội dung ảnh` });
    else if (alt === PLACEHOLDER_ALT) {
      found.push({ line: image.line, message: `ảnh ${image.src} chưa có mô tả: thay "${PLACEHOLDER_ALT}" bằng mô tả nội dung ảnh` });
    }
    if (isLocalImage(image.src) && !existsSync(path.join(context.dir, safeDecode(image.src)))) {
      found.push({ line: image.line, message: `không tìm thấy tệp ảnh ${image.src} trong thư mục bài viết` });
    }
  }
  for (const link of bodyLinks(body, context.siteUrl)) {
    if (!context.slugs.has(link.slug)) found.push({ line: link.line, message: `liên kết ${link.href} trỏ tới bài viết không tồn tại` });
  }
  return found.sort((a, b) => a.line - b.line);
}

function safeDecode(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}
