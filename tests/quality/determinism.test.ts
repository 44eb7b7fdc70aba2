/**
 * Gate: two builds of the same content give byte-identical output trees (so a rebuild publishes
 * only what changed, and a CDN cache is never invalidated for nothing).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectDir } from "../../lib/build.ts";
import { runBuild } from "../support/fixture.ts";
import { diffTrees } from "../support/quality/tree.ts";

async function build(output: string): Promise<void> {
  const run = await runBuild(path.join(projectDir, "content"), {}, output);
  expect(run.code, run.stderr).toBe(0);
}

describe("determinism gate", () => {
  it("names the files that differ between two trees", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-trees-"));
    const write = (file: string, body: string): void => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), body);
    };
    write("a/index.html", "same");
    write("b/index.html", "same");
    write("a/x.css", "1");
    write("b/x.css", "2");
    write("a/only-a.txt", "");
    write("b/only-b.txt", "");
    expect(diffTrees(path.join(root, "a"), path.join(root, "b"))).toEqual([
      "only-a.txt: only in the first build",
      "only-b.txt: only in the second build",
      "x.css: content differs",
    ]);
  });

  it("builds the real content twice into byte-identical trees", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-twice-"));
    await build(path.join(root, "first"));
    await build(path.join(root, "second"));
    expect(diffTrees(path.join(root, "first"), path.join(root, "second")).join("\n")).toBe("");
  });
});
