/**
 * Kept pages are linked from the previous version on a worker thread (lib/rebuild/link-pages.ts):
 * the new version holds the same files (same inode, nothing copied or rewritten), every folder is
 * made, and a failure reaches the build with its code and file instead of being lost in the thread.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PageLinks } from "../../lib/rebuild/link-pages.ts";

const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-links-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A previous version holding `files`, each with its own text, and an empty new one. */
function versions(name: string, files: readonly string[]): { previous: string; output: string } {
  const previous = path.join(root, name, "previous");
  const output = path.join(root, name, "output");
  for (const file of files) {
    mkdirSync(path.dirname(path.join(previous, file)), { recursive: true });
    writeFileSync(path.join(previous, file), `<h1>${file}</h1>`);
  }
  mkdirSync(output, { recursive: true });
  return { previous, output };
}

describe("linking kept pages on a worker thread", () => {
  it("links every file into its folder in the new version, the same file as before", async () => {
    const files = [
      "index.html",
      "tin-tuc/index.html",
      "tin-tuc/bai-mot/index.html",
      "the/hoa-giai/trang/2/index.html",
    ];
    const { previous, output } = versions("whole", files);
    expect(await PageLinks.start(previous, output, files).finish()).toBe(files.length);
    for (const file of files) {
      expect(readFileSync(path.join(output, file), "utf8")).toBe(`<h1>${file}</h1>`);
      expect(statSync(path.join(output, file)).ino).toBe(statSync(path.join(previous, file)).ino);
    }
  });

  it("fails with the missing file's code and path when a kept page is gone", async () => {
    const { previous, output } = versions("missing", ["a/index.html"]);
    const links = PageLinks.start(previous, output, ["a/index.html", "b/index.html"]);
    await expect(links.finish()).rejects.toThrow(
      expect.objectContaining({ code: "ENOENT", syscall: "link" }),
    );
  });

  it("never writes over a file the new version already holds", async () => {
    const { previous, output } = versions("taken", ["c/index.html"]);
    mkdirSync(path.join(output, "c"));
    writeFileSync(path.join(output, "c/index.html"), "rendered by this build");
    const links = PageLinks.start(previous, output, ["c/index.html"]);
    await expect(links.finish()).rejects.toThrow(expect.objectContaining({ code: "EEXIST" }));
    expect(readFileSync(path.join(output, "c/index.html"), "utf8")).toBe("rendered by this build");
  });
});
