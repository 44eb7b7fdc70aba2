/**
 * The image a shared link shows (Open Graph, Twitter cards, JSON-LD, feeds), with what its consumers
 * need besides the URL: Facebook shows no image to the first sharer of a page unless the width and
 * height are given, and screen readers in the apps read the alt text.
 */
import type { Article } from "../content/article.ts";
import type { SiteConfig } from "../content/site.ts";
import type { ShareImage } from "../images/share-card.ts";
import { absoluteUrl, LOGO } from "./urls.ts";

/** Where share images come from (lib/images' SiteImages). */
export interface ShareImages {
  /** The article's own share image (made from its photos), or undefined. */
  article(article: Article): ShareImage | undefined;
  /** The site's 1200×630 card, or undefined before it is made. */
  site(): ShareImage | undefined;
}

/** A share image ready for a page: absolute URL, size, type and alt text. */
export interface PageShareImage {
  readonly url: string;
  readonly width: number;
  readonly height: number;
  readonly type: string;
  readonly alt: string;
}

/**
 * The share image of a page: the article's own, else the site's card, else (no image pipeline, as
 * in some tests) the banner with its real size. Alt text falls back to the site's name.
 */
export function pageShareImage(
  article: Article | undefined,
  site: SiteConfig,
  images?: ShareImages,
): PageShareImage {
  const image = (article && images?.article(article)) ?? images?.site();
  if (!image)
    return {
      url: absoluteUrl(LOGO.path, site.url),
      width: LOGO.width,
      height: LOGO.height,
      type: "image/png",
      alt: site.name,
    };
  return {
    url: absoluteUrl(image.url, site.url),
    width: image.width,
    height: image.height,
    type: image.type,
    alt: image.alt ?? site.name,
  };
}
