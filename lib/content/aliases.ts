/**
 * Old addresses (`aliases`): the one module that decides what an alias may be, its normal form, the
 * `_redirects` source it becomes, and the checks across articles. The schema, `npm run check` and the
 * build all call it, so they cannot disagree.
 *
 * An alias becomes a forced (`301!`) Netlify rule, so it is judged as Netlify will read it: after
 * percent-decoding (an encoded `*` or `:` is still a wildcard or a placeholder there), in NFC, and
 * against every route the site serves. Anything that is not a plain path inside the site is refused.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Article } from "./article.ts";
import type { Problem } from "./problems.ts";

/** An alias as the redirect will match it: decoded NFC path, and the query parameters that must match. */
export interface NormalAlias {
  readonly path: string;
  readonly query: readonly (readonly [key: string, value: string])[];
}

/**
 * The old portal's session state (Oracle ADF reserves the `_afr` and `_adf.` prefixes: `_afrLoop`,
 * `_afrWindowMode`, `_adf.ctrl-state`, …). Its values change on every visit, so a rule requiring them
 * would never match: they are dropped, and only the identifying parameter (`dDocName`) must match.
 */
const SESSION_PARAMETER = /^(?:_afr|_adf\.)/i;
/** The Java servlet session id some old addresses carry in the path (`/a;jsessionid=…`): dropped too. */
const SESSION_PATH_PARAMETER = /;jsessionid=[^/;]*/gi;

/** Characters a decoded path may hold: letters (Vietnamese included), digits and URL-safe punctuation. */
const PATH_CHARACTER = /^[\p{L}\p{M}\p{N}\-._~/$&'()+,;=@]$/u;
const QUERY_KEY = /^[A-Za-z0-9_.-]+$/;
const QUERY_VALUE = /^[\p{L}\p{M}\p{N}\-._~]+$/u;

/**
 * The normal form of an alias, or why it cannot be one (Vietnamese, for authors).
 * @example normaliseAlias("/chi-tiet?dDocName=P1&_afrLoop=9") // { alias: { path: "/chi-tiet", query: [["dDocName", "P1"]] } }
 */
export function normaliseAlias(raw: string): { alias: NormalAlias } | { error: string } {
  const fail = (why: string) => ({ error: `"${raw}" ${why}` });
  if (!raw.startsWith("/") || raw.startsWith("//"))
    return fail(
      'phải là đường dẫn trong trang, bắt đầu bằng một dấu "/" (ví dụ /tin-tuc/bai-cu/), không ghi tên miền',
    );
  if (raw.includes("#")) return fail('không được chứa "#"');
  const at = raw.indexOf("?");
  const decoded = decodeOnce(at < 0 ? raw : raw.slice(0, at));
  if (typeof decoded !== "string") return fail(decoded.error);
  const decodedPath = decoded.replace(SESSION_PATH_PARAMETER, "");
  const pathError = pathProblem(decodedPath);
  if (pathError) return fail(pathError);
  const query: [string, string][] = [];
  for (const pair of at < 0 ? [] : raw.slice(at + 1).split("&")) {
    const eq = pair.indexOf("=");
    const key = decodeOnce(eq < 0 ? pair : pair.slice(0, eq));
    const value = decodeOnce(eq < 0 ? "" : pair.slice(eq + 1));
    if (typeof key !== "string") return fail(key.error);
    if (typeof value !== "string") return fail(value.error);
    if (SESSION_PARAMETER.test(key)) continue;
    if (!QUERY_KEY.test(key) || !QUERY_VALUE.test(value))
      return fail(
        `có tham số "${pair}" sai dạng: mỗi tham số sau "?" phải là khóa=giá trị, chỉ gồm chữ, số và "-._~" (":" hay "*" là mẫu của Netlify)`,
      );
    if (query.some(([k]) => k === key)) return fail(`ghi tham số "${key}" hai lần`);
    query.push([key, value]);
  }
  return { alias: { path: decodedPath, query } };
}

/** Why an alias cannot be a redirect source, or undefined when it can (the schema's check). */
export function aliasError(raw: string): string | undefined {
  const result = normaliseAlias(raw);
  return "error" in result ? result.error : undefined;
}

/** Decodes percent-encoding once; a `%` left after that is double encoding (`%252A` → `%2A`), refused. */
function decodeOnce(text: string): string | { error: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    return { error: 'có mã "%" không hợp lệ (phải là %XX của UTF-8)' };
  }
  if (decoded.includes("%")) return { error: 'được mã hóa hai lần (sau khi giải mã vẫn còn "%")' };
  return decoded.normalize("NFC");
}

