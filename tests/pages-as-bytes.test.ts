import { afterEach, describe, expect, it } from "vitest";
import pagesAsBytesPlugin from "../lib/pages-as-bytes.ts";
import type { EleventyConfig } from "../lib/eleventy.ts";

/** The transform the plugin registers, taken from a minimal stand-in for Eleventy's config. */
function transform(): (content: string) => unknown {
  let registered: ((content: string) => unknown) | undefined;
  pagesAsBytesPlugin({
    addTransform: (_name: string, fn: (content: string) => unknown) => (registered = fn),
  } as unknown as EleventyConfig);
  return registered!;
}

const runMode = process.env.ELEVENTY_RUN_MODE;
afterEach(() => {
  if (runMode === undefined) delete process.env.ELEVENTY_RUN_MODE;
  else process.env.ELEVENTY_RUN_MODE = runMode;
});

describe("pagesAsBytesPlugin", () => {
  it("hands Eleventy the page as its UTF-8 bytes in a build", () => {
    process.env.ELEVENTY_RUN_MODE = "build";
    const page = "<p>Đảng ủy xã Tam Đàn – cán bộ</p>";
    const bytes = transform()(page);
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect((bytes as Buffer).equals(Buffer.from(page, "utf8"))).toBe(true);
  });

  it("leaves strings to the dev server, which may send them to the browser", () => {
    process.env.ELEVENTY_RUN_MODE = "serve";
    expect(transform()("<p>Đảng</p>")).toBe("<p>Đảng</p>");
  });
});
