/**
 * Temporary content folders made from the seed article, and real builds of them in a child process
 * (as `npm run build` runs), so tests see exit codes, messages and the HTML a reader gets.
 */
import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { projectDir } from "../../lib/build.ts";
import type { TimingReport } from "../../lib/timing.ts";

export const SEED_SLUG =
  "huyen-uy-phu-ninh-chu-trong-cong-tac-dao-tao-boi-duong-quy-hoach-can-bo-lanh-dao-cac-cap";
export const seedDir = path.join(projectDir, "content", "articles", SEED_SLUG);
export const seedMarkdown = (): string => readFileSync(path.join(seedDir, "index.md"), "utf8");

/** The seed article's files other than `index.md` (its photo), by name. */
export function seedFiles(): Record<string, Buffer> {
  return Object.fromEntries(
    readdirSync(seedDir)
      .filter((name) => name !== "index.md")
      .map((name) => [name, readFileSync(path.join(seedDir, name))]),
  );
}

/** Writes the seed article, with its photo, into `contentDir` (its text replaced by `markdown` if given). */
export function addSeed(contentDir: string, markdown = seedMarkdown()): string {
  return writeArticle(contentDir, SEED_SLUG, markdown, seedFiles());
}

/** `tests/fixtures/<name>`: the content folders (and data) the build and browser tests share. */
export const fixturePath = (name: string): string => path.join(projectDir, "tests", "fixtures", name);

/**
 * A copy of the folder `source` as `<fresh temp dir>/<name>`: a fixture's content for a test to build
 * or add to, or a built site to damage.
 */
export function copyToTemp(source: string, name = "content"): string {
  const copy = path.join(mkdtempSync(path.join(os.tmpdir(), "phuninh-copy-")), name);
  cpSync(source, copy, { recursive: true });
  return copy;
}

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

/** The front matter of a valid article, for tests that vary or break one field of it. */
export const VALID_FIELDS = {
  title: "Hội nghị tổng kết công tác cán bộ",
  date: "2025-06-02",
  author: "Ngô Mỹ",
  unit: "Trung tâm Bồi dưỡng chính trị huyện",
  category: "xay-dung-dang",
} as const;

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
  /**
   * What the build counted (`pages`, `search pages`, `search parts`, `images encoded`…), from its
   * `PORTAL_TIMINGS` report: tests assert on these figures, not on the wording of the log lines.
   */
  readonly counts: Readonly<Record<string, number>>;
}

/** Runs `scripts/build.ts` on a content folder in a child process, into `_site` beside it unless told. */
export async function runBuild(
  contentDir: string,
  env: Record<string, string> = {},
  output = path.join(path.dirname(contentDir), "_site"),
): Promise<BuildRun> {
  const tsx = path.join(projectDir, "node_modules", ".bin", "tsx");
  // Outside the fixture's folder: tests assert that a failed build leaves nothing beside `content`.
  const reportDir = mkdtempSync(path.join(os.tmpdir(), "phuninh-timings-"));
  const reportFile = path.join(reportDir, "timings.json");
  const counts = (): Record<string, number> => {
    const report = existsSync(reportFile)
      ? (JSON.parse(readFileSync(reportFile, "utf8")) as TimingReport)
      : undefined;
    rmSync(reportDir, { recursive: true, force: true });
    return { ...report?.counts };
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(
      tsx,
      ["scripts/build.ts", "--input", contentDir, "--output", output],
      {
        cwd: projectDir,
        env: { ...process.env, PORTAL_TIMINGS: reportFile, ...env },
      },
    );
    return { code: 0, stdout, stderr, output, counts: counts() };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: failed.code ?? 1,
      stdout: failed.stdout ?? "",
      stderr: failed.stderr ?? "",
      output,
      counts: counts(),
    };
  }
}
