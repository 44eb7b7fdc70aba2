/**
 * Netlify's header and redirect rules, read from `netlify.toml` and `_redirects` and applied the way
 * Netlify applies them, so the local preview (and the browser tests) see the production policy.
 */
import { parse } from "smol-toml";
import { headerPathRegExp } from "../publish/header-paths.ts";

/** A `[[headers]]` block of netlify.toml. */
export interface HeaderRule {
  readonly for: string;
  readonly values: Readonly<Record<string, string>>;
}

/** A `_redirects` line: `from [key=value …] to [status][!]`. */
export interface RedirectRule {
  readonly from: string;
  readonly query: readonly (readonly [key: string, value: string])[];
  readonly to: string;
  readonly status: number;
  readonly force: boolean;
}

/** What Netlify sends when no rule sets Cache-Control (its documented default for static files). */
export const NETLIFY_DEFAULT_CACHE_CONTROL = "public, max-age=0, must-revalidate";

/** The `[[headers]]` blocks of a netlify.toml text. */
export function readHeaderRules(tomlText: string): HeaderRule[] {
  const config = parse(tomlText) as { headers?: { for: string; values: Record<string, string> }[] };
  return (config.headers ?? []).map((block) => ({ for: block.for, values: block.values }));
}

/**
 * Whether a Netlify path pattern matches a URL path: `*` matches the rest (the splat), `:name` one
 * segment. Returns the captured values, or undefined.
 * @example matchPath("/news/*", "/news/a/b") // { splat: "a/b" }
 */
export function matchPath(pattern: string, urlPath: string): Record<string, string> | undefined {
  const names: string[] = [];
  const source = pattern
    .split(/(\*|:[A-Za-z_][A-Za-z0-9_]*)/)
    .map((part) => {
      if (part === "*") return names.push("splat") && "(.*)";
      if (part.startsWith(":")) return names.push(part.slice(1)) && "([^/]+)";
      return part.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  const match = new RegExp(`^${source}$`).exec(urlPath);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ""]));
}

/**
 * The rules of a `_headers` file (Netlify's syntax: a path line, then indented `Name: value` lines;
 * `#` comments). A header repeated under one path is joined with ", ", as Netlify's parser does.
 * Throws on a header line before any path.
 */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: { for: string; values: Record<string, string> }[] = [];
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    if (line.startsWith("/")) {
      rules.push({ for: line, values: {} });
      continue;
    }
    const at = line.indexOf(":");
    const current = rules.at(-1);
    if (at < 0) continue;
    if (!current) throw new Error(`_headers line ${index + 1}: a header before any path`);
    const name = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    current.values[name] = current.values[name] === undefined ? value : `${current.values[name]}, ${value}`;
  }
  return rules;
}

/**
 * Every value each header gets for a path, one entry per matching rule, in rule order. Why a list:
 * when two matching rules set one header, Netlify's CLI keeps the last (Object.assign in its
 * headersForPath) while the CDN's behaviour is not documented; the site's rules never let that happen
 * (tested), and the preview sends every value as its own header line, the strictest reading (for a
 * Content-Security-Policy, browsers enforce each one).
 */
export function headerValues(rules: readonly HeaderRule[], urlPath: string): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const rule of rules) {
    if (!headerPathRegExp(rule.for).test(urlPath)) continue;
    for (const [name, value] of Object.entries(rule.values)) {
      const key = name.toLowerCase();
      (headers[key] ??= []).push(value.replace(/\s*\n\s*/g, " ").trim());
    }
  }
  return headers;
}

/**
 * The headers Netlify sends for a path, one string per header (several values joined with ", "), and
 * Netlify's default Cache-Control when no rule sets one.
 */
export function headersFor(rules: readonly HeaderRule[], urlPath: string): Record<string, string> {
  const headers: Record<string, string> = Object.fromEntries(
    Object.entries(headerValues(rules, urlPath)).map(([name, values]) => [name, values.join(", ")]),
  );
  headers["cache-control"] ??= NETLIFY_DEFAULT_CACHE_CONTROL;
  return headers;
}

/** Parses a `_redirects` file; comments and blank lines skipped. Throws on a line it cannot read. */
export function parseRedirects(text: string): RedirectRule[] {
  const rules: RedirectRule[] = [];
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const parts = line.split(/\s+/);
    const from = parts.shift() ?? "";
    const query: [string, string][] = [];
    while (parts[0]?.includes("=") && !parts[0].startsWith("/")) {
      const [key = "", value = ""] = (parts.shift() ?? "").split(/=(.*)/s);
      query.push([key, value]);
    }
    const to = parts.shift();
    const code = parts.shift() ?? "301";
    if (!to || !/^\d{3}!?$/.test(code))
      throw new Error(`_redirects line ${index + 1}: cannot read "${line}"`);
    rules.push({ from, query, to, status: Number(code.slice(0, 3)), force: code.endsWith("!") });
  }
  return rules;
}

/**
 * The first rule matching a request, and where it sends it. Paths match with or without a trailing
 * slash; query conditions match a literal value or any value (`:name`). Without `!`, a rule does not
 * apply where a file exists (`exists`), which is Netlify's shadowing.
 */
export function findRedirect(
  rules: readonly RedirectRule[],
  url: URL,
  exists: (urlPath: string) => boolean,
): { rule: RedirectRule; location: string } | undefined {
  // Netlify matches the decoded request path against the decoded rule (its redirect engine is given
  // decodeURIComponent(pathname)), so `/tin-t%e1%bb%a9c` and `/tin-t%E1%BB%A9c` are one address.
  const path = decodePath(url.pathname);
  for (const rule of rules) {
    const from = decodePath(rule.from);
    const captured =
      matchPath(from, path) ??
      matchPath(from, path.endsWith("/") ? path.slice(0, -1) : `${path}/`) ??
      undefined;
    if (!captured) continue;
    const values = { ...captured };
    const queryMatches = rule.query.every(([key, value]) => {
      const actual = url.searchParams.get(key);
      if (actual === null) return false;
      if (value.startsWith(":")) return ((values[value.slice(1)] = actual), true);
      return actual === decodeURIComponent(value);
    });
    if (!queryMatches) continue;
    if (!rule.force && exists(url.pathname)) continue;
    let location = rule.to.replace(
      /:([A-Za-z_][A-Za-z0-9_]*)/g,
      (whole, name: string) => values[name] ?? whole,
    );
    // Without query conditions Netlify passes the request's query string on to the target.
    if (rule.query.length === 0 && url.search) location += url.search;
    return { rule, location };
  }
  return undefined;
}

function decodePath(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
