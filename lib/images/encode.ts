/**
 * The sharp work for one source: decode once, then every width × format and the share image from
 * those decoded pixels.
 *
 * Why decode to raw once: decoding a camera photo again for each of its 12+ outputs (what `clone()`
 * per output does) would double the non-AVIF time. The decode also applies the EXIF
 * orientation, converts CMYK / 16-bit / wide-gamut sources to 8-bit sRGB, and caps the size, so every
 * output inherits that. sharp writes no metadata unless asked (`keepMetadata`/`withMetadata` are never
 * called), so EXIF, GPS, XMP and ICC are all dropped.
 */
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import sharp, { type OutputInfo, type Sharp } from "sharp";
import { ENCODERS, MAX_INPUT_PIXELS, SHARE_SIZE, WIDTHS } from "./settings.ts";
import type { Pool } from "./pool.ts";
import { withPath } from "../output/disk-errors.ts";

/** What the cache remembers about an encoded source (its `manifest.json`). */
export interface EncodedImage {
  /** Size after orientation and the size cap; `widths` never exceed `width`. */
  readonly width: number;
  readonly height: number;
  readonly widths: readonly number[];
  /** The `<img>` fallback format: PNG only when the source has real transparency. */
  readonly fallback: "jpeg" | "png";
  /** Mean sRGB colour, for the placeholder. */
  readonly colour: readonly [number, number, number];
  /** Whether `share.jpg` (1200×630) is in the entry. */
  readonly share: boolean;
}

/** An output as it was written into the cache: checked against before reuse (cache.ts). */
export interface CachedFile {
  readonly size: number;
  readonly sha256: string;
}

export const FORMATS = ["avif", "webp"] as const;
export const EXTENSIONS = { avif: "avif", webp: "webp", jpeg: "jpg", png: "png" } as const;

/** The widths a source of `width` pixels gets: the standard ones it can fill, plus its own if smaller. */
export function widthsFor(width: number): number[] {
  const fitting = WIDTHS.filter((w) => w <= width);
  const largest = WIDTHS[WIDTHS.length - 1] as number;
  if (width < largest && !fitting.includes(width)) fitting.push(width);
  return fitting;
}

type Raw = { data: Buffer; info: OutputInfo };

/** Decodes `source` to capped, upright, 8-bit sRGB pixels. Throws sharp's message on bad input. */
export async function decode(source: Buffer): Promise<Raw> {
  const largest = WIDTHS[WIDTHS.length - 1] as number;
  // failOn "truncated": a cut-off upload fails loudly, while the harmless warnings some phone JPEGs
  // raise (extra bytes before a marker) do not reject a good photo.
  return sharp(source, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "truncated" })
    .rotate()
    .resize({ width: largest, withoutEnlargement: true })
    .toColourspace("srgb")
    .raw({ depth: "uchar" })
    .toBuffer({ resolveWithObject: true });
}

/**
 * Encodes what is asked of one decoded source into `entryDir`, the encodes queued on `pool` at
 * `priority`. Resolves with the manifest and the size and SHA-256 of each file written, taken from
 * the very bytes written (sharp encodes to memory, then the file is written once).
 */
export async function encodeAll(
  raw: Raw,
  entryDir: string,
  want: { pictures: boolean; share: boolean },
  pool: Pool,
  priority: number,
): Promise<{ image: EncodedImage; files: Record<string, CachedFile> }> {
  const { width, height, channels } = raw.info;
  const input = { raw: { width, height, channels } };
  const stats = await sharp(raw.data, input).stats();
  const transparent = channels === 4 && !stats.isOpaque;
  const from = (): Sharp => {
    const image = sharp(raw.data, input);
    return channels === 4 && !transparent ? image.removeAlpha() : image;
  };
  const colour = stats.channels.slice(0, 3).map((c) => Math.round(c.mean)) as [number, number, number];
  const widths = widthsFor(width);
  const fallback = transparent ? "png" : "jpeg";
  const files: Record<string, CachedFile> = {};
  const jobs: Promise<unknown>[] = [];
  const write = (name: string, encode: () => Sharp): void => {
    jobs.push(
      pool.run(priority, async () => {
        const bytes = await encode().toBuffer();
        const target = path.join(entryDir, name);
        await writeFile(target, bytes).catch((error: unknown) => {
          throw withPath(error, target);
        });
        files[name] = { size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
      }),
    );
  };
  if (want.pictures) {
    for (const w of widths) {
      for (const format of [...FORMATS, fallback] as const) {
        write(`${w}.${EXTENSIONS[format]}`, () =>
          from().resize({ width: w }).toFormat(format, ENCODERS[format]),
        );
      }
    }
  }
  if (want.share) write("share.jpg", () => shareImage(from(), width, height, colour));
  await Promise.all(jobs);
  return { image: { width, height, widths, fallback, colour, share: want.share }, files };
}

/**
 * 1200×630 JPEG: cropped to fill when the source is large enough, else fitted without enlarging on
 * its own mean colour (a 1600×240 banner becomes a band across the card rather than a blurry crop).
 */
function shareImage(
  image: Sharp,
  width: number,
  height: number,
  colour: readonly [number, number, number],
): Sharp {
  const { width: W, height: H } = SHARE_SIZE;
  const background = { r: colour[0], g: colour[1], b: colour[2] };
  const flat = image.flatten({ background: "#ffffff" });
  if (Math.max(W / width, H / height) <= 1) {
    return flat.resize(W, H, { fit: "cover", position: sharp.strategy.attention }).jpeg(ENCODERS.share);
  }
  const scale = Math.min(1, W / width, H / height);
  const w = Math.round(width * scale);
  const h = Math.round(height * scale);
  const left = Math.floor((W - w) / 2);
  const top = Math.floor((H - h) / 2);
  return flat
    .resize(w, h)
    .extend({ left, right: W - w - left, top, bottom: H - h - top, background })
    .jpeg(ENCODERS.share);
}
