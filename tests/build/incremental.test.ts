/**
 * Proof that incremental republishing (lib/rebuild) is correct: after each edit of a battery, a
 * build that keeps unchanged pages from the previous version publishes the same bytes, file for
 * file, as a full build of the same content into a fresh folder, and it really kept pages.
 *
 * One fixture (tests/fixtures/site), edited step after step; each step's two builds run side by side.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectDir } from "../../lib/build.ts";
import type { TimingReport } from "../../lib/timing.ts";
import { manifestFile } from "../../lib/rebuild/manifest.ts";
import { diffTrees } from "../support/quality/tree.ts";

const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-incremental-"));
const content = path.join(root, "content");
const incremental = path.join(root, "incremental", "_site");
/** Before the fixture's future article (2099) and after every other; moved by the "date reached" step. */
let now = "2026-01-01T00:00:00+07:00";
let step = 0;

interface Counts {
  /** Article and list pages rendered. */
  readonly rendered: number;
  /** Article and list pages linked from the previous version. */
  readonly kept: number;
}

async function build(output: string, args: readonly string[] = []): Promise<Counts> {
  const timings = path.join(root, `timings-${step++}.json`);
  const env = { ...process.env, PORTAL_NOW: now, PORTAL_TIMINGS: timings };
  try {
    await promisify(execFile)(
      path.join(projectDir, "node_modules", ".bin", "tsx"),
      ["scripts/build.ts", "--input", content, "--output", output, ...args],
      { cwd: projectDir, env },
    );
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`build of ${output} failed:\n${failed.stdout ?? ""}\n${failed.stderr ?? ""}`);
  }
  const { counts } = JSON.parse(readFileSync(timings, "utf8")) as TimingReport;
  return { rendered: counts["article and list pages rendered"] ?? 0, kept: counts["pages kept"] ?? 0 };
}

/** Builds the current content incrementally and, beside it, from scratch; the trees must be equal. */
async function republish(): Promise<Counts> {
  const clean = path.join(mkdtempSync(path.join(root, "clean-")), "_site");
  const [counts] = await Promise.all([build(incremental), build(clean, ["--full"])]);
  expect(diffTrees(incremental, clean).join("\n")).toBe("");
  rmSync(path.dirname(clean), { recursive: true, force: true });
  return counts;
}

const articleFile = (slug: string): string => path.join(content, "articles", slug, "index.md");

/** Rewrites one article's `index.md`. */
function edit(slug: string, change: (markdown: string) => string): void {
  const before = readFileSync(articleFile(slug), "utf8");
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(articleFile(slug), after);
}

/** Sets (or adds) one front-matter line `key: value`. */
const field =
  (key: string, value: string) =>
  (markdown: string): string =>
    new RegExp(`^${key}:.*$`, "m").test(markdown)
      ? markdown.replace(new RegExp(`^${key}:.*$`, "m"), `${key}: ${value}`)
      : markdown.replace(/^---\n/, `---\n${key}: ${value}\n`);

const PHOTO = "dao-tao-nguon-can-bo-tre-co-nang-luc-cho-cac-xa";
const PLAIN = "hoc-tap-quan-triet-nghi-quyet-chuyen-de-ve-cong-tac-can-bo";
const DRAFT = "ban-nhap-ke-hoach-chua-cong-bo";

