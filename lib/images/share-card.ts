/**
 * Share images, as Open Graph, Twitter cards and feeds describe them, and the site's own share card:
 * the image of the home and list pages when a link to them is shared.
 *
 * Why a card and not the banner: the banner is 1600×240, which Facebook and Zalo crop to an
 * unreadable strip of its middle; they want 1200×630. The card puts the banner on top and the
 * portal's name under it as real text, rendered by sharp (librsvg) with the machine's fonts (Noto
 * Sans on Debian, installed by scripts/ensure-tools.sh), and is cached like every encoded image.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { escapeHtml } from "../text/html.ts";
import { ENCODERS, SHARE_SIZE } from "./settings.ts";
import { withPath } from "../output/disk-errors.ts";

/** One share image as its consumers need it: where, how big, what type, how many bytes, what it shows. */
export interface ShareImage {
  /** Site-relative URL. */
  readonly url: string;
  readonly width: number;
  readonly height: number;
  readonly type: "image/jpeg" | "image/png";
  readonly bytes: number;
  /** What the image shows, for `og:image:alt`; absent when only the site can say (the banner). */
  readonly alt?: string;
}

/** The text on the card: the portal's name, large, and a line under it. */
export interface CardText {
  readonly title: string;
  readonly subtitle: string;
}

/** Bump when the card's layout changes: it is part of the cache key. */
const CARD_VERSION = 1;
const TITLE_SIZE = 60;
const SUBTITLE_SIZE = 34;
/** Characters per title line at TITLE_SIZE in Noto Sans Bold across ~1080 px. */
const TITLE_LINE = 30;

/**
 * The card's file (JPEG, SHARE_SIZE), made once per banner and text and kept in `cacheDir`.
 * Resolves with the file and a short hash of its inputs, for a content-hashed URL.
 */
export async function shareCard(
  banner: string,
  text: CardText,
  cacheDir: string,
): Promise<{ file: string; hash: string }> {
  const source = readFileSync(banner);
  const hash = createHash("sha256")
    .update(source)
    .update(JSON.stringify({ text, SHARE_SIZE, jpeg: ENCODERS.share, CARD_VERSION }))
    .digest("hex")
    .slice(0, 16);
  const dir = path.join(cacheDir, "share-card");
  const file = path.join(dir, `${hash}.jpg`);
  if (existsSync(file)) return { file, hash };
  mkdirSync(dir, { recursive: true });
  const part = `${file}.${process.pid}.part`;
  const card = await composeCard(source, text);
  try {
    writeFileSync(part, card);
  } catch (error) {
    throw withPath(error, part);
  }
  renameSync(part, file);
  return { file, hash };
}

async function composeCard(banner: Buffer, text: CardText): Promise<Buffer> {
  const { width: W, height: H } = SHARE_SIZE;
  const band = await sharp(banner)
    .resize({ width: W, height: Math.round(H / 3), fit: "inside" })
    .png()
    .toBuffer();
  const { width: bandWidth = W, height: bandHeight = 0 } = await sharp(band).metadata();
  const { dominant } = await sharp(banner).stats();
  const background = `rgb(${dominant.r},${dominant.g},${dominant.b})`;
  const svg = cardSvg(text, W, H - bandHeight);
  return sharp({ create: { width: W, height: H, channels: 3, background } })
    .composite([
      { input: band, top: 0, left: Math.floor((W - bandWidth) / 2) },
      { input: Buffer.from(svg), top: bandHeight, left: 0 },
    ])
    .jpeg(ENCODERS.share)
    .toBuffer();
}

/** The text area of the card, `width` × `height`, as SVG: the title on up to three lines, then the subtitle. */
export function cardSvg(text: CardText, width: number, height: number): string {
  const title = wrap(text.title, TITLE_LINE).slice(0, 3);
  const step = TITLE_SIZE * 1.25;
  const block = title.length * step + SUBTITLE_SIZE * 2;
  const top = Math.max(TITLE_SIZE, (height - block) / 2 + TITLE_SIZE);
  const lines = title.map(
    (line, i) =>
      `<text x="${width / 2}" y="${top + i * step}" font-size="${TITLE_SIZE}" font-weight="700">${escapeHtml(line)}</text>`,
  );
  const subtitleY = top + (title.length - 1) * step + SUBTITLE_SIZE * 2;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`,
    `<g font-family="Noto Sans, DejaVu Sans, sans-serif" text-anchor="middle" fill="#ffffff">`,
    ...lines,
    `<text x="${width / 2}" y="${subtitleY}" font-size="${SUBTITLE_SIZE}" fill="#fff3c4">${escapeHtml(text.subtitle)}</text>`,
    "</g></svg>",
  ].join("");
}

/** Greedy word wrap to lines of at most `max` characters (a longer word stands alone). */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.trim().split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= max)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** A ShareImage for a JPEG file published at `url` with SHARE_SIZE. */
export function jpegShare(file: string, url: string, alt?: string): ShareImage {
  return {
    url,
    ...SHARE_SIZE,
    type: "image/jpeg",
    bytes: statSync(file).size,
    ...(alt ? { alt } : {}),
  };
}
