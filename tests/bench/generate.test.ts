import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectDir } from "../../lib/build.ts";
import { loadArticles } from "../../lib/content/load.ts";
import { generateSite } from "../../scripts/bench/generate.ts";

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

async function generate(seed: number): Promise<{ content: string; files: Map<string, Buffer> }> {
  const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-bench-test-"));
  roots.push(root);
  const content = path.join(root, "content");
  await generateSite({
    sourceDir: path.join(projectDir, "content"),
    targetDir: content,
    count: 40,
    seed,
    photoShare: 0.3,
  });
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(content, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files.set(path.relative(content, file), readFileSync(file));
    }
  }
  return { content, files };
}

describe("the benchmark's article generator", () => {
  it("writes the same files, byte for byte, for the same seed", async () => {
    const [first, second] = [await generate(7), await generate(7)];
    expect([...second.files.keys()]).toEqual([...first.files.keys()]);
    for (const [name, body] of first.files) expect(second.files.get(name)?.equals(body), name).toBe(true);
  });

  it("writes different articles for another seed", async () => {
    const [first, other] = [await generate(7), await generate(8)];
    expect([...other.files.keys()]).not.toEqual([...first.files.keys()]);
  });

  it("writes articles the real content loader accepts, some with a lead photo", async () => {
    const { content } = await generate(7);
    const { articles, problems } = loadArticles(content);
    expect(problems).toEqual([]);
    expect(articles).toHaveLength(40);
    expect(articles.filter((a) => a.image).length).toBeGreaterThan(0);
    expect(new Set(articles.map((a) => a.category.slug)).size).toBeGreaterThan(1);
    const words = articles[0]?.body.split(/\s+/).length ?? 0;
    expect(words).toBeGreaterThan(700);
  });
});