describe("incremental republish", { timeout: 300_000 }, () => {
  beforeAll(async () => {
    cpSync(path.join(projectDir, "tests", "fixtures", "site"), content, { recursive: true });
    await build(incremental);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("keeps every page when nothing changed", async () => {
    const counts = await republish();
    expect(counts).toEqual({ rendered: 0, kept: expect.any(Number) });
    expect(counts.kept).toBeGreaterThan(50);
  });

  it("renders a handful of pages after a text edit", async () => {
    edit(PLAIN, (markdown) => `${markdown}\nMột đoạn văn mới được thêm vào cuối bài.\n`);
    const counts = await republish();
    expect(counts.rendered).toBeGreaterThan(0);
    expect(counts.rendered).toBeLessThanOrEqual(3);
  });

  it("a title change reaches the lists and neighbours that show it", async () => {
    edit(PLAIN, field("title", '"Học tập, quán triệt nghị quyết chuyên đề về công tác cán bộ (sửa)"'));
    const counts = await republish();
    expect(counts.kept).toBeGreaterThan(counts.rendered);
  });

  it("a date change moves the article across list pages and years", async () => {
    edit(PLAIN, field("date", '"2019-03-04T08:00"'));
    await republish();
  });

  it("a category and tag change", async () => {
    edit(PLAIN, field("category", '"kinh-te"'));
    edit(PLAIN, (markdown) => markdown.replace(/^tags:\n/m, 'tags:\n  - "thẻ mới hoàn toàn"\n'));
    await republish();
  });

  it("an author and unit change", async () => {
    edit(PLAIN, field("author", '"Tác giả Mới Toanh"'));
    edit(PLAIN, field("unit", '"UBND xã Tam Thành"'));
    await republish();
  });

  it("a new article", async () => {
    cpSync(
      path.join(content, "articles", PLAIN),
      path.join(content, "articles", "bai-viet-moi-cho-kiem-tra"),
      {
        recursive: true,
      },
    );
    edit("bai-viet-moi-cho-kiem-tra", field("title", '"Bài viết mới để kiểm tra dựng lại"'));
    await republish();
  });

  it("a deleted article", async () => {
    rmSync(path.join(content, "articles", "bai-viet-moi-cho-kiem-tra"), { recursive: true });
    await republish();
  });

  it("a draft published, then made a draft again", async () => {
    edit(DRAFT, field("draft", "false"));
    await republish();
    edit(DRAFT, field("draft", "true"));
    await republish();
  });

  it("a future date reached", async () => {
    edit(PLAIN, field("date", '"2026-03-01T08:00"'));
    await republish();
    now = "2026-03-02T00:00:00+07:00";
    await republish();
  });

  it("an alias added", async () => {
    edit(PLAIN, field("aliases", '["/tin-cu/hoc-tap-nghi-quyet.html"]'));
    await republish();
  });

  it("a photo replaced under the same name", async () => {
    // Every photo of the fixture is the same picture: a mirrored copy is another one.
    const photo = path.join(content, "articles", PHOTO, photoOf(PHOTO));
    writeFileSync(photo, await sharp(readFileSync(photo)).flop().jpeg().toBuffer());
    const counts = await republish();
    expect(counts.rendered).toBeGreaterThan(0);
  });

  it("a damaged manifest: every page rendered", async () => {
    writeFileSync(manifestFile(path.join(projectDir, ".cache", "pages"), incremental), "{");
    const counts = await republish();
    expect(counts.kept).toBe(0);
  });

  it("site settings edited: every page rendered", async () => {
    const file = path.join(content, "_data", "site.json");
    writeFileSync(file, readFileSync(file, "utf8").replace("tỉnh Quảng Nam", "tỉnh Quảng Nam (cũ)"));
    const counts = await republish();
    expect(counts.kept).toBe(0);
  });

  it("a layout edited: every page rendered", async () => {
    // A Nunjucks comment: the code key changes while the pages stay the same, so builds of other
    // tests running at this moment are unaffected.
    const layout = path.join(projectDir, "layouts", "base.njk");
    const original = readFileSync(layout, "utf8");
    try {
      writeFileSync(layout, `${original}{# incremental test ${process.pid} #}\n`);
      const counts = await republish();
      expect(counts.kept).toBe(0);
    } finally {
      writeFileSync(layout, original);
    }
  });
});

/** The lead photo's file name, from its front matter. */
function photoOf(slug: string): string {
  const src = /^\s+src:\s*"?([^"\n]+)"?$/m.exec(readFileSync(articleFile(slug), "utf8"))?.[1];
  if (!src) throw new Error(`${slug} has no lead photo`);
  return src;
}
