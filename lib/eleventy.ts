import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The small part of Eleventy's configuration API this project uses, typed.
 * Why: @11ty/eleventy ships no TypeScript types.
 */
export interface EleventyEventArgs {
  readonly dir: {
    readonly input: string;
    readonly output: string;
    readonly includes: string;
    readonly data: string;
  };
  readonly runMode: "build" | "watch" | "serve";
  readonly outputMode?: string;
  readonly results?: readonly {
    inputPath: string;
    outputPath: string | false;
    url: string;
    /** Bytes once `pagesAsBytesPlugin` has run (every page in a build, see lib/pages-as-bytes.ts). */
    content: string | Buffer;
  }[];
}

export interface EleventyConfig {
  readonly directories: {
    readonly input: string;
    readonly output: string;
    readonly includes: string;
    readonly data: string;
  };
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addAsyncFilter(name: string, fn: (...args: never[]) => Promise<unknown>): void;
  addShortcode(name: string, fn: (...args: never[]) => unknown): void;
  addGlobalData(name: string, value: unknown): void;
  addTemplate(virtualPath: string, content: string, data?: Record<string, unknown>): void;
  addTransform(
    name: string,
    fn: (
      this: { page: { outputPath: string | false; inputPath: string; url: string } },
      content: string,
    ) => unknown,
  ): void;
  addPassthroughCopy(map: string | Record<string, string>): void;
  addWatchTarget(target: string): void;
  setLibrary(name: string, lib: unknown): void;
  setIncludesDirectory(dir: string): void;
  setLayoutsDirectory(dir: string): void;
  setDataDirectory(dir: string): void;
  setQuietMode(quiet: boolean): void;
  setServerOptions(options: Record<string, unknown>): void;
  addPlugin<O>(plugin: (config: EleventyConfig, options: O) => void | Promise<void>, options?: O): void;
  on(event: "eleventy.before" | "eleventy.after", fn: (args: EleventyEventArgs) => unknown): void;
  /** Watch and serve only: before each rebuild, with the changed files (paths as the watcher reports them). */
  on(event: "eleventy.beforeWatch", fn: (changedFiles: readonly string[]) => unknown): void;
  /** Runs before a template's pages are made; returning `false` skips the template in this build. */
  addPreprocessor(
    name: string,
    extensions: string,
    fn: (this: { inputPath: string }, data: Record<string, unknown>, content: string) => unknown,
  ): void;
  ignores: { add(glob: string): void };
  setUseGitIgnore(use: boolean): void;
}

/**
 * The absolute output folder of the running build.
 * Why not the `dir` argument of `eleventy.after`: in Eleventy 3.1 it holds the defaults, not the
 * folder given to the Eleventy constructor, while `eleventyConfig.directories` is live.
 */
export function outputDir(eleventyConfig: EleventyConfig): string {
  return path.resolve(eleventyConfig.directories.output);
}

/**
 * Eleventy's input folder: one of ours, holding no template and no data file (see its README). Every
 * page is a virtual template; content is read by lib/content from `contentDir`. Why not `content/`:
 * Eleventy renders any template file and runs any JavaScript data file it finds under its input.
 */
export const eleventyInput = path.join(path.dirname(fileURLToPath(import.meta.url)), "eleventy-input");

const contentDirs = new WeakMap<EleventyConfig, string>();

/**
 * Names the content folder (articles and `_data`) a build reads; called by whoever starts Eleventy
 * (lib/build.ts, scripts/serve.ts) from the `config` callback, which runs before `.eleventy.ts`.
 */
export function setContentDir(eleventyConfig: EleventyConfig, dir: string): void {
  contentDirs.set(eleventyConfig, path.resolve(dir));
}

/** The absolute content folder of the running build; throws when Eleventy was started without one. */
export function contentDir(eleventyConfig: EleventyConfig): string {
  const dir = contentDirs.get(eleventyConfig);
  if (dir === undefined)
    throw new Error(
      "No content folder: start Eleventy with `npm run build` or `npm start` (lib/build.ts, scripts/serve.ts)",
    );
  return dir;
}
