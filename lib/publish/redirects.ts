/**
 * The `_redirects` file Netlify reads from the published folder: one permanent redirect per alias.
 */
import type { Article } from "../content/article.ts";
import { hasQuery, redirectSource } from "../content/aliases.ts";

/**
 * One `_redirects` line for an alias, in its normal form (decoded once, NFC, the old portal's session
 * parameters dropped: lib/content/aliases.ts). Query conditions use Netlify's `key=value` syntax after the path
 * (a literal value matches only that value). `301!` forces the rule even where a file exists at the
 * path: a legacy address such as `/?dDocName=…` must win over the home page it shares a path with.
 * @example redirectLine("/a/chi-tiet?dDocName=PORTAL1", "/tin-tuc/x/") // "/a/chi-tiet dDocName=PORTAL1 /tin-tuc/x/ 301!"
 */
export function redirectLine(alias: string, target: string): string {
  return [redirectSource(alias), target, "301!"].join(" ");
}

/**
 * The whole file. Rules with query conditions come first: Netlify applies the first rule that matches,
 * and a path-only rule for the same path would otherwise catch the request before them.
 */
export function redirectsFile(articles: readonly Pick<Article, "url" | "aliases">[]): string {
  const rules = articles.flatMap((article) =>
    article.aliases.map((alias) => ({ alias, target: article.url })),
  );
  const ordered = [
    ...rules.filter((rule) => hasQuery(rule.alias)),
    ...rules.filter((rule) => !hasQuery(rule.alias)),
  ];
  const header = "# Địa chỉ cũ của các bài viết (trường aliases), chuyển hẳn (301) về địa chỉ mới.\n";
  // Two spellings of one old address in an article (with and without session parameters) are one rule.
  const lines = new Set(ordered.map((rule) => redirectLine(rule.alias, rule.target)));
  return header + [...lines].map((line) => `${line}\n`).join("");
}
