/**
 * The GitHub repository the CMS commits to: one setting, `repository` in `content/_data/site.json`.
 * The project ships with a placeholder there; a build still runs with it (tests, local previews), but
 * says so, since a CMS pointed at it cannot sign in. The publish workflow refuses to deploy it.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SiteConfig } from "../content/site.ts";

/** The value `site.json` ships with, until an operator writes the real `owner/name`. */
export const PLACEHOLDER_REPOSITORY = "OWNER/phuninh-portal";

/** GitHub's shape of `owner/name`. */
const OWNER_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/** Whether the setting still needs the operator (missing, or the placeholder). */
export function isPlaceholderRepository(repository: string | undefined): boolean {
  return repository === undefined || repository.trim() === "" || repository === PLACEHOLDER_REPOSITORY;
}

/** Where the setting is written, as `file:line` for messages (line 1 when the key is absent). */
export function repositorySettingLocation(contentDir: string): string {
  const file = path.join(contentDir, "_data", "site.json");
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const index = text.indexOf('"repository"');
  const line = index < 0 ? 1 : text.slice(0, index).split("\n").length;
  return `${path.relative(process.cwd(), file)}:${line}`;
}

/**
 * The repository for the CMS configuration: the setting, or the placeholder while it is missing.
 * Throws, naming the file and field, on a value that is not `owner/name`.
 */
export function cmsRepository(site: Pick<SiteConfig, "repository">, location = "site.json"): string {
  if (isPlaceholderRepository(site.repository)) return PLACEHOLDER_REPOSITORY;
  const value = site.repository ?? "";
  if (!OWNER_NAME.test(value))
    throw new Error(
      `${location}  [lỗi] repository: "${value}" không phải dạng chủ-sở-hữu/tên-kho của GitHub, ví dụ ubnd-phuninh/phuninh-portal (repository must be a GitHub owner/name)`,
    );
  return value;
}

/** The one-line build warning while the setting is the placeholder, or undefined once it is set. */
export function placeholderRepositoryWarning(
  site: Pick<SiteConfig, "repository">,
  location = "site.json",
): string | undefined {
  if (!isPlaceholderRepository(site.repository)) return undefined;
  const what = site.repository ? `vẫn là giá trị mẫu "${site.repository}"` : "chưa được khai báo";
  return `${location}  [cảnh báo] repository: ${what}, trang quản trị /admin/ chưa đăng nhập được; ghi tên kho GitHub thật (chủ-sở-hữu/tên-kho), xem docs/publishing.md (the CMS repository is still a placeholder: set the real GitHub owner/name)`;
}
