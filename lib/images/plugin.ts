/**
 * Images: the banner and every article photo resized, encoded AVIF + WebP + JPEG/PNG, stripped of
 * metadata, cached across builds, and published as `<picture>`.
 *
 * Why our own pipeline rather than @11ty/eleventy-img: its disk cache is "the output file already
 * exists", and this site builds into a fresh staging folder every time (lib/build.ts), so nothing
 * would be reused; it decodes the source again for each output; and the markup must know each
 * image's size before the (synchronous) Markdown renderer runs. sharp does all the work either way.
 */
import { writingIntoVersion } from "../output/pending-writes.ts";
import path from "node:path";
import { contentDir, outputDir, type EleventyConfig } from "../eleventy.ts";
import type { Article } from "../content/article.ts";
import { ArticleImages } from "./articles.ts";
import { pictureHtml, type PlacedImage } from "./markup.ts";
import { ImagePipeline } from "./pipeline.ts";
import { BANNER_SIZES } from "./settings.ts";
import { countStage, timeStage } from "../timing.ts";
import { readSiteConfig, type SiteConfig } from "../content/site.ts";
import { jpegShare, shareCard, type ShareImage } from "./share-card.ts";

export interface ImagesOptions {
  /** The shared pipeline; `.eleventy.ts` hands the same one's `articles` to the content plugin. */
  readonly images: SiteImages;
}

/**
 * The pipeline, the banner and the article images of one site, shared by the images and content
 * plugins; and the share images the SEO plugin describes (`article`, `site`).
 */
export class SiteImages {
  readonly pipeline: ImagePipeline;
  readonly articles: ArticleImages;
  private card: ShareImage | undefined;

  constructor(readonly options: { cacheDir: string; banner: string; concurrency?: number }) {
    this.pipeline = new ImagePipeline(options);
    this.articles = new ArticleImages(this.pipeline, options.banner);
  }

  /** Makes (or finds in the cache) the site's share card and publishes it under a hashed name. */
  async prepareCard(site: SiteConfig): Promise<void> {
    const text = { title: site.name, subtitle: site.publisher };
    const { file, hash } = await shareCard(this.options.banner, text, this.options.cacheDir);
    const url = `/img/site/anh-chia-se.${hash.slice(0, 8)}.jpg`;
    this.pipeline.publish(file, url);
    this.card = jpegShare(file, url, `${site.name} – ${site.publisher}`);
  }

  /** An article's own share image (from its photos), or undefined. */
  readonly article = (article: Article): ShareImage | undefined => this.articles.shareImage(article);

  /** The site's share card, for the home and list pages and articles without a photo. */
  readonly site = (): ShareImage | undefined => this.card;
}

export default function imagesPlugin(eleventyConfig: EleventyConfig, options: ImagesOptions): void {
  const { pipeline, articles } = options.images;
  const banner = options.images.options.banner;
  eleventyConfig.addWatchTarget(banner);
  let bannerImage: PlacedImage | undefined;

  eleventyConfig.on("eleventy.before", async () => {
    pipeline.reset();
    await pipeline.prepare([{ path: banner, share: true }]);
    const failure = pipeline.failure(banner);
    if (failure !== undefined) throw new Error(`Banner ${path.basename(banner)} không đọc được: ${failure}`);
    // Placed here, not in the filter: Eleventy may reuse a rendered layout, and the files must ship anyway.
    bannerImage = pipeline.place(banner, "/img/site/");
    await options.images.prepareCard(readSiteConfig(contentDir(eleventyConfig)));
  });

  /**
   * `{{ "alt" | bannerPicture(highPriority) | safe }}`: the banner as a `<picture>`, never lazy (it is
   * in view on every page); `highPriority` when the page has no lead photo to be its LCP.
   */
  eleventyConfig.addFilter("bannerPicture", (alt: string, highPriority: boolean) =>
    pictureHtml(bannerImage ?? pipeline.place(banner, "/img/site/"), {
      alt,
      sizes: BANNER_SIZES,
      priority: highPriority ? "high" : "eager",
    }),
  );
  /** `{{ article | cardPicture | safe }}`: the lead photo as a decorative list thumbnail, or nothing. */
  eleventyConfig.addFilter("cardPicture", (article: Article) => articles.cardPicture(article));
  /** `{{ article | leadPicture | safe }}`: the lead photo `<figure>`, or nothing. */
  eleventyConfig.addFilter("leadPicture", (article: Article) => articles.leadPicture(article));
  /** `{{ article | thumbnailUrl }}`: the lead photo's smallest WebP, for search results ("" without one). */
  eleventyConfig.addFilter("thumbnailUrl", (article: Article) => articles.thumbnailUrl(article));

  // Asynchronous: nothing after it reads the images, and Eleventy awaits every `eleventy.after`
  // listener before the build is published; meanwhile the build thread indexes the search.
  eleventyConfig.on("eleventy.after", async () => {
    const files = await timeStage("images (write)", () =>
      writingIntoVersion(pipeline.writeOutputs(outputDir(eleventyConfig))),
    );
    const { encoded, cached, ms } = pipeline.stats;
    countStage("images encoded", encoded);
    countStage("images cached", cached);
    console.log(
      `Ảnh: mã hóa ${encoded}, lấy từ bộ đệm ${cached}, xuất ${files} tệp trong ${(ms / 1000).toFixed(1)} s ` +
        `(images: ${encoded} encoded, ${cached} cached, ${files} files, ${Math.round(ms)} ms)`,
    );
  });
}
