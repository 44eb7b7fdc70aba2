/**
 * The "code key" of a build: one hash of everything besides the articles that shapes every page —
 * the build's code, layouts, CSS/JS and images under assets/, the dependency lock, the site settings
 * (`_data`), the Node version and the `PORTAL_*` settings. When it differs from the key the previous
 * version was built with, every page is rendered again (lib/rebuild/page-rebuild.ts).
 *
 * Why one key rather than tracking which page uses which template or setting: a layout, a filter or
 * site.json reaches every page, and a full build after such a change is rare and always correct.
 */
import { createHash, type Hash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** Project files and folders whose bytes shape the output. */
export const CODE_PATHS = [
  "lib",
  "layouts",
  "assets",
  ".eleventy.ts",
  "scripts/build.ts",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
];

/** Settings read from the environment that do not change a byte of the output. */
const NEUTRAL_SETTINGS = new Set(["PORTAL_TIMINGS", "PORTAL_PROGRESS", "PORTAL_NOW", "PORTAL_FULL_BUILD"]);

/** Hashes the project's code, the content folder's `_data`, the Node version and the output-shaping settings. */
export function codeKey(projectDir: string, contentDir: string, env = process.env): string {
  const hash = createHash("sha256");
  hashFiles(hash, projectDir, CODE_PATHS);
  hashFiles(hash, contentDir, ["_data"]);
  hash.update(`node ${process.version}\0`);
  const settings = Object.keys(env)
    .filter((name) => name.startsWith("PORTAL_") && !NEUTRAL_SETTINGS.has(name))
    .sort()
    .map((name) => `${name}=${env[name]}`);
  hash.update(settings.join("\0"));
  return hash.digest("hex");
}

/** Adds the name and bytes of every file under each of `entries` (files or folders in `root`) to `hash`. */
export function hashFiles(hash: Hash, root: string, entries: readonly string[]): void {
  for (const entry of entries) {
    const folder = path.join(root, entry);
    for (const relative of listFiles(folder)) {
      hash.update(`${entry}/${relative}\0`);
      hash.update(readFileSync(path.join(folder, relative)));
      hash.update("\0");
    }
  }
}

/** Files under `root` (relative, sorted), or `[""]` for a file; nothing when it is missing. */
function listFiles(root: string): string[] {
  let stat;
  try {
    stat = statSync(root);
  } catch {
    return [];
  }
  if (!stat.isDirectory()) return [""];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}
