/**
 * The site's own settings (URL, name, categories), defined once in `content/_data/site.json`.
 */
import { lstatSync, readFileSync } from "node:fs";
import path from "node:path";

export interface Category {
  readonly slug: string;
  readonly name: string;
}

/**
 * What a Vietnamese state portal shows in its footer (Decree 42/2022): an empty string is a value not
 * yet known, shown to readers as "[chưa cập nhật]" rather than hidden.
 */
export interface Imprint {
  /** Người chịu trách nhiệm chính. */
  readonly responsible: string;
  readonly phone: string;
  readonly email: string;
  /** The licence line as it should read, e.g. "Giấy phép số …/GP-TTĐT do … cấp ngày …". */
  readonly licence: string;
  /** "Ghi rõ nguồn … khi phát hành lại thông tin từ cổng thông tin này." */
  readonly reuseNotice: string;
}

/** The page the archive notice links to (`/gioi-thieu/luu-tru/`), worded here so it can change. */
export interface ArchivePage {
  readonly title: string;
  readonly paragraphs: readonly string[];
}

export interface SiteConfig {
  readonly url: string;
  readonly name: string;
  readonly shortName: string;
  readonly tagline: string;
  readonly publisher: string;
  readonly address: string;
  /** One line shown at the top of every page, linking to the archive page. */
  readonly archiveNotice: string;
  readonly archivePage: ArchivePage;
  readonly imprint: Imprint;
  /** The old portal's own footer lines, dropped from pages brought in by `npm run import`. */
  readonly legacyFooterLines: readonly string[];
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
  // A link could point at any file of the build machine; lib/content/inventory.ts names it.
  if (lstatSync(file).isSymbolicLink())
    throw new Error(
      `${path.relative(process.cwd(), file)}: liên kết tượng trưng (symlink) không được phép trong content/`,
    );
  return JSON.parse(readFileSync(file, "utf8")) as SiteConfig;
}
