/**
 * Plain `Article` values for unit tests of pure functions (collections, feeds, JSON-LD).
 */
import type { Article } from "../../lib/content/article.ts";

/** An article with sensible Vietnamese defaults; `date` is ISO in Vietnam time. */
export function article(fields: Partial<Omit<Article, "date">> & { slug: string; date?: string }): Article {
  const { date = "2024-05-01T08:00:00+07:00", ...rest } = fields;
  return {
    url: `/tin-tuc/${fields.slug}/`,
    inputPath: `content/articles/${fields.slug}/index.md`,
    dir: `/tmp/${fields.slug}`,
    title: `Tin ${fields.slug}`,
    author: "Ngô Mỹ",
    unit: "Huyện ủy Phú Ninh",
    category: { slug: "xay-dung-dang", name: "Xây dựng Đảng" },
    tags: [],
    summary: "Tóm tắt bài viết.",
    hasOwnSummary: false,
    draft: false,
    aliases: [],
    body: "Nội dung.",
    bodyImages: [],
    attachments: [],
    ...rest,
    date: { instant: new Date(date), hasTime: true },
  };
}

/** Sorts newest first, as the loader hands articles over. */
export function newestFirst(list: Article[]): Article[] {
  return [...list].sort((a, b) => b.date.instant.getTime() - a.date.instant.getTime());
}
