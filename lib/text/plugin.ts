/**
 * Registers the Vietnamese text filters for templates.
 */
import type { EleventyConfig } from "../eleventy.ts";
import { formatVietnameseDate, toVietnamISO, type PortalDate } from "./date.ts";
import { slugify } from "./slug.ts";
import { excerpt } from "./excerpt.ts";

export default function textPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("vnDate", (date: PortalDate) => formatVietnameseDate(date));
  eleventyConfig.addFilter("isoDate", (date: PortalDate | Date) =>
    toVietnamISO(date instanceof Date ? date : date.instant),
  );
  // Replaces Eleventy's own `slug`/`slugify`, which turn "đ" into "dj".
  eleventyConfig.addFilter("slug", slugify);
  eleventyConfig.addFilter("slugify", slugify);
  eleventyConfig.addFilter("excerpt", (text: string, max?: number) => excerpt(text, max));
}
