/**
 * The thumbnail shown beside a search result.
 */
import type { Article } from "../content/article.ts";

/**
 * URL of the image a search result shows for `article`, or "" when it has no lead photo.
 * Why one function: for now it is the lead photo as published beside the article; when responsive
 * images land, only this line changes to point at a small rendition.
 */
export function searchThumbnail(article: Article): string {
  return article.image ? `${article.url}${article.image.src}` : "";
}
