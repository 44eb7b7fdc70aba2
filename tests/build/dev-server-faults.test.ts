/**
 * The dev server (`npm start`'s Eleventy `--serve`, for real) across many saves: it leaves no process
 * behind (regression: one defunct Pagefind process per rebuild, 14 after 13 saves), and a save that
 * breaks an article shows the problem, with file and line, in the browser (Chromium) until it is fixed.
 */
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseProcStat } from "../../scripts/bench/process-tree.ts";
import { launchBrowser } from "../support/browser.ts";
import { startDevServer, type DevServer } from "../support/dev-server.ts";
import { articleMarkdown, makeContentDir, writeArticle } from "../support/fixture.ts";

const fields = (n: number, extra: Record<string, unknown> = {}) => ({
  title: `Tin thử nghiệm số ${n} về đường giao thông Phú Ninh`,
  date: `2025-03-0${n}T07:30`,
  author: "Trần Thị Hoà",
  unit: "Huyện đoàn Phú Ninh",
  category: "kinh-te",
  ...extra,
});

/** Every process under `root` (by parent pid), with its state (`Z`: exited, never reaped). */
function descendants(root: number): { pid: number; comm: string; state: string }[] {
  const all = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const line = readFileSync(`/proc/${name}/stat`, "utf8");
        return [
          { ...parseProcStat(line), state: line.slice(line.lastIndexOf(")") + 2, line.lastIndexOf(")") + 3) },
        ];
      } catch {
        return [];
      }
    });
  const members = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all)
      if (!members.has(p.pid) && members.has(p.ppid)) {
        members.add(p.pid);
        grew = true;
      }
  }
  return all
    .filter((p) => p.pid !== root && members.has(p.pid))
    .map(({ pid, comm, state }) => ({ pid, comm, state }));
}

describe("the dev server over many saves", () => {
  const content = makeContentDir();
  const output = path.join(path.dirname(content), "_site");
  const file = path.join(content, "articles", "bai-1", "index.md");
  let server: DevServer | undefined;
  let browser: Browser | undefined;
  // Each search index the dev server writes is a new Pagefind entry file.
  const indexedAt = (): number => statSync(path.join(output, "pagefind", "pagefind-entry.json")).mtimeMs;
  const until = (check: () => boolean | Promise<boolean>, what: string): Promise<void> =>
    (server as DevServer).until(check, what);

  beforeAll(async () => {
    writeArticle(content, "bai-1", articleMarkdown(fields(1)));
    writeArticle(content, "bai-2", articleMarkdown(fields(2)));
    // Short, so each save is followed by a full rebuild (and its search index) soon.
    server = await startDevServer(content, output, () => indexedAt() > 0, { DEV_FOLLOW_UP_MS: "300" });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("has as many processes after eight rebuilds as after the first, none of them defunct", async () => {
    const pid = (server as DevServer).pid;
    const before = descendants(pid);
    for (let save = 1; save <= 8; save++) {
      const done = indexedAt();
      appendFileSync(file, `\nĐoạn văn thêm lần ${save}.\n`);
      await until(() => indexedAt() > done, `the search index after save ${save}`);
    }
    await sleep(500);
    const after = descendants(pid);
    expect(after.filter((p) => p.state === "Z")).toEqual([]);
    expect(after.filter((p) => /pagefind/.test(p.comm))).toEqual([]);
    expect(after.length, JSON.stringify({ before, after })).toBeLessThanOrEqual(before.length);
  });

  it("shows a broken article's problem, file and line, in the open page until a save fixes it", async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(`${server?.url}/tin-tuc/bai-1/`);
    await expect.poll(() => page.locator("h1").first().textContent()).toContain("Tin thử nghiệm số 1");

    // An impossible date: the build fails on content.
    writeFileSync(file, articleMarkdown(fields(1, { date: "2025-02-30T07:30" })));
    const problem = page.locator("#dev-errors");
    await until(async () => (await problem.count()) > 0, "the error page in the open tab");
    expect(await problem.textContent()).toMatch(/articles\/bai-1\/index\.md:\d+ +\[lỗi\] date: /);

    // Until it is fixed: a reload, or another page, still shows it.
    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(500);
    expect(await problem.textContent()).toMatch(/bai-1\/index\.md:\d+ .*date/);
    const other = await browser.newPage();
    await other.goto(`${server?.url}/`);
    expect(await other.locator("#dev-errors").textContent()).toContain("bai-1/index.md:");

    // Fixed: the open tabs come back to the pages.
    writeFileSync(file, articleMarkdown(fields(1, { title: "Tin đã sửa về đường giao thông Phú Ninh" })));
    await until(
      async () => (await page.locator("h1").first().textContent())?.includes("Tin đã sửa") ?? false,
      "the fixed article in the open tab",
    );
    expect(await page.locator("#dev-errors").count()).toBe(0);
    const home = await fetch(`${server?.url}/`);
    expect(home.status).toBe(200);
  });
});
