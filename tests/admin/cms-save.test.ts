/**
 * What a CMS save writes, by Sveltia itself: the built /admin/ in Chromium, signed in to Sveltia's
 * "local repository" mode (the File System Access API, on localhost only) over a folder in the
 * browser's own private file system holding the seed article. The browser's clock is UTC and its
 * language English, as on many office computers; nothing but this site answers. The saved file is
 * then read by the build's own loader.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { loadArticles } from "../../lib/content/load.ts";
import { siteInBrowser } from "../support/browser.ts";
import { addSeed, makeContentDir, SEED_SLUG, seedMarkdown } from "../support/fixture.ts";

const served = siteInBrowser(() => inject("siteDir"), { netlify: true });

const ARTICLE = `content/articles/${SEED_SLUG}/index.md`;
/** The control of a field in Sveltia's editor (each field is a section named by its key). */
const field = (page: Page, key: string, control = "input") =>
  page.locator(`section[data-key-path="${key}"]`).locator(control).first();

/** Opens /admin/ over a private folder holding the seed article, signed in locally, on the article. */
async function openSeedInCms(): Promise<{ page: Page; errors: string[]; offsite: string[] }> {
  const context = await served.browser.newContext({
    timezoneId: "UTC",
    locale: "en-US",
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const offsite: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) errors.push(message.text());
  });
  const own = new URL(served.base).host;
  await page.route("**/*", (route) => {
    if (new URL(route.request().url()).host === own) return route.continue();
    offsite.push(route.request().url());
    return route.abort("blockedbyclient");
  });
  // The folder picker, answered with a folder of the origin private file system (a real directory
  // handle; Chromium cannot show its picker headless).
  await page.addInitScript(() => {
    Object.assign(window, {
      showDirectoryPicker: async () => (await navigator.storage.getDirectory()).getDirectoryHandle("repo"),
    });
  });
  await page.goto(`${served.base}/admin/`);
  await page.evaluate(
    async ({ file, text }) => {
      let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle("repo", { create: true });
      await dir.getDirectoryHandle(".git", { create: true });
      const parts = file.split("/");
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
      const writable = await (await dir.getFileHandle(parts.at(-1) ?? "", { create: true })).createWritable();
      await writable.write(text);
      await writable.close();
    },
    { file: ARTICLE, text: seedMarkdown() },
  );
  await page.getByRole("button", { name: /kho mã nguồn cục bộ/ }).click();
  await openEntry(page);
  return { page, errors, offsite };
}

/** Opens the article from the entry list (Sveltia goes back to the list after a save). */
async function openEntry(page: Page): Promise<void> {
  await page
    .getByText(/chú trọng/i)
    .first()
    .click();
  await field(page, "date").waitFor({ timeout: 30_000 });
}

/** Saves the open entry and returns the file Sveltia wrote. */
async function saveAndRead(page: Page): Promise<string> {
  const before = await readSaved(page);
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect.poll(() => readSaved(page), { timeout: 20_000 }).not.toBe(before);
  return readSaved(page);
}

function readSaved(page: Page): Promise<string> {
  return page.evaluate(async (file) => {
    let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle("repo");
    const parts = file.split("/");
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
    return (await (await dir.getFileHandle(parts.at(-1) ?? "")).getFile()).text();
  }, ARTICLE);
}

const frontMatter = (text: string) => parse(text.split(/^---$/m)[1] ?? "") as Record<string, unknown>;

describe("a save in the CMS", () => {
  it("writes the date picked in Vietnam time with +07:00, no `draft: false`, and a file the build accepts", async () => {
    const { page, errors, offsite } = await openSeedInCms();
    // The editor's own icons (toolbar, field menus) are drawn by the self-hosted font: one glyph each.
    const icons = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>(".material-symbols-outlined"))
        .filter((icon) => icon.getClientRects().length > 0 && icon.textContent?.trim())
        .map((icon) => [
          icon.textContent?.trim(),
          icon.getBoundingClientRect().width / parseFloat(getComputedStyle(icon).fontSize),
        ]),
    );
    expect(icons.length).toBeGreaterThan(10);
    expect(icons.filter(([, ratio]) => Number(ratio) > 1.25)).toEqual([]);
    await field(page, "title").fill("Huyện ủy Phú Ninh chú trọng đào tạo cán bộ");
    await field(page, "date").fill("2025-06-30T08:00");
    // The preview pane shows the same Vietnamese time, not the UTC one (01:00).
    await expect
      .poll(
        async () => (await page.locator("body").innerText()).match(/Jun 30, 2025, \d+:\d+ [AP]M[^\n]*/)?.[0],
      )
      .toBe("Jun 30, 2025, 8:00 AM — (+07:00) Ho Chi Minh");
    const saved = await saveAndRead(page);

    const data = frontMatter(saved);
    expect(data.title).toBe("Huyện ủy Phú Ninh chú trọng đào tạo cán bộ");
    // 08:00 picked on a UTC computer is 08:00 in Vietnam, stored with its offset.
    expect(data.date).toBe("2025-06-30T08:00:00+07:00");
    // The switch nobody touched is left out, as the schema and `npm run new` write it.
    expect(saved).not.toMatch(/^draft:/m);
    // Sveltia rewrites the front matter from its data: YAML comments are not kept (docs/publishing.md).
    expect(seedMarkdown()).toMatch(/^# /m);
    expect(saved.split(/^---$/m)[1]).not.toMatch(/^# /m);
    // The body nobody edited is written back as it was.
    expect(saved.split(/^---$/m).slice(2).join("---").trim()).toBe(
      seedMarkdown().split(/^---$/m).slice(2).join("---").trim(),
    );

    // The build's own loader accepts the saved file as it is.
    const content = makeContentDir();
    addSeed(content, saved);
    const loaded = loadArticles(content);
    expect(loaded.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(loaded.articles[0]?.date.instant.toISOString()).toBe("2025-06-30T01:00:00.000Z");

    // Opened again on the UTC computer, the picker still shows the Vietnamese time.
    await page.reload();
    await openEntry(page);
    expect(await field(page, "date").inputValue()).toBe("2025-06-30T08:00");
    // Editing and saving (Immutable.js for the save hook included) asked no other host.
    expect(offsite).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("writes `draft: true` when the switch is on, and drops the field again when it is off", async () => {
    const { page } = await openSeedInCms();
    const draft = field(page, "draft", '[role="switch"]');
    await draft.click();
    expect(frontMatter(await saveAndRead(page)).draft).toBe(true);
    await openEntry(page);
    await draft.click();
    const saved = await saveAndRead(page);
    expect(frontMatter(saved)).not.toHaveProperty("draft");
    // A date nobody touched keeps its text (a day without a time stays one).
    expect(frontMatter(saved).date).toBe("2018-06-01");
    await page.context().close();
  });
});
