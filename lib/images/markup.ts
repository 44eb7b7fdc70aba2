/**
 * The `<picture>` markup for an encoded image. Pure: data in, HTML out.
 */
import { escapeHtml } from "../text/html.ts";
import { EXTENSIONS, FORMATS, type EncodedImage } from "./encode.ts";
import { placeholderClass } from "./placeholder.ts";

/** An encoded image published under `baseUrl` as `<name>-<width>.<hash>.<ext>`. */
export interface PlacedImage {
  readonly manifest: EncodedImage;
  readonly baseUrl: string;
  readonly name: string;
  readonly hash: string;
}

export interface PictureOptions {
  readonly alt: string;
  readonly sizes: string;
  /**
   * `high`: the page's likely LCP image (eager, `fetchpriority="high"`); `eager`: in view but not the
   * LCP; `lazy`: below the fold (`loading="lazy" decoding="async"`).
   */
  readonly priority: "high" | "eager" | "lazy";
}

const MIME = { avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg", png: "image/png" } as const;

/** The URL of one output. */
export function outputUrl(image: PlacedImage, width: number, format: keyof typeof EXTENSIONS): string {
  return `${image.baseUrl}${image.name}-${width}.${image.hash}.${EXTENSIONS[format]}`;
}

/** `<picture>` with AVIF and WebP sources and a JPEG/PNG `<img>`, sized to prevent layout shift. */
export function pictureHtml(image: PlacedImage, options: PictureOptions): string {
  const { manifest } = image;
  const srcset = (format: keyof typeof EXTENSIONS): string =>
    manifest.widths.map((w) => `${outputUrl(image, w, format)} ${w}w`).join(", ");
  const sizes = escapeHtml(options.sizes);
  const sources = FORMATS.map(
    (format) => `<source type="${MIME[format]}" srcset="${srcset(format)}" sizes="${sizes}">`,
  ).join("");
  // Browsers without srcset (none in use, but crawlers) get a middle width, not the largest.
  const src =
    manifest.widths.find((w) => w >= 720) ?? (manifest.widths[manifest.widths.length - 1] as number);
  const loading =
    options.priority === "lazy"
      ? ' loading="lazy" decoding="async"'
      : options.priority === "high"
        ? ' fetchpriority="high"'
        : "";
  // No placeholder colour behind transparent images: it would show through once they load.
  const placeholder = manifest.fallback === "png" ? "" : ` class="${placeholderClass(manifest.colour)}"`;
  return (
    `<picture>${sources}<img src="${outputUrl(image, src, manifest.fallback)}" ` +
    `srcset="${srcset(manifest.fallback)}" sizes="${sizes}" width="${manifest.width}" height="${manifest.height}" ` +
    `alt="${escapeHtml(options.alt)}"${loading}${placeholder}></picture>`
  );
}
