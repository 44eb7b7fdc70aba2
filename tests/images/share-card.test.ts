import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { cardSvg, jpegShare, shareCard, wrap } from "../../lib/images/share-card.ts";
import { projectDir } from "../../lib/build.ts";

const banner = path.join(projectDir, "assets", "images", "banner.png");
const text = { title: "Cổng thông tin điện tử huyện Phú Ninh", subtitle: "Ủy ban nhân dân huyện Phú Ninh" };

describe("wrap", () => {
  it("breaks a Vietnamese name between words, never inside one", () => {
    expect(wrap("Cổng thông tin điện tử huyện Phú Ninh", 20)).toEqual([
      "Cổng thông tin điện",
      "tử huyện Phú Ninh",
    ]);
    expect(wrap("Đảng", 2)).toEqual(["Đảng"]);
  });
});

describe("shareCard", () => {
  it("makes a 1200×630 JPEG with the banner on top and the name as text, once", async () => {
    const cache = mkdtempSync(path.join(os.tmpdir(), "share-card-"));
    const { file, hash } = await shareCard(banner, text, cache);
    expect(await sharp(file).metadata()).toMatchObject({ width: 1200, height: 630, format: "jpeg" });
    // The band is the banner (its red) and the text area below is not a blank fill: text was drawn.
    const { channels } = await sharp(file).extract({ left: 0, top: 300, width: 1200, height: 200 }).stats();
    expect(channels[0]?.stdev).toBeGreaterThan(20);
    const before = statSync(file).mtimeMs;
    const again = await shareCard(banner, text, cache);
    expect(again).toEqual({ file, hash });
    expect(statSync(file).mtimeMs).toBe(before);
    const other = await shareCard(banner, { ...text, title: "Cổng thông tin khác" }, cache);
    expect(other.hash).not.toBe(hash);
  });

  it("draws markup in the site's name as text, not as SVG", async () => {
    const hostile = { title: '</text><image href="file:///etc/passwd"/><text>', subtitle: "& < > \" '" };
    const svg = cardSvg(hostile, 1200, 450);
    const parsed = new XMLParser({ ignoreAttributes: false, preserveOrder: false }).parse(svg);
    expect(parsed.svg.g.image).toBeUndefined();
    const texts = [parsed.svg.g.text].flat().map((t: { "#text": string }) => t["#text"]);
    expect(texts.join(" ")).toBe(`${hostile.title} ${hostile.subtitle}`);
    const cache = mkdtempSync(path.join(os.tmpdir(), "share-card-"));
    const { file } = await shareCard(banner, hostile, cache);
    expect(await sharp(file).metadata()).toMatchObject({ width: 1200, height: 630 });
  });
});

describe("jpegShare", () => {
  it("states the file's real size in bytes", async () => {
    const cache = mkdtempSync(path.join(os.tmpdir(), "share-card-"));
    const { file } = await shareCard(banner, text, cache);
    expect(jpegShare(file, "/img/site/x.jpg", "alt")).toEqual({
      url: "/img/site/x.jpg",
      width: 1200,
      height: 630,
      type: "image/jpeg",
      bytes: readFileSync(file).length,
      alt: "alt",
    });
  });
});
