/**
 * The pages of a built site, found by walking the output folder, so every page added later (home,
 * category lists, tags, search, 404) is judged without anyone listing it here.
 */
import { readdirSync } from "node:fs";
import path from "node:path";

/** One HTML file of the output and the URL path a visitor uses for it. */
export interface SitePage {
  readonly file: string;
  readonly url: string;
}

/** Every file under `root` (absolute paths, sorted, so runs and reports are stable). */
export function listFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  walk(root);
  return files;
}

/** `a/b/index.html` → `/a/b/`; `404.html` → `/404.html`. */
export function urlOf(root: string, file: string): string {
  const relative = path.relative(root, file).split(path.sep).join("/");
  return `/${relative.replace(/(^|\/)index\.html$/, "$1")}`;
}

/** Every HTML page of the site (Pagefind's own files excluded: they are the search library, not pages). */
export function listPages(root: string): SitePage[] {
  return listFiles(root)
    .filter((file) => file.endsWith(".html"))
    .map((file) => ({ file, url: urlOf(root, file) }))
    .filter((page) => !page.url.startsWith("/pagefind/"));
}

/**
 * The "type" of a page from its URL: the first segment kept, deeper ones replaced by `*`
 * (`/tin-tuc/x/` → `/tin-tuc/*\/`, `/chuyen-muc/x/2/` → `/chuyen-muc/*\/*\/`).
 */
export function pageType(url: string): string {
  const segments = url.split("/");
  return segments.map((segment, index) => (index >= 2 && segment !== "" ? "*" : segment)).join("/");
}

/** At most `perType` pages of each type, for tools too slow to run on every page. */
export function samplePages(pages: readonly SitePage[], perType: number): SitePage[] {
  const seen = new Map<string, number>();
  return pages.filter((page) => {
    const type = pageType(page.url);
    const count = seen.get(type) ?? 0;
    seen.set(type, count + 1);
    return count < perType;
  });
}
