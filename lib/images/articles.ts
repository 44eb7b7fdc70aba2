/**
 * The images of articles: which sources each page needs, the problems they have, and their markup.
 *
 * Loading priority, decided for the article page: the banner is always in view and comes first in the
 * HTML, so it is never lazy; the lead photo is the largest image near the top (on a 360 px phone it
 * is ~4× the banner's area), so it is the likely LCP element and alone gets `fetchpriority="high"`.
 * Pages without a lead photo give that hint to the banner. Body images are below the fold: lazy.
 */
import path from "node:path";
import type { Article } from "../content/article.ts";
import type { ContentImages } from "../content/plugin.ts";
import type { MarkdownEnv } from "../content/markdown.ts";
import { plainImage } from "../content/markdown.ts";
import type { Problem } from "../content/problems.ts";
import { isExternalSource } from "../content/file-refs.ts";
import { escapeHtml } from "../text/html.ts";
import { decodeSource } from "./references.ts";
import { imageUses, unreadableImageMessage } from "./check.ts";
import { outputUrl, pictureHtml, type PlacedImage } from "./markup.ts";
import type { ImagePipeline } from "./pipeline.ts";
import { ARTICLE_SIZES, CARD_SIZES, WIDTHS } from "./settings.ts";
import { jpegShare, type ShareImage } from "./share-card.ts";

/** The file name of every article's share image, under the article's URL. */
const SHARE_FILE = "anh-chia-se.jpg";

/** The share image's URL for an article: stable, so scrapers' caches stay valid. */
export function shareImageUrl(article: { url: string }): string {
  return `${article.url}${SHARE_FILE}`;
}

/**
 * Where an article's encoded photos are published: `/img/tin-tuc/<slug>/`. Why one folder for all
 * image outputs: their names are content-hashed, so one `/img/*` rule can cache them for a year,
 * while the article's HTML beside them must always be revalidated.
 */
function imageBaseUrl(article: { url: string }): string {
  return `/img${article.url}`;
}

/** Where the share image of an article comes from: lead photo, else first local body image, else banner. */
function shareSource(article: Article, banner: string): string {
  return article.image?.path ?? article.bodyImages.find((image) => image.path)?.path ?? banner;
}

export class ArticleImages implements ContentImages {
  private placed = new Map<string, PlacedImage>();

  constructor(
    private readonly pipeline: ImagePipeline,
    private readonly banner: string,
  ) {}

  async prepareArticles(articles: readonly Article[]): Promise<Problem[]> {
    this.placed.clear();
    const uses = imageUses(articles);
    const shares = articles.map((article) => ({ path: shareSource(article, this.banner), share: true }));
    await this.pipeline.prepare([...uses.map((u) => ({ path: u.path, share: false })), ...shares]);

    const problems: Problem[] = [];
    for (const use of uses) {
      const problem = (message: string, severity: Problem["severity"]): void => {
        problems.push({ file: use.article.inputPath, line: use.line, field: use.field, message, severity });
      };
      const failure = this.pipeline.failure(use.path);
      if (failure !== undefined) {
        problem(unreadableImageMessage(use.src, failure), "error");
        continue;
      }
      const placed = this.pipeline.place(use.path, imageBaseUrl(use.article));
      this.placed.set(`${use.article.url}\n${use.src}`, placed);
      if (placed.manifest.width < (WIDTHS[0] as number)) {
        problem(
          `ảnh "${use.src}" chỉ rộng ${placed.manifest.width} px, nhỏ hơn ${WIDTHS[0]} px: sẽ mờ trên điện thoại`,
          "warning",
        );
      }
    }
    // An article without a photo shares the site's card (lib/images/share-card.ts): no file of its own.
    for (const article of articles) {
      const source = shareSource(article, this.banner);
      if (source !== this.banner && this.pipeline.failure(source) === undefined)
        this.pipeline.placeShare(source, shareImageUrl(article));
    }
    return problems;
  }

  /** Content keys of the photos the article's pages show or share (lead, body, share source), once prepared. */
  imageKeys(article: Article): readonly string[] {
    const sources = [
      article.image?.path,
      ...article.bodyImages.map((image) => image.path),
      shareSource(article, this.banner),
    ];
    return sources.map((source) => (source && this.pipeline.get(source)?.key) ?? "");
  }

  /**
   * The share image of an article, once prepared: the 1200×630 JPEG made from its lead photo (else its
   * first photo), with its real size in bytes and its photo's alt text. Undefined for an article with
   * no photo (the site's card stands in) or one this build did not prepare.
   */
  shareImage(article: Article): ShareImage | undefined {
    const source = shareSource(article, this.banner);
    const prepared = this.pipeline.get(source);
    if (source === this.banner || !prepared?.manifest.share) return undefined;
    const alt = article.image?.alt ?? article.bodyImages.find((image) => image.path === source)?.alt;
    return jpegShare(
      path.join(this.pipeline.cache.entryDir(prepared.key), "share.jpg"),
      shareImageUrl(article),
      alt,
    );
  }

  /** Body images: lazy `<picture>`s in the article column; external sources stay plain `<img>`. */
  readonly renderImage = (image: { src: string; alt: string; title: string }, env: MarkdownEnv): string => {
    const src = decodeSource(image.src);
    if (isExternalSource(src)) return plainImage(image, env);
    const placed = this.placed.get(`${env.article?.url}\n${src}`);
    if (!placed) throw new Error(`Ảnh "${src}" chưa được xử lý (image not prepared) in ${env.article?.url}`);
    return pictureHtml(placed, { alt: image.alt, sizes: ARTICLE_SIZES, priority: "lazy" });
  };

  /** The lead photo as a `<figure>`, the page's LCP candidate; empty when the article has none. */
  /** The smallest WebP rendition of the lead photo (search results' thumbnail), or "". */
  thumbnailUrl(article: Article): string {
    if (!article.image) return "";
    const placed = this.placed.get(`${article.url}\n${article.image.src}`);
    if (!placed)
      throw new Error(`Ảnh "${article.image.src}" chưa được xử lý (image not prepared) in ${article.url}`);
    return outputUrl(placed, placed.manifest.widths[0] as number, "webp");
  }

  /** A list thumbnail: decorative (the card's title names the article), lazy, from the lead photo. */
  cardPicture(article: Article): string {
    if (!article.image) return "";
    const placed = this.placed.get(`${article.url}\n${article.image.src}`);
    if (!placed)
      throw new Error(`Ảnh "${article.image.src}" chưa được xử lý (image not prepared) in ${article.url}`);
    return pictureHtml(placed, { alt: "", sizes: CARD_SIZES, priority: "lazy" });
  }

  leadPicture(article: Article): string {
    if (!article.image) return "";
    const placed = this.placed.get(`${article.url}\n${article.image.src}`);
    if (!placed)
      throw new Error(`Ảnh "${article.image.src}" chưa được xử lý (image not prepared) in ${article.url}`);
    const caption = article.image.caption
      ? `<figcaption>${escapeHtml(article.image.caption)}</figcaption>`
      : "";
    return `<figure class="photo lead-photo">${pictureHtml(placed, { alt: article.image.alt, sizes: ARTICLE_SIZES, priority: "high" })}${caption}</figure>`;
  }
}