function pathProblem(decoded: string): string | undefined {
  if (decoded.startsWith("//")) return 'sau khi giải mã bắt đầu bằng "//", tức là trỏ sang tên miền khác';
  if (decoded.includes("\\")) return 'không được chứa dấu "\\"';
  if (/[\p{Cc}\p{Cf}\p{Z}\s]/u.test(decoded)) return "không được chứa khoảng trắng hay ký tự điều khiển";
  if (decoded.includes("*")) return 'không được chứa "*" (Netlify hiểu đó là mẫu khớp mọi địa chỉ)';
  if (decoded.includes(":"))
    return 'không được chứa ":" (Netlify hiểu ":tên" là chỗ điền, "http:" là địa chỉ ngoài trang)';
  if (decoded.includes("!")) return 'không được chứa "!"';
  if (/[?#]/.test(decoded)) return 'có "?" hay "#" được mã hóa trong đường dẫn';
  const segments = decoded.split("/").slice(1);
  if (segments.some((s) => s === "." || s === ".."))
    return 'không được chứa đoạn "." hay ".." (ghi thẳng địa chỉ cuối cùng)';
  if (segments.slice(0, -1).some((s) => s === "")) return 'không được chứa hai dấu "/" liền nhau';
  const bad = [...decoded].find((c) => !PATH_CHARACTER.test(c));
  if (bad) return `không được chứa ký tự "${bad}"`;
  return undefined;
}

/**
 * The `_redirects` source of a valid alias: the path percent-encoded once, then `key=value` conditions.
 * @example redirectSource("/tin-tức/?dDocName=P1") // "/tin-t%E1%BB%A9c/ dDocName=P1"
 */
export function redirectSource(raw: string): string {
  const { path: decoded, query } = valid(raw);
  const encoded = encodeURI(decoded).replace(/[&=]/g, (c) => encodeURIComponent(c));
  return [encoded, ...query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`)].join(" ");
}

/** Whether the alias carries query conditions (such rules must come first in `_redirects`). */
export function hasQuery(raw: string): boolean {
  return valid(raw).query.length > 0;
}

function valid(raw: string): NormalAlias {
  const result = normaliseAlias(raw);
  if ("error" in result) throw new Error(result.error);
  return result.alias;
}

/**
 * The key two addresses share when one request could match both: case, a trailing slash and a final
 * `index.html` ignored (Netlify serves `/x/index.html` at `/x/`), parameters sorted. Case is folded
 * to err on the safe side: a rule that differs from a page only in case must not shadow it.
 */
export function routeKey(decodedPath: string, query: NormalAlias["query"] = []): string {
  const trimmed =
    decodedPath
      .normalize("NFC")
      .toLowerCase()
      .replace(/\/index\.html$/, "/")
      .replace(/\/+$/, "") || "/";
  const params = query.map(([k, v]) => `${k}=${v}`.toLowerCase()).sort();
  return trimmed + (params.length ? `?${params.join("&")}` : "");
}

/** What the site serves, which no alias may shadow. */
export interface ServedRoutes {
  /** Folders owned whole by the site (`/pagefind/`, `/chuyen-muc/`): no alias at or under them. */
  readonly folders: readonly string[];
  /** Single pages and files (`/`, `/robots.txt`): no alias at them, except one with query conditions. */
  readonly pages: readonly string[];
}

export type AliasedArticle = Pick<Article, "inputPath" | "url" | "aliases"> & { readonly dir?: string };

/**
 * Every alias problem across articles: an alias that is not a plain path, that is or lies under
 * something the site serves (any article's page, drafts included; the `served` routes), or that two
 * articles claim. Each names the article's file, the line of the alias and the field `aliases`.
 */
export function aliasProblems(articles: readonly AliasedArticle[], served: ServedRoutes): Problem[] {
  const folders = [...served.folders, ...articles.map((a) => a.url)].map((f) => routeKey(f));
  const pages = new Set(served.pages.map((p) => routeKey(p)));
  const claims = new Map<string, AliasedArticle>();
  const problems: Problem[] = [];
  // In file order, so which of two claims is reported does not depend on the articles' dates.
  const byFile = [...articles].sort((a, b) =>
    a.inputPath < b.inputPath ? -1 : a.inputPath > b.inputPath ? 1 : 0,
  );
  for (const article of byFile) {
    // Read only for an article with aliases: the others have nothing to point at.
    const lines =
      article.dir && article.aliases.length > 0
        ? aliasLines(path.join(article.dir, path.basename(article.inputPath)))
        : new Map<string, number>();
    for (const raw of article.aliases) {
      const report = (message: string): void => {
        const line = lines.get(raw) ?? lines.get("") ?? 1;
        problems.push({ file: article.inputPath, line, field: "aliases", message, severity: "error" });
      };
      const result = normaliseAlias(raw);
      if ("error" in result) {
        report(result.error);
        continue;
      }
      const { path: decoded, query } = result.alias;
      const bare = routeKey(decoded);
      const folder = folders.find((f) => bare === f || bare.startsWith(`${f}/`));
      if (folder !== undefined) {
        report(
          `"${raw}" trùng hoặc nằm trong ${folder}/, một phần trang web đang phục vụ; bỏ nó khỏi aliases`,
        );
        continue;
      }
      if (query.length === 0 && pages.has(bare)) {
        report(`"${raw}" trùng một trang hay tệp đang có của trang web; bỏ nó khỏi aliases`);
        continue;
      }
      const key = routeKey(decoded, query);
      const owner = claims.get(key);
      if (owner && owner !== article)
        report(
          `địa chỉ cũ "${raw}" đã được bài ${owner.inputPath} khai báo; mỗi địa chỉ cũ chỉ chuyển về một bài`,
        );
      else claims.set(key, article);
    }
  }
  return problems;
}

/**
 * The line of each alias in a front matter (`""` → the `aliases:` line), so a message points where the
 * author will look. Unreadable files give an empty map.
 */
function aliasLines(file: string): Map<string, number> {
  const found = new Map<string, number>();
  let lines: string[];
  try {
    lines = readFileSync(file, "utf8").split(/\r?\n/);
  } catch {
    return found;
  }
  const start = lines.findIndex((line) => /^aliases\s*:/.test(line));
  if (start < 0) return found;
  found.set("", start + 1);
  for (let i = start + 1; i < lines.length && /^(\s|-)/.test(lines[i] ?? ""); i++) {
    const item = (lines[i] ?? "")
      .replace(/^\s*-\s*/, "")
      .trim()
      .replace(/^(["'])(.*)\1$/, "$2")
      .normalize("NFC");
    if (item && !found.has(item)) found.set(item, i + 1);
  }
  return found;
}
