/**
 * Deliberately broken copies of a built site, to prove each gate can fail: the real page with one
 * defect injected, so the gate sees realistic markup around the defect.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { listPages } from "./pages.ts";
import { copyToTemp } from "../fixture.ts";

/** Copies `siteDir` and adds, for each variant, `/<name>/index.html` = the first page after `edit`. */
export function siteWithVariants(
  siteDir: string,
  variants: Record<string, (html: string) => string>,
): { root: string; urls: Record<string, string> } {
  const root = copyToTemp(siteDir, "site");
  const source = listPages(siteDir).find((page) => page.url.startsWith("/tin-tuc/")) ?? listPages(siteDir)[0];
  if (!source) throw new Error(`no HTML page in ${siteDir}`);
  const html = readFileSync(source.file, "utf8");
  const urls: Record<string, string> = {};
  for (const [name, edit] of Object.entries(variants)) {
    const changed = edit(html);
    if (changed === html) throw new Error(`variant "${name}" changed nothing in ${source.url}`);
    mkdirSync(path.join(root, name), { recursive: true });
    writeFileSync(path.join(root, name, "index.html"), changed);
    urls[name] = `/${name}/`;
  }
  return { root, urls };
}
