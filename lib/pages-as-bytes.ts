/**
 * Pages leave Eleventy as UTF-8 bytes instead of JavaScript strings.
 *
 * Why: Eleventy keeps every written page in memory until the build ends (the results handed to
 * `eleventy.after`, and each page's rendered-content cache), and V8 stores any string holding a
 * Vietnamese letter at two bytes a character: 13,550 pages of a 10,000-article site held about 1 GB.
 * As UTF-8 bytes (outside the JavaScript heap) the same pages take about 280 MB, and Eleventy writes
 * a Buffer exactly as it writes a string, so the files are byte for byte the same.
 *
 * Must be the last transform (registered last in `.eleventy.ts`): transforms after it would get bytes.
 * One-off builds only: the dev server may send a changed template's content to the browser for DOM
 * diffing, as a string, and a dev site is small enough not to need it.
 */
import type { EleventyConfig } from "./eleventy.ts";

export default function pagesAsBytesPlugin(eleventyConfig: EleventyConfig): void {
  // Asked per page: Eleventy sets the run mode after the configuration has been read.
  const devServer = (): boolean => ["serve", "watch"].includes(process.env.ELEVENTY_RUN_MODE ?? "");
  eleventyConfig.addTransform("pages-as-bytes", (content: string) =>
    typeof content === "string" && !devServer() ? Buffer.from(content, "utf8") : content,
  );
}
