/**
 * Photo fixtures drawn by sharp in the test itself: the awkward files staff phones and cameras produce.
 */
import sharp, { type Sharp } from "sharp";

/** A 4:3 landscape: red left half, blue right half (so a rotation shows), `width` wide. */
export async function halves(width = 800, height = 600): Promise<Sharp> {
  const half = Math.round(width / 2);
  const red = await sharp({ create: { width: half, height, channels: 3, background: "#d00000" } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: "#0000d0" } }).composite([
    { input: red, left: 0, top: 0 },
  ]);
}

/** A JPEG whose stored pixels are landscape but whose EXIF says "rotate 90° clockwise to show" (6). */
export async function orientedJpeg(): Promise<Buffer> {
  const pixels = await (await halves()).png().toBuffer();
  return sharp(pixels).jpeg().withMetadata({ orientation: 6 }).toBuffer();
}

/** A JPEG carrying GPS coordinates and a copyright line in EXIF. */
export async function gpsJpeg(): Promise<Buffer> {
  const pixels = await (await halves()).png().toBuffer();
  return sharp(pixels)
    .jpeg()
    .withExif({
      IFD0: { Copyright: "Phòng Văn hóa", Make: "PhoneCam" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "15/1 34/1 0/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "108/1 25/1 0/1",
      },
    })
    .toBuffer();
}

export async function cmykJpeg(): Promise<Buffer> {
  const pixels = await (await halves()).png().toBuffer();
  return sharp(pixels).toColourspace("cmyk").jpeg().toBuffer();
}

export async function sixteenBitPng(): Promise<Buffer> {
  const pixels = await (await halves()).png().toBuffer();
  return sharp(pixels).toColourspace("rgb16").png().toBuffer();
}

/** A logo-like PNG: an opaque disc on a transparent background. */
export function transparentPng(width = 800, height = 600): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="#8f1d1d"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A plain photo-sized JPEG of one colour. */
export function plainJpeg(width: number, height: number, background = "#2e7d32"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();
}

/** The first half of a real JPEG: what an interrupted upload leaves. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await sharp({
    create: {
      width: 1200,
      height: 900,
      channels: 3,
      background: "#000",
      noise: { type: "gaussian", mean: 128, sigma: 40 },
    },
  })
    .jpeg()
    .toBuffer();
  return whole.subarray(0, Math.floor(whole.length / 2));
}
