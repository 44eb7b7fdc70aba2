import { foldDiacritics } from "./fold.ts";

/**
 * A URL slug from Vietnamese text: đ → d, marks dropped, lower case, words joined by hyphens.
 *
 * Why not Eleventy's `slug` filter: its transliteration turns `đ` into `dj`.
 * @example slugify("Đảng bộ huyện Phú Ninh") === "dang-bo-huyen-phu-ninh"
 */
export function slugify(text: string): string {
  return foldDiacritics(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
