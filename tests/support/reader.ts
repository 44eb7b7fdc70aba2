/**
 * What a reader gets from a published folder: whether the site is there and whole (every page of it
 * found, and every local file its pages load or link to), and which build it came from.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface ReaderView {
  /** False when the folder (or its home page) is missing: a reader gets nothing. */
  readonly present: boolean;
  /** Local URLs the pages reference that are missing or empty (an incomplete site). */
  readonly missing: readonly string[];
  /** The text of the home page, to tell builds apart by what they published. */
  readonly home: string;
  readonly pages: number;
}

/** The file a URL path is served from, as the preview and Netlify map it. */
function fileOf(root: string, url: string): string {
  const clean = decodeURIComponent(url.split(/[?#]/)[0] as string);
  return path.join(root, clean.endsWith("/") ? `${clean}index.html` : clean);
}

const usable = (file: string): boolean =>
  existsSync(file) && statSync(file).isFile() && statSync(file).size > 0;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(full);
    return entry.name.endsWith(".html") ? [full] : [];
  });
}

/** Reads `output` as a reader would, through the link if it is one. */
export function readerView(output: string): ReaderView {
  const home = path.join(output, "index.html");
  if (!usable(home)) return { present: false, missing: ["/"], home: "", pages: 0 };
  const missing = new Set<string>();
  const pages = htmlFiles(output);
  for (const page of pages) {
    const html = readFileSync(page, "utf8");
    const urls = [
      ...[...html.matchAll(/\s(?:href|src)="(\/[^"/][^"]*|\/)"/g)].map((m) => m[1] as string),
      ...[...html.matchAll(/\ssrcset="([^"]+)"/g)].flatMap((m) =>
        (m[1] as string).split(",").map((part) => part.trim().split(/\s+/)[0] as string),
      ),
    ].filter((url) => url.startsWith("/") && !url.startsWith("//"));
    for (const url of urls) if (!usable(fileOf(output, url))) missing.add(url);
  }
  if (!usable(path.join(output, "pagefind", "pagefind.js"))) missing.add("/pagefind/pagefind.js");
  return {
    present: true,
    missing: [...missing].sort(),
    home: readFileSync(home, "utf8"),
    pages: pages.length,
  };
}
