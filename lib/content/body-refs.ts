/**
 * What an article body points at: its images and its links to other articles, with line numbers,
 * so `npm run check` can tell an author which line needs a photo, an alt text or a fixed link.
 */
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
