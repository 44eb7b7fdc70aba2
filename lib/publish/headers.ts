/**
 * The `_headers` file Netlify reads from the published folder: the Content-Security-Policy and
 * Cross-Origin-Opener-Policy of each top-level entry of the site (the CMS folder gets its own).
 * Caching lives in netlify.toml (content-hashed images are all under /img/).
 *
 * Why generated and per entry, not one `/*` rule: every rule matching a path applies, and a second
 * Content-Security-Policy for /admin/ would be enforced on top of the strict one (browsers apply every
 * policy), so the CMS could never be loosened. Evidence on merging: Netlify's CLI lets the last
 * matching rule win (netlify/cli src/utils/headers.ts, headersForPath: Object.assign over the matching
 * rules); its parser only drops identical rules (netlify/build packages/headers-parser/src/merge.ts);
 * the CDN's behaviour for overlapping rules is not documented. These rules never set one header twice
 * for a path (tests/publish/headers.test.ts), so every reading gives the same response. Built from the
 * output's own entries, a new section cannot be left without a policy.
 *
 * Known gap: a missing page outside every section (`/khong-co/`) gets Netlify's 404 page without a
 * policy; a rule for it would have to match /admin/ too.
 */
import { headerPathRegExp } from "./header-paths.ts";

/** The public pages' Cross-Origin-Opener-Policy (the CMS has its own, lib/admin/csp.ts). */
const PUBLIC_OPENER_POLICY = "same-origin";

export interface HeadersInput {
  /** Names of the output's top-level files and folders, with whether each is a folder. */
  readonly entries: readonly { readonly name: string; readonly folder: boolean }[];
  /** Strict policy for every public entry. */
  readonly publicCsp: string;
  /** The CMS folder (top-level name), its CSP and its Cross-Origin-Opener-Policy. */
  readonly admin: { readonly folder: string; readonly csp: string; readonly openerPolicy: string };
}

/** The paths a top-level entry needs rules for: a folder's splat, a file's own path (`/` for index.html). */
function entryPaths(entry: { name: string; folder: boolean }): string[] {
  if (entry.folder) return [`/${entry.name}/*`];
  return entry.name === "index.html" ? ["/", "/index.html"] : [`/${entry.name}`];
}

/**
 * The whole file. Throws when a folder's rule would also match another top-level entry (Netlify's
 * `/x/*` matches `/xy` too), since that entry would get two policies.
 */
export function headersFile(input: HeadersInput): string {
  const entries = [...input.entries].sort((a, b) => (a.name < b.name ? -1 : 1));
  const lines = ["# Sinh tự động khi xây dựng trang (lib/publish/headers.ts); không sửa tay."];
  for (const entry of entries) {
    const isAdmin = entry.folder && entry.name === input.admin.folder;
    const csp = isAdmin ? input.admin.csp : input.publicCsp;
    const opener = isAdmin ? input.admin.openerPolicy : PUBLIC_OPENER_POLICY;
    for (const pattern of entryPaths(entry)) {
      const clash = entries.find(
        (other) =>
          other !== entry && headerPathRegExp(pattern).test(`/${other.name}${other.folder ? "/" : ""}`),
      );
      if (clash) throw new Error(`_headers: rule ${pattern} would also cover /${clash.name}`);
      lines.push(pattern, `  Content-Security-Policy: ${csp}`, `  Cross-Origin-Opener-Policy: ${opener}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
