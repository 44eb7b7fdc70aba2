/**
 * Old addresses (`aliases`) of articles: their syntax, their normal form, and the checks across all
 * articles that keep two pages from claiming one old URL.
 *
 * Pure functions: the build (lib/publish/plugin.ts) and `npm run check` share them.
 */
import type { Article } from "../content/article.ts";
import type { Problem } from "../content/problems.ts";
import { aliasSyntaxError } from "../content/alias-syntax.ts";

/** An alias split into the path and the query parameters a request must carry. */
export interface ParsedAlias {
  /** Percent-encoded path, as Netlify's `_redirects` wants it. */
  readonly path: string;
  /** Query conditions in the order written; empty when the alias has no query string. */
  readonly query: readonly (readonly [key: string, value: string])[];
}

/** Parses a valid alias; paths are percent-encoded once, so `/tin-tức/` and `/tin-t%E1%BB%A9c/` are equal. */
export function parseAlias(alias: string): ParsedAlias {
  const [rawPath = "", rawQuery] = splitOnce(alias, "?");
  const query = (rawQuery ?? "")
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const [key = "", value = ""] = splitOnce(pair, "=");
      return [encodeOnce(key), encodeOnce(value)] as const;
    });
  return { path: encodeOnce(rawPath), query };
}

/**
 * The key two aliases share when a request would match both: trailing slash ignored (Netlify matches
 * `/a` and `/a/` alike), query parameters sorted.
 */
export function aliasKey(alias: string): string {
  const { path, query } = parseAlias(alias);
  const params = [...query]
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join("&");
  return pathKey(path) + (params ? `?${params}` : "");
}

/** A page URL in the same normal form as {@link aliasKey}: `/x/index.html`, `/x/` and `/x` are one page. */
export function pathKey(url: string): string {
  const path = encodeOnce(url.replace(/index\.html$/, ""));
  return path.length > 1 ? path.replace(/\/+$/, "") : "/";
}

type AliasedArticle = Pick<Article, "inputPath" | "url" | "aliases">;

/**
 * Every cross-article alias problem: one old URL claimed twice, or an alias that is a real page (an
 * article's URL or any other generated page, `pageUrls`), so the redirect would hide or fight it.
 * Aliases with a query string only shadow nothing: the page at their path stays reachable without it.
 */
export function aliasProblems(articles: readonly AliasedArticle[], pageUrls: Iterable<string>): Problem[] {
  const problems: Problem[] = [];
  const pages = new Set([...pageUrls].map(pathKey));
  for (const article of articles) pages.add(pathKey(article.url));
  const claims = new Map<string, AliasedArticle>();
  for (const article of articles) {
    for (const alias of article.aliases) {
      const at = (message: string): void => {
        problems.push({ file: article.inputPath, line: 1, field: "aliases", message, severity: "error" });
      };
      if (aliasSyntaxError(alias)) continue; // reported by the schema already
      const key = aliasKey(alias);
      const owner = claims.get(key);
      if (owner && owner !== article)
        at(
          `địa chỉ cũ "${alias}" đã được bài ${owner.inputPath} khai báo (aliases); mỗi địa chỉ cũ chỉ chuyển về một bài`,
        );
      else if (!owner && !key.includes("?") && pages.has(key))
        at(`địa chỉ cũ "${alias}" trùng một trang đang có của trang web; bỏ nó khỏi aliases`);
      if (!owner) claims.set(key, article);
    }
  }
  return problems;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function encodeOnce(text: string): string {
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // Not valid percent-encoding: encode it as written.
  }
  return encodeURI(decoded).replace(/[?#&=]/g, (c) => encodeURIComponent(c));
}
