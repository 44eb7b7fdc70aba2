/**
 * Decodes the photos of articles without encoding them: used when a build already fails on other
 * content errors, so the author also learns, in the same run, which photos are unreadable.
 */
import { readFileSync } from "node:fs";
import type { Article } from "../content/article.ts";
import type { Problem } from "../content/problems.ts";
import { decode } from "./encode.ts";

/** The one wording for a photo sharp cannot read, shared with the image pipeline. */
export function unreadableImageMessage(src: string, failure: string): string {
  return `ảnh "${src}" không đọc được (hỏng, bị cắt cụt hoặc không phải ảnh): ${failure}`;
}

/** One photo an article shows: where it comes from, and the front-matter field and line to blame. */
export interface ImageUse {
  readonly article: Article;
  readonly src: string;
  readonly path: string;
  readonly line: number;
  readonly field: "image.src" | "body";
}

/** Every local photo of `articles`: each lead photo, then the body photos, in order. */
export function imageUses(articles: readonly Article[]): ImageUse[] {
  return articles.flatMap((article): ImageUse[] => [
    ...(article.image
      ? [
          {
            article,
            src: article.image.src,
            path: article.image.path,
            line: article.image.line,
            field: "image.src" as const,
          },
        ]
      : []),
    ...article.bodyImages.flatMap((b) =>
      b.path ? [{ article, src: b.src, path: b.path, line: b.line, field: "body" as const }] : [],
    ),
  ]);
}

/** Every lead and body photo of `articles` that fails to decode, as problems naming the article and line. */
export async function checkArticleImages(articles: readonly Article[]): Promise<Problem[]> {
  const uses = imageUses(articles);
  const problems: Problem[] = [];
  for (const use of uses) {
    try {
      await decode(readFileSync(use.path));
    } catch (error) {
      const failure = error instanceof Error ? error.message : String(error);
      problems.push({
        file: use.article.inputPath,
        line: use.line,
        field: use.field,
        message: unreadableImageMessage(use.src, failure),
        severity: "error",
      });
    }
  }
  return problems;
}
