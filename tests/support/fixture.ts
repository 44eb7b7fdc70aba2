/**
 * Temporary content folders made from the seed article, and real builds of them in a child process
 * (as `npm run build` runs), so tests see exit codes, messages and the HTML a reader gets.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { projectDir } from "../../lib/build.ts";

export const SEED_SLUG =
  "huyen-uy-phu-ninh-chu-trong-cong-tac-dao-tao-boi-duong-quy-hoach-can-bo-lanh-dao-cac-cap";
export const seedDir = path.join(projectDir, "content", "articles", SEED_SLUG);
export const seedMarkdown = (): string => readFileSync(path.join(seedDir, "index.md"), "utf8");

/** A fresh content folder with the real site settings and no articles yet. */
export function makeContentDir(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-fixture-"));
  const content = path.join(root, "content");
  cpSync(path.join(projectDir, "content", "_data"), path.join(content, "_data"), { recursive: true });
  mkdirSync(path.join(content, "articles"), { recursive: true });
  return content;
}

/** Writes `content/articles/<slug>/index.md` (and copies extra files beside it). */
export function writeArticle(
  contentDir: string,
  slug: string,
  markdown: string,
  files: Record<string, string | Buffer> = {},
): string {
  const dir = path.join(contentDir, "articles", slug);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "index.md"), markdown);
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return dir;
}

/** Front matter + body from fields, for quick variants. */
export function articleMarkdown(fields: Record<string, unknown>, body = "Nội dung bài viết."): string {
  const yaml = Object.entries(fields)
    .map(
      ([key, value]) =>
        `${key}: ${typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value)}`,
    )
    .join("\n");
  return `---\n${yaml}\n---\n\n${body}\n`;
}

export interface BuildRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly output: string;
}

/** Runs `scripts/build.ts` on a content folder in a child process. */
export async function runBuild(contentDir: string, env: Record<string, string> = {}): Promise<BuildRun> {
  const output = path.join(path.dirname(contentDir), "_site");
  const tsx = path.join(projectDir, "node_modules", ".bin", "tsx");
  try {
    const { stdout, stderr } = await promisify(execFile)(
      tsx,
      ["scripts/build.ts", "--input", contentDir, "--output", output],
      {
        cwd: projectDir,
        env: { ...process.env, ...env },
      },
    );
    return { code: 0, stdout, stderr, output };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "", output };
  }
}
