/**
 * Incremental republishing: a build renders only the article and list pages whose key
 * (lib/rebuild/page-keys.ts) differs from the one recorded for the version the output links to now,
 * and links every other page's file from that version into the new one. Everything else (home,
 * indexes, feeds, sitemaps, `_redirects`, `_headers`, images, the search index) is made every build,
 * from all articles, as in a full build; the search index reads the kept pages from disk.
 *
 * Why hard links are safe: the new version is a fresh folder, and a kept page is never written by
 * the build that keeps it (Eleventy writes only the pages it renders), so no file of a version that
 * readers are served is ever opened for writing.
 *
 * Every doubt means a full build: `--full`, no manifest or an unreadable one, a manifest of another
 * version than the one the output links to, another code key (lib/rebuild/code-key.ts), or a kept
 * page missing from the previous version (that page alone is rendered).
 */
import { copyFileSync, constants, existsSync, linkSync, mkdirSync } from "node:fs";
import path from "node:path";
import { outputDir, type EleventyConfig } from "../eleventy.ts";
import { currentVersion } from "../output/site-versions.ts";
import { countStage, timeStage } from "../timing.ts";
import { codeKey } from "./code-key.ts";
import { manifestFile, newManifest, readManifest, writeManifest, type PageManifest } from "./manifest.ts";
import { pageKeys, type PageKeyInputs } from "./page-keys.ts";
import { pageFile, setPageSelector, type KeptPage, type PageSelection } from "./selection.ts";

export interface RebuildOptions {
  readonly projectDir: string;
  /** The content folder (its `_data` is part of the code key). */
  readonly input: string;
  readonly output: string;
  /** Where page manifests are kept. */
  readonly cacheDir: string;
  /** Render every page whatever the manifest says. */
  readonly full?: boolean;
}

interface Previous {
  readonly dir: string;
  readonly manifest: PageManifest;
}

/** One build's page plan: open it before Eleventy starts, `register` it, `save` it once published. */
export class PageRebuild {
  private keys: Record<string, string> = {};
  private keep: readonly string[] = [];
  private kept: KeptPage[] = [];
  private articleUrls = new Set<string>();

  private constructor(
    private readonly output: string,
    private readonly codeKey: string,
    private readonly manifestFile: string,
    private readonly previous: Previous | undefined,
    /** Why every page is rendered; undefined for an incremental build. */
    readonly fullReason: string | undefined,
  ) {}

  static open(options: RebuildOptions): PageRebuild {
    const key = codeKey(options.projectDir, options.input);
    const file = manifestFile(options.cacheDir, options.output);
    const full = (reason: string): PageRebuild =>
      new PageRebuild(options.output, key, file, undefined, reason);
    if (options.full) return full("asked for a full build");
    const manifest = readManifest(file);
    if (typeof manifest === "string") return full(manifest);
    const version = currentVersion(options.output);
    if (version === undefined) return full("no previous version");
    if (path.basename(version) !== manifest.version) return full("page manifest of another version");
    if (manifest.codeKey !== key) return full("code, layouts, assets or site settings changed");
    return new PageRebuild(options.output, key, file, { dir: version, manifest }, undefined);
  }

  /** Has the content plugin's article and list templates paginate only the pages to render. */
  register(eleventyConfig: EleventyConfig): void {
    setPageSelector(eleventyConfig, {
      codeKey: this.codeKey,
      pageKey: (url) => this.keys[url],
      select: (inputs) => this.select(inputs),
      keptPages: () => this.kept,
    });
    // Registered before `.eleventy.ts`'s plugins and synchronous: the kept pages are in the output
    // before the post-build steps list it (`_headers`, aliases) or index it.
    eleventyConfig.on("eleventy.after", () => this.link(outputDir(eleventyConfig)));
  }

  /** Records every page's key and picks the pages whose key is new. */
  select(inputs: PageKeyInputs): PageSelection {
    const { articles, lists } = timeStage("page keys", () => pageKeys(inputs));
    this.keys = Object.fromEntries([...articles, ...lists]);
    const previous = this.previous;
    const keep = new Set<string>();
    if (previous !== undefined) {
      for (const [url, key] of Object.entries(this.keys)) {
        if (previous.manifest.pages[url] === key && existsSync(path.join(previous.dir, pageFile(url))))
          keep.add(url);
      }
    }
    this.keep = [...keep];
    this.articleUrls = new Set(articles.keys());
    const selection = {
      articles: inputs.articles.filter((article) => !keep.has(article.url)),
      listPages: inputs.listings.listPages.filter((page) => !keep.has(page.url)),
    };
    const total = articles.size + lists.size;
    countStage("article and list pages rendered", total - keep.size);
    console.log(
      this.fullReason === undefined
        ? `Trang bài viết và danh sách: dựng ${total - keep.size}, giữ ${keep.size} từ bản trước ` +
            `(incremental: ${total - keep.size} rendered, ${keep.size} kept)`
        : `Dựng toàn bộ ${total} trang bài viết và danh sách (full build: ${this.fullReason})`,
    );
    return selection;
  }

  private link(output: string): void {
    const previous = this.previous;
    if (previous === undefined) return;
    const folders = new Set<string>();
    this.kept = this.keep.map((url) => {
      const relative = pageFile(url);
      const target = path.join(output, relative);
      const folder = path.dirname(target);
      if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
      folders.add(folder);
      linkOrCopy(path.join(previous.dir, relative), target);
      const kind = this.articleUrls.has(url) ? "article" : "list";
      return { url, file: target, kind, key: this.keys[url]! } as const;
    });
    countStage("pages kept", this.kept.length);
  }

  /** Records the published version's pages, for the next build. */
  save(version: string): void {
    try {
      writeManifest(
        this.manifestFile,
        newManifest(this.output, this.codeKey, path.basename(version), this.keys),
      );
    } catch (error) {
      // The site is published; without a manifest naming it, the next build is a full one.
      console.warn(`Không ghi được danh mục trang (page manifest not written): ${String(error)}`);
    }
  }
}

/** A hard link; a copy (a clone where the file system can) where links are refused. */
function linkOrCopy(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EXDEV" && code !== "EPERM" && code !== "EMLINK") throw error;
    copyFileSync(source, target, constants.COPYFILE_FICLONE);
  }
}
