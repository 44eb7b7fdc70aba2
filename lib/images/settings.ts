/**
 * What every published image is made into, in one place. Changing a value here changes the cache key,
 * so the next build re-encodes (and renames) every image once.
 */

/**
 * Candidate widths in CSS pixels × DPR. The article photo column is `100vw - 1.5rem` on phones and
 * 42rem (672 px) from 48rem up, so 720 serves both a 360 px phone at DPR 2 and a desktop at DPR 1,
 * 1440 a desktop at DPR 2, 1080 a large phone at DPR 3, 360 a small phone at DPR 1. Four widths keep
 * AVIF encoding (most of the build's image time) in check; sources are never enlarged.
 */
export const WIDTHS: readonly number[] = [360, 720, 1080, 1440];

/** `sizes` for a photo in the article column (see `.article` and `.photo` in site.css). */
export const ARTICLE_SIZES = "(min-width: 48rem) 42rem, calc(100vw - 1.5rem)";

/** `sizes` for the banner: full width up to the 75rem header. */
/**
 * Thumbnails in lists: 7rem beside the text on phones; up to half the 75rem column in the featured
 * block on wide screens (site.css `.card-photo`).
 */
export const CARD_SIZES = "(min-width: 48rem) 36rem, 7rem";
export const BANNER_SIZES = "(min-width: 75rem) 75rem, 100vw";

/**
 * Encoder settings, chosen on purpose:
 * - AVIF quality 50 looks like JPEG 75–80 on photos at a third of the bytes; effort 3 instead of sharp's
 *   default 4 because effort 4 takes 3–4× as long for about 10 % fewer bytes, and AVIF is most of the
 *   image time (`npm run bench:images` shows both).
 * - WebP quality 75 (sharp's default 80) matches AVIF's look closely enough for the browsers that lack AVIF.
 * - JPEG through mozjpeg (trellis quantisation, progressive scans): 10–15 % smaller than libjpeg at the
 *   same quality 75; it is the fallback for browsers with neither AVIF nor WebP.
 * - PNG only for sources with real transparency (palette off: photos with alpha band badly).
 */
export const ENCODERS = {
  avif: { quality: 50, effort: 3, chromaSubsampling: "4:2:0" },
  webp: { quality: 75, effort: 4 },
  jpeg: { quality: 75, mozjpeg: true },
  png: { compressionLevel: 9, effort: 7 },
  share: { quality: 82, mozjpeg: true },
} as const;

/** Open Graph share image size (Facebook/Zalo recommend 1200×630). */
export const SHARE_SIZE = { width: 1200, height: 630 } as const;

/**
 * Sources above this many pixels are refused (a 12 000 × 10 000 scan would need ~360 MB decoded);
 * phone photos (48 MP) pass.
 */
export const MAX_INPUT_PIXELS = 120_000_000;

/** Bump when the pipeline changes in a way the settings above do not show. */
export const PIPELINE_VERSION = 2;
