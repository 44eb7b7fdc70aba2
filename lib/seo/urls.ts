/**
 * Absolute URLs from the one configured site URL.
 */
import type { Article } from "../content/article.ts";

/** Joins the site URL and a site-relative path. @example absoluteUrl("/tin-tuc/x/", "https://phuninh.gov.vn") */
export function absoluteUrl(pathOrUrl: string, siteUrl: string): string {
  return new URL(pathOrUrl, siteUrl.endsWith("/") ? siteUrl : `${siteUrl}/`).href;
}

/** The site's logo and default share image: the banner (1600×240). */
export const LOGO = { path: "/assets/images/banner.png", width: 1600, height: 240 };

/**
 * The absolute URL of an article's lead photo, or undefined.
 * Why one function: the images module will swap in its share-sized rendition here.
 */
export function articleImageUrl(article: Article, siteUrl: string): string | undefined {
  return article.image ? absoluteUrl(`${article.url}${article.image.src}`, siteUrl) : undefined;
}
