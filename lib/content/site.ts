/**
 * The site's own settings (URL, name, categories), defined once in `content/_data/site.json`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export interface Category {
  readonly slug: string;
  readonly name: string;
}

export interface SiteConfig {
  readonly url: string;
  readonly name: string;
  readonly shortName: string;
  readonly tagline: string;
  readonly publisher: string;
  readonly address: string;
  readonly archiveNotice: string;
  readonly language: string;
  readonly categories: readonly Category[];
  /** `owner/name` of the GitHub repository the CMS at /admin/ commits to. */
  readonly repository?: string;
  /** The branch the CMS commits to; defaults to `main`. */
  readonly repositoryBranch?: string;
}

/** Reads `_data/site.json` under a content folder. */
export function readSiteConfig(contentDir: string): SiteConfig {
  const file = path.join(contentDir, "_data", "site.json");
  return JSON.parse(readFileSync(file, "utf8")) as SiteConfig;
}
