/**
 * Incremental republishing: a build renders only the article and list pages whose key
 * (lib/rebuild/page-keys.ts) differs from the one recorded for the version the output links to now,
 * and links every other page's file from that version into the new one. Everything else (home,
 * indexes, feeds, sitemaps, `_redirects`, `_headers`, images, the search index) is made every build,
 * from all articles, as in a full build; the search index takes the kept pages from the records the
 * last build wrote of them (lib/search/page-records.ts). The links are made on a worker thread
 * (link-pages.ts) and awaited before the version is published.
 *
 * Why hard links are safe: the new version is a fresh folder, and a kept page is never written by
 * the build that keeps it (Eleventy writes only the pages it renders), so no file of a version that
 * readers are served is ever opened for writing.
 *
 * Every doubt means a full build: `--full`, no manifest or an unreadable one, a manifest of another
 * version than the one the output links to, another code key (lib/rebuild/code-key.ts), or a kept
 * page missing from the previous version (that page alone is rendered).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { outputDir, type EleventyConfig } from "../eleventy.ts";
import { currentVersion } from "../output/site-versions.ts";
import { countStage, timeStage } from "../timing.ts";
import { codeKey } from "./code-key.ts";
import { manifestFile, newManifest, readManifest, writeManifest, type PageManifest } from "./manifest.ts";
import { pageKeys, type PageKeyInputs } from "./page-keys.ts";
import { PageLinks } from "./link-pages.ts";
import { writingIntoVersion } from "../output/pending-writes.ts";
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
  private kept: KeptPage[] = [];
  private links: PageLinks | undefined;
  private linked: Promise<void> | undefined;

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
      select: (inputs) => this.select(inputs, outputDir(eleventyConfig)),
      keptPages: () => this.kept,
    });
    // Eleventy awaits every `eleventy.after` listener before the build goes on to publish, and
    // starts them all at once: the other post-build steps run while the links are made.
    eleventyConfig.on("eleventy.after", () => this.finishLinks());
  }

  /**
   * Records every page's key, picks the pages whose key is new, and starts linking the others into
   * `output` (lib/rebuild/link-pages.ts) while Eleventy renders these.
   */
  select(inputs: PageKeyInputs, output: string): PageSelection {
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
    if (previous !== undefined) {
      this.kept = [...keep].map((url) => ({
        url,
        source: path.join(previous.dir, pageFile(url)),
        kind: articles.has(url) ? "article" : "list",
        key: this.keys[url]!,
      }));
      if (keep.size > 0) {
        const links = PageLinks.start(
          previous.dir,
          output,
          [...keep].map((url) => pageFile(url)),
        );
        this.links = links;
        void writingIntoVersion(links.finish()).catch(() => undefined);
      }
    }
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

  /** Waits for the kept pages' links; once, however often it is asked. */
  private finishLinks(): Promise<void> {
    const links = this.links;
    if (links === undefined) return Promise.resolve();
    this.linked ??= timeStage("link kept pages", () => links.finish()).then((count) => {
      countStage("pages kept", count);
    });
    return this.linked;
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
