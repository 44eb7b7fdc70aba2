/**
 * The dev server (`npm start`, scripts/serve.ts, for real) after saves to articles: a body or title
 * edit re-renders only the pages that show the article at once (lib/content/dev-rebuild.ts), the full
 * rebuild that follows brings the lists up to date, and adding or deleting an article rebuilds it all.
 */
import { appendFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleMarkdown, makeContentDir, writeArticle } from "../support/fixture.ts";
import { startDevServer, type DevServer } from "../support/dev-server.ts";

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
  /** When each article page was last written, by slug. */
  const articlesWritten = (): Record<string, number> =>
    Object.fromEntries(slugs.map((slug) => [slug, written(`tin-tuc/${slug}`)]));
  /** The articles whose pages were written since `before`. */
  const rewritten = (before: Record<string, number>): string[] =>
    slugs.filter((slug) => written(`tin-tuc/${slug}`) > (before[slug] as number));
  /** Waits until the page at `url` passes `check`, and says when that page was written. */
  const writtenWhen = async (url: string, check: (html: string) => boolean): Promise<number> => {
    await until(() => check(page(url)));
    return written(url);
  };
  let server: DevServer | undefined;
  const until = (check: () => boolean, what = "the page", timeoutMs = 90_000): Promise<void> =>
    (server as DevServer).until(check, what, timeoutMs);

  beforeAll(async () => {
    for (const slug of slugs) writeArticle(content, slug, markdown(slug));
    server = await startDevServer(
      content,
      output,
      () => existsSync(path.join(output, categoryUrl, "index.html")),
      {
        DEV_FOLLOW_UP_MS: String(FOLLOW_UP_MS),
      },
    );
  });
  afterAll(() => server?.stop());

  it("shows a body edit on the article's page at once, without re-rendering the lists", async () => {
    const before = articlesWritten();
    const listWritten = written(categoryUrl);
    const headers = path.join(output, "_headers");
    const headersWritten = statSync(headers).mtimeMs;
    appendFileSync(path.join(content, "articles", "bai-3", "index.md"), "\nĐoạn văn thêm lúc sửa bài.\n");
    await until(
      () =>
        articlePage("bai-3").includes("Đoạn văn thêm lúc sửa bài.") &&
        ["bai-2", "bai-4"].every((slug) => rewritten(before).includes(slug)),
    );
    // Only the article and the pages showing it (bai-2, bai-4) were rendered; bai-1, bai-5 and the
    // lists wait.
    expect(rewritten(before)).toEqual(["bai-2", "bai-3", "bai-4"]);
    expect(written(categoryUrl)).toBe(listWritten);
    // Files made from every page (publishing) wait for the full rebuild too.
    expect(statSync(headers).mtimeMs).toBe(headersWritten);
    // The follow-up full rebuild rewrites every page.
    await until(() => written(categoryUrl) > listWritten && rewritten(before).length === slugs.length);
  });

  it("puts a new title on the neighbours at once, on the lists after the follow-up, as a full build would", async () => {
    const renamed = "Khánh thành cầu Đập Phú Ninh sau sửa tiêu đề";
    const before = articlesWritten();
    writeFileSync(path.join(content, "articles", "bai-3", "index.md"), markdown("bai-3", { title: renamed }));
    const shows = (html: string): boolean => html.includes(renamed);
    await until(() => ["bai-2", "bai-3", "bai-4"].every((slug) => shows(articlePage(slug))));
    expect(rewritten(before)).toEqual(["bai-2", "bai-3", "bai-4"]);
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
    const articleAt = await writtenWhen("tin-tuc/bai-6", () => true);
    const listAt = await writtenWhen(categoryUrl, (html) => html.includes(title("bai-6")));
    // One build wrote both: a quick pass would leave the list to the full rebuild FOLLOW_UP_MS later.
    expect(listAt - articleAt).toBeLessThan(FOLLOW_UP_MS);
    await until(() => page("").includes(title("bai-6")));
    // bai-1, now second newest, links to it as its next article.
    await until(() => articlePage("bai-1").includes('href="/tin-tuc/bai-6/"'));
  });

  it("rebuilds everything at the next save after an article is deleted", async () => {
    rmSync(path.join(content, "articles", "bai-5"), { recursive: true });
    // Eleventy 3.1 does not rebuild when a file is deleted; the next save does, fully.
    appendFileSync(path.join(content, "articles", "bai-2", "index.md"), "\nThêm sau khi xóa bài 5.\n");
    const articleAt = await writtenWhen("tin-tuc/bai-2", (html) => html.includes("Thêm sau khi xóa bài 5."));
    const listAt = await writtenWhen(categoryUrl, (html) => !html.includes(title("bai-5")));
    expect(listAt - articleAt).toBeLessThan(FOLLOW_UP_MS);
    // bai-4, whose previous article it was, is rewritten too (pages are written in no set order).
    await until(() => !articlePage("bai-4").includes('href="/tin-tuc/bai-5/"'));
  });
});
