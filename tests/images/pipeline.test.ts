import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { ImagePipeline } from "../../lib/images/pipeline.ts";
import { cmykJpeg, gpsJpeg, orientedJpeg, plainJpeg, sixteenBitPng, transparentPng } from "./photos.ts";

const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-images-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Encodes one source in a fresh cache; returns the manifest and the entry's files. */
async function encode(name: string, body: Buffer, cacheDir = path.join(root, `cache-${name}`)) {
  const file = path.join(root, name);
  writeFileSync(file, body);
  const pipeline = new ImagePipeline({ cacheDir });
  await pipeline.prepare([{ path: file, share: true }]);
  const prepared = pipeline.get(file);
  if (!prepared) throw new Error(pipeline.failure(file));
  const entry = pipeline.cache.entryDir(prepared.key);
  const outputs = readdirSync(entry).filter((f) => !f.endsWith(".json"));
  return { pipeline, file, manifest: prepared.manifest, entry, outputs };
}

describe("the image pipeline (real sharp)", () => {
  it("turns an EXIF-orientation-6 JPEG upright, with width and height swapped", async () => {
    const { manifest, entry } = await encode("oriented.jpg", await orientedJpeg());
    expect([manifest.width, manifest.height]).toEqual([600, 800]);
    const out = sharp(path.join(entry, "360.jpg"));
    expect(await out.metadata()).toMatchObject({ width: 360, height: 480 });
    // The stored left (red) half is the displayed top once rotated 90° clockwise.
    const { data } = await out
      .clone()
      .extract({ left: 180, top: 60, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(150);
    expect(data[2]).toBeLessThan(80);
    const { data: bottom } = await out
      .clone()
      .extract({ left: 180, top: 420, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(bottom[2]).toBeGreaterThan(150);
  });

  it("converts a CMYK JPEG to 8-bit sRGB in every output", async () => {
    expect((await sharp(await cmykJpeg()).metadata()).space).toBe("cmyk");
    const { entry, outputs } = await encode("cmyk.jpg", await cmykJpeg());
    for (const output of outputs) {
      const meta = await sharp(path.join(entry, output)).metadata();
      expect(meta.space, output).toBe("srgb");
      expect(meta.channels, output).toBe(3);
    }
  });

  it("converts a 16-bit PNG to 8 bits with a JPEG fallback", async () => {
    const { manifest, entry } = await encode("deep.png", await sixteenBitPng());
    expect(manifest.fallback).toBe("jpeg");
    expect((await sharp(path.join(entry, "720.jpg")).metadata()).depth).toBe("uchar");
  });

  it("publishes no EXIF, GPS, XMP or ICC data from a phone photo", async () => {
    const source = await gpsJpeg();
    expect((await sharp(source).metadata()).exif).toBeDefined();
    const { entry, outputs } = await encode("gps.jpg", source);
    expect(outputs).toContain("share.jpg");
    expect(outputs.length).toBeGreaterThanOrEqual(3 * 3 + 1);
    for (const output of outputs) {
      const meta = await sharp(path.join(entry, output)).metadata();
      expect(meta.exif, output).toBeUndefined();
      expect(meta.xmp, output).toBeUndefined();
      expect(meta.icc, output).toBeUndefined();
      expect(readFileSync(path.join(entry, output)).includes("Phòng Văn hóa"), output).toBe(false);
    }
  });

  it("keeps the alpha channel of a transparent PNG and falls back to PNG, not JPEG", async () => {
    const { manifest, entry, outputs } = await encode("logo.png", await transparentPng());
    expect(manifest.fallback).toBe("png");
    expect(outputs).toContain("720.png");
    expect(outputs).not.toContain("720.jpg");
    for (const output of ["720.png", "720.webp", "720.avif"]) {
      expect((await sharp(path.join(entry, output)).metadata()).hasAlpha, output).toBe(true);
    }
  });

  it("never enlarges: a 500 px photo gets 360 and 500, a huge one stops at 1440", async () => {
    expect((await encode("small.jpg", await plainJpeg(500, 375))).manifest.widths).toEqual([360, 500]);
    const big = await encode("big.jpg", await plainJpeg(6000, 4000));
    expect(big.manifest.widths).toEqual([360, 720, 1080, 1440]);
    expect([big.manifest.width, big.manifest.height]).toEqual([1440, 960]);
  });

  it("makes a 1200×630 JPEG share image, fitting a small banner on its own colour", async () => {
    for (const [name, body] of [
      ["photo.jpg", await plainJpeg(2000, 1500)],
      ["band.jpg", await plainJpeg(1600, 240)],
    ] as const) {
      const { entry } = await encode(name, body);
      expect(await sharp(path.join(entry, "share.jpg")).metadata()).toMatchObject({
        width: 1200,
        height: 630,
        format: "jpeg",
      });
    }
  });

  it("encodes nothing the second time, and only the changed photo after an edit", async () => {
    const cacheDir = path.join(root, "shared-cache");
    const a = path.join(root, "a.jpg");
    const b = path.join(root, "b.jpg");
    writeFileSync(a, await plainJpeg(800, 600, "#123456"));
    writeFileSync(b, await plainJpeg(800, 600, "#654321"));
    const run = async () => {
      const pipeline = new ImagePipeline({ cacheDir });
      await pipeline.prepare([
        { path: a, share: false },
        { path: b, share: true },
      ]);
      return pipeline.stats;
    };
    expect(await run()).toMatchObject({ encoded: 2, cached: 0 });
    expect(await run()).toMatchObject({ encoded: 0, cached: 2 });
    writeFileSync(b, await plainJpeg(800, 600, "#abcdef"));
    expect(await run()).toMatchObject({ encoded: 1, cached: 1 });
  });

  it("encodes a photo that several articles hold (same bytes, other files) once per build", async () => {
    const bytes = await plainJpeg(800, 600, "#2a7f62");
    const files = ["mot", "hai", "ba"].map((name) => path.join(root, `${name}-copy.jpg`));
    for (const file of files) writeFileSync(file, bytes);
    const pipeline = new ImagePipeline({ cacheDir: path.join(root, "copies-cache") });
    await pipeline.prepare(files.map((file) => ({ path: file, share: true })));
    expect(pipeline.stats).toMatchObject({ encoded: 1, cached: 2, repaired: 0 });
    const keys = new Set(files.map((file) => pipeline.get(file)?.key));
    expect(keys.size).toBe(1);
    const entry = pipeline.cache.entryDir([...keys][0] as string);
    expect(readdirSync(entry)).toContain("share.jpg");
    expect(readdirSync(entry).filter((name) => name.endsWith(".part"))).toEqual([]);
  });

  it("reports a file that is not an image instead of throwing", async () => {
    const file = path.join(root, "note.jpg");
    writeFileSync(file, "đây không phải ảnh");
    const pipeline = new ImagePipeline({ cacheDir: path.join(root, "bad-cache") });
    await pipeline.prepare([{ path: file, share: false }]);
    expect(pipeline.get(file)).toBeUndefined();
    expect(pipeline.failure(file)).toMatch(/unsupported image format|Input/i);
  });
});
