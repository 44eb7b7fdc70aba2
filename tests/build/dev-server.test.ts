/**
 * The dev server (`npm start`, scripts/serve.ts, for real) after saves to articles: a body or title
 * edit re-renders only the pages that show the article at once (lib/content/dev-rebuild.ts), the full
 * rebuild that follows brings the lists up to date, and adding or deleting an article rebuilds it all.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectDir } from "../../lib/build.ts";
import { articleMarkdown, makeContentDir, writeArticle } from "../support/fixture.ts";
import { devServerArgs, freePort } from "../../scripts/bench/dev-edit.ts";

const QUICK_LINE = /Sửa nhanh: (\d+) trang bài viết/g;
// Long enough that "the lists are still as before" can be seen on a loaded machine.
const FOLLOW_UP_MS = 5000;

// Five articles a day apart, newest first: bai-1 … bai-5; bai-3's neighbours are bai-2 and bai-4, and
// (one category for bai-2 … bai-4, another for bai-1 and bai-5) its only related articles too.
const slugs = ["bai-1", "bai-2", "bai-3", "bai-4", "bai-5"];
const title = (slug: string): string => `Tin thử nghiệm số ${slug.slice(4)} về đường giao thông Phú Ninh`;
const markdown = (slug: string, extra: Record<string, unknown> = {}, body = "Nội dung bài viết."): string =>
  articleMarkdown(
    {
      title: title(slug),
      date: `2025-03-${String(10 - Number(slug.slice(4))).padStart(2, "0")}T07:30`,
      author: "Trần Thị Hoà",
      unit: "Huyện đoàn Phú Ninh",
      category: ["bai-1", "bai-5"].includes(slug) ? "kinh-te" : "xay-dung-dang",
      tags: [`Thẻ riêng ${slug.slice(4)}`],
      ...extra,
    },
    body,
  );

describe("dev server after a save", () => {
  const content = makeContentDir();
  const output = path.join(path.dirname(content), "_site");
  const page = (url: string): string => readFileSync(path.join(output, url, "index.html"), "utf8");
  const articlePage = (slug: string): string => page(`tin-tuc/${slug}`);
  const categoryUrl = "chuyen-muc/xay-dung-dang";
  const written = (url: string): number => statSync(path.join(output, url, "index.html")).mtimeMs;
  let server: ChildProcess | undefined;
  let log = "";
  const quickPasses = (): number[] => [...log.matchAll(QUICK_LINE)].map((m) => Number(m[1]));

  beforeAll(async () => {
    for (const slug of slugs) writeArticle(content, slug, markdown(slug));
    const port = await freePort();
    server = spawn(
      path.join(projectDir, "node_modules", ".bin", "tsx"),
      devServerArgs(content, output, port),
      {
        cwd: projectDir,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, DEV_FOLLOW_UP_MS: String(FOLLOW_UP_MS) },
      },
    );
    server.stdout?.on("data", (chunk: Buffer) => (log += chunk));
    server.stderr?.on("data", (chunk: Buffer) => (log += chunk));
    await until(() => log.includes("Watching") && existsSync(path.join(output, categoryUrl, "index.html")));
    // Chokidar reports saves only once its first scan is done.
    await sleep(1500);
  });
  afterAll(async () => {
    // Wait for the server to be gone: a rebuild still writing into the folder makes removal fail.
    const running = server;
    if (running?.pid && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once("exit", resolve));
      process.kill(-running.pid, "SIGTERM");
      await Promise.race([exited, sleep(10_000)]);
    }
    rmSync(path.dirname(content), { recursive: true, force: true, maxRetries: 5 });
  });

  const until = async (check: () => boolean, timeoutMs = 90_000): Promise<void> => {
    const start = Date.now();
    for (;;) {
      try {
        if (check()) return;
      } catch {
        // A page may be mid-write.
      }
      if (Date.now() - start > timeoutMs) throw new Error(`dev server: timed out\n${log.slice(-3000)}`);
      await sleep(25);
    }
  };

  it("shows a body edit on the article's page at once, without re-rendering the lists", async () => {
    const listWritten = written(categoryUrl);
    const otherWritten = written("tin-tuc/bai-1");
    const headers = path.join(output, "_headers");
    const headersWritten = statSync(headers).mtimeMs;
    appendFileSync(path.join(content, "articles", "bai-3", "index.md"), "\nĐoạn văn thêm lúc sửa bài.\n");
    await until(() => articlePage("bai-3").includes("Đoạn văn thêm lúc sửa bài."));
    // Only the article and the pages showing it (bai-2, bai-4) were rendered; bai-1 and the lists wait.
    expect(quickPasses()).toEqual([3]);
    expect(written(categoryUrl)).toBe(listWritten);
    expect(written("tin-tuc/bai-1")).toBe(otherWritten);
    // Files made from every page (publishing) wait for the full rebuild too.
    expect(statSync(headers).mtimeMs).toBe(headersWritten);
    // The follow-up full rebuild rewrites every page.
    await until(() => written(categoryUrl) > listWritten && written("tin-tuc/bai-1") > otherWritten);
  });

  it("puts a new title on the neighbours at once, on the lists after the follow-up, as a full build would", async () => {
    const renamed = "Khánh thành cầu Đập Phú Ninh sau sửa tiêu đề";
    writeFileSync(path.join(content, "articles", "bai-3", "index.md"), markdown("bai-3", { title: renamed }));
    const shows = (html: string): boolean => html.includes(renamed);
    await until(() => ["bai-2", "bai-3", "bai-4"].every((slug) => shows(articlePage(slug))));
    expect(quickPasses()).toEqual([3, 3]);
    expect(shows(page(categoryUrl))).toBe(false);
    const quick = ["bai-2", "bai-3", "bai-4"].map(articlePage);
    const quickWritten = slugs.map((slug) => written(`tin-tuc/${slug}`));
    await until(() => shows(page(categoryUrl)) && shows(page("")));
    // The quick pass wrote exactly what the full rebuild writes.
    await until(() => slugs.every((slug, i) => written(`tin-tuc/${slug}`) > (quickWritten[i] as number)));
    expect(["bai-2", "bai-3", "bai-4"].map(articlePage)).toEqual(quick);
  });

  it("rebuilds everything when an article is added", async () => {
    writeArticle(content, "bai-6", markdown("bai-6", { date: "2025-03-20T07:30" }));
    await until(() => existsSync(path.join(output, "tin-tuc", "bai-6", "index.html")));
    await until(() => page(categoryUrl).includes(title("bai-6")) && page("").includes(title("bai-6")));
    // bai-1, now second newest, links to it as its next article.
    await until(() => articlePage("bai-1").includes('href="/tin-tuc/bai-6/"'));
    expect(quickPasses()).toHaveLength(2);
  });

  it("rebuilds everything at the next save after an article is deleted", async () => {
    rmSync(path.join(content, "articles", "bai-5"), { recursive: true });
    // Eleventy 3.1 does not rebuild when a file is deleted; the next save does, fully.
    appendFileSync(path.join(content, "articles", "bai-2", "index.md"), "\nThêm sau khi xóa bài 5.\n");
    await until(() => articlePage("bai-2").includes("Thêm sau khi xóa bài 5."));
    await until(() => !page(categoryUrl).includes(title("bai-5")));
    // bai-4, whose previous article it was, is rewritten too (pages are written in no set order).
    await until(() => !articlePage("bai-4").includes('href="/tin-tuc/bai-5/"'));
    expect(quickPasses()).toHaveLength(2);
  });
});
