/**
 * Absolute URLs from the one configured site URL.
 */
import type { Article } from "../content/article.ts";
import { shareImageUrl } from "../images/articles.ts";

/** Joins the site URL and a site-relative path. @example absoluteUrl("/tin-tuc/x/", "https://phuninh.gov.vn") */
export function absoluteUrl(pathOrUrl: string, siteUrl: string): string {
  return new URL(pathOrUrl, siteUrl.endsWith("/") ? siteUrl : `${siteUrl}/`).href;
}

/** The site's logo: the banner (1600×240); pages share the 1200×630 card made from it (lib/images). */
export const LOGO = { path: "/assets/images/banner.png", width: 1600, height: 240 };

/**
 * The absolute URL of an article's share image: a 1200×630 JPEG every article has (from its lead
 * photo, else its first photo, else the banner; lib/images). Original photos are never published,
 * since they may carry GPS coordinates.
 */
export function articleImageUrl(article: Article, siteUrl: string): string {
  return absoluteUrl(shareImageUrl(article), siteUrl);
}
