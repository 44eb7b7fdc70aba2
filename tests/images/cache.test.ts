/**
 * The image cache under damage (real sharp, real files): a truncated, missing or altered output, or a
 * manifest that is empty or malformed, is found before reuse and encoded again with a one-line notice;
 * and a published site never shares its files with the cache.
 */
import {
  readFileSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { ImagePipeline } from "../../lib/images/pipeline.ts";
import { addSeed, makeContentDir, runBuild, SEED_SLUG } from "../support/fixture.ts";
import { readerView } from "../support/reader.ts";
import { plainJpeg } from "./photos.ts";

const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-image-cache-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

let sources = 0;
/** A fresh source and cache, encoded once; returns what later runs need. */
async function encodedOnce() {
  const cacheDir = path.join(root, `cache-${++sources}`);
  const file = path.join(root, `anh-${sources}.jpg`);
  writeFileSync(file, await plainJpeg(800, 600, "#2a6f4e"));
  const run = async () => {
    const pipeline = new ImagePipeline({ cacheDir });
    await pipeline.prepare([{ path: file, share: true }]);
    return pipeline;
  };
  const first = await run();
  const key = first.get(file)?.key as string;
  const entry = first.cache.entryDir(key);
  const bytes = Object.fromEntries(
    readdirSync(entry).map((name) => [name, readFileSync(path.join(entry, name))]),
  );
  return { run, file, entry, bytes };
}

/** A source encoded once, then prepared again from the cache and placed as an article's photo. */
async function placedAgain() {
  const { run, file, entry } = await encodedOnce();
  const pipeline = await run();
  return { pipeline, placed: pipeline.place(file, "/img/tin-tuc/bai/"), entry };
}

/** Runs the pipeline again, collecting what it printed as warnings. */
async function rerun(run: () => Promise<ImagePipeline>) {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  const pipeline = await run();
  return { pipeline, notices: warn.mock.calls.map((call) => String(call[0])) };
}

describe("a damaged image cache entry", () => {
  it("is reused when whole, without a notice", async () => {
    const { run } = await encodedOnce();
    const { pipeline, notices } = await rerun(run);
    expect(pipeline.stats).toMatchObject({ encoded: 0, cached: 1, repaired: 0 });
    expect(notices).toEqual([]);
  });

  it.each([
    [
      "a truncated output",
      (entry: string) => truncateSync(path.join(entry, "720.avif"), 100),
      /720\.avif dài 100 byte/,
    ],
    ["a missing output", (entry: string) => rmSync(path.join(entry, "360.webp")), /thiếu 360\.webp/],
    [
      "an output changed in place, same size",
      (entry: string) => {
        const file = path.join(entry, "share.jpg");
        const bytes = readFileSync(file);
        bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 0xff;
        writeFileSync(file, bytes);
      },
      /share\.jpg khác nội dung lúc ghi/,
    ],
    [
      "an empty manifest",
      (entry: string) => writeFileSync(path.join(entry, "manifest.json"), ""),
      /manifest\.json hỏng/,
    ],
    [
      "a manifest of null",
      (entry: string) => writeFileSync(path.join(entry, "manifest.json"), "null"),
      /manifest\.json hỏng/,
    ],
    [
      "a manifest cut off mid-way",
      (entry: string) => {
        const file = path.join(entry, "manifest.json");
        writeFileSync(file, readFileSync(file, "utf8").slice(0, 40));
      },
      /manifest\.json hỏng/,
    ],
  ])("(%s) is encoded again, with one notice, and comes back whole", async (_name, damage, reason) => {
    const { run, file, entry, bytes } = await encodedOnce();
    damage(entry);
    const { pipeline, notices } = await rerun(run);
    expect(pipeline.stats).toMatchObject({ encoded: 1, cached: 0, repaired: 1 });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(reason);
    expect(notices[0]).toContain(`mã hóa lại ${path.relative(process.cwd(), file)}`);
    expect(notices[0]).not.toContain("\n");
    // The encoders are deterministic: the entry is exactly what it was.
    for (const [name, content] of Object.entries(bytes)) {
      if (name === "manifest.json") continue;
      expect(readFileSync(path.join(entry, name)).equals(content), name).toBe(true);
    }
    // And trusted again on the next run.
    expect((await rerun(run)).pipeline.stats).toMatchObject({ encoded: 0, cached: 1, repaired: 0 });
  });
});

describe("one pipeline over several builds (a dev server)", () => {
  it("still finds damage done after an entry was found whole", async () => {
    const { file, entry } = await encodedOnce();
    const pipeline = new ImagePipeline({ cacheDir: path.dirname(entry) });
    const prepare = async () => {
      pipeline.reset();
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      await pipeline.prepare([{ path: file, share: true }]);
      const notices = warn.mock.calls.length;
      warn.mockRestore();
      return { ...pipeline.stats, notices };
    };
    expect(await prepare()).toMatchObject({ cached: 1, repaired: 0 });
    expect(await prepare()).toMatchObject({ cached: 1, repaired: 0 });
    // Same size, other bytes, written later: the earlier check does not vouch for it.
    const target = path.join(entry, "720.webp");
    const bytes = readFileSync(path.join(entry, "360.webp"));
    const same = Buffer.alloc(statSync(target).size, bytes);
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(target, same);
    expect(await prepare()).toMatchObject({ encoded: 1, repaired: 1, notices: 1 });
  });
});

describe("published image files", () => {
  it("are copies: damaging the cache afterwards leaves the published site as it was", async () => {
    // Regression: published images were hard links into the cache, so a truncated cache file broke
    // the site already published at the same moment.
    const { pipeline, placed, entry } = await placedAgain();
    const site = path.join(root, "site-copies");
    expect(await pipeline.writeOutputs(site)).toBeGreaterThan(3);
    const published = path.join(site, "img", "tin-tuc", "bai", `${placed.name}-720.${placed.hash}.avif`);
    const cached = path.join(entry, "720.avif");
    const before = readFileSync(published);
    expect(before.equals(readFileSync(cached))).toBe(true);
    expect(statSync(published).ino).not.toBe(statSync(cached).ino);
    truncateSync(cached, 10);
    expect(readFileSync(published).equals(before)).toBe(true);
    // A dev server's rebuild writes again over the files it wrote before, without touching the cache.
    expect(await pipeline.writeOutputs(site)).toBeGreaterThan(3);
    expect(statSync(cached).size).toBe(10);
  });
});

describe("published image files of a new site version", () => {
  it("are linked from the version readers have now when whole there, never from the cache", async () => {
    const { pipeline, placed, entry } = await placedAgain();
    const versions = path.join(root, "versions");
    const previous = path.join(versions, "1000-1");
    expect(await pipeline.writeOutputs(previous)).toBeGreaterThan(3);
    const name = (width: number, ext: string) =>
      path.join("img", "tin-tuc", "bai", `${placed.name}-${width}.${placed.hash}.${ext}`);
    // A damaged file in the previous version is not carried on: it is copied again from the cache.
    truncateSync(path.join(previous, name(360, "jpg")), 10);
    const staging = path.join(versions, "2000-1.building");
    expect(await pipeline.writeOutputs(staging)).toBeGreaterThan(3);
    const whole = name(720, "avif");
    expect(statSync(path.join(staging, whole)).ino).toBe(statSync(path.join(previous, whole)).ino);
    expect(statSync(path.join(staging, whole)).ino).not.toBe(statSync(path.join(entry, "720.avif")).ino);
    const mended = path.join(staging, name(360, "jpg"));
    expect(statSync(mended).ino).not.toBe(statSync(path.join(previous, name(360, "jpg"))).ino);
    expect(readFileSync(mended).equals(readFileSync(path.join(entry, "360.jpg")))).toBe(true);
  });
});

describe("a real build over a damaged cache", () => {
  it("re-encodes the damaged photo, says so in one line, exits 0 and publishes whole images", async () => {
    const content = makeContentDir();
    addSeed(content);
    const env = { IMAGE_CACHE_DIR: path.join(root, "build-cache") };
    const first = await runBuild(content, env);
    expect(first.code, first.stderr).toBe(0);
    // Damage every entry: one truncated file each, and one manifest emptied.
    const entries = readdirSync(env.IMAGE_CACHE_DIR)
      .filter((name) => /^[0-9a-f]{16}-[0-9a-f]{8}$/.test(name))
      .map((key) => path.join(env.IMAGE_CACHE_DIR, key));
    for (const entry of entries) truncateSync(path.join(entry, "360.jpg"), 50);
    writeFileSync(path.join(entries[0] as string, "manifest.json"), "");
    const run = await runBuild(content, env);
    expect(run.code, run.stderr).toBe(0);
    const notices = run.stderr.split("\n").filter((line) => line.startsWith("Bộ đệm ảnh hỏng"));
    expect(notices).toHaveLength(entries.length);
    expect(run.counts["images encoded"]).toBe(entries.length);
    const view = readerView(run.output);
    expect(view.missing).toEqual([]);
    const published = readdirSync(path.join(run.output, "img", "tin-tuc", SEED_SLUG));
    for (const name of published.filter((n) => n.includes("-360."))) {
      expect(statSync(path.join(run.output, "img", "tin-tuc", SEED_SLUG, name)).size).toBeGreaterThan(1000);
    }
  });
});
