/**
 * Broken internal references in a built site: every href, src, srcset candidate, form action and
 * fragment of every HTML page, `url()` in stylesheets, and every URL of the site's own origin inside
 * XML files (feeds, sitemaps). Pure apart from reading the output folder.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { DomUtils, parseDocument } from "htmlparser2";
import { listFiles, urlOf } from "./pages.ts";

/** One reference found in a file. */
export interface Reference {
  /** Where it was written, e.g. `img[srcset]`, `xml`, `css url()`. */
  readonly where: string;
  readonly value: string;
  readonly line: number;
}

/** A reference that leads nowhere, with the page, the reference and why. */
export interface LinkProblem {
  readonly file: string;
  readonly line: number;
  readonly where: string;
  readonly value: string;
  readonly reason: string;
  /** The URL path the reference leads to within the site. */
  readonly target: string;
}

const URL_ATTRIBUTES = ["href", "src", "action", "poster", "data", "cite"];

/**
 * The candidate URLs of a `srcset`, parsed as the HTML standard does (a URL is a run of non-spaces;
 * a comma ends a candidate only outside its descriptors), so URLs containing commas survive.
 * @example srcsetUrls("a.jpg 480w, b.jpg 960w") // ["a.jpg", "b.jpg"]
 */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let position = 0;
  while (position < srcset.length) {
    while (position < srcset.length && /[\s,]/.test(srcset[position] ?? "")) position++;
    if (position >= srcset.length) break;
    const start = position;
    while (position < srcset.length && !/\s/.test(srcset[position] ?? "")) position++;
    let url = srcset.slice(start, position);
    if (url.endsWith(",")) {
      url = url.replace(/,+$/, "");
    } else {
      while (position < srcset.length && srcset[position] !== ",") position++;
    }
    if (url !== "") urls.push(url);
  }
  return urls;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

type Element = ReturnType<typeof DomUtils.findAll>[number];

/** Every element of a parsed document, in document order. */
function elements(html: string, xmlMode: boolean): Element[] {
  const document = parseDocument(html, { withStartIndices: true, xmlMode, decodeEntities: true });
  return DomUtils.findAll(() => true, document.children);
}

/** URLs under `siteUrl` in a piece of text (a sitemap entry, a feed's escaped HTML, JSON-LD). */
export function ownUrls(text: string, siteUrl: string): string[] {
  const origin = siteUrl.replace(/\/$/, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return [...text.matchAll(new RegExp(`${origin}(?=[/?#"'\\s<]|$)[^\\s"'<>\\\\]*`, "g"))].map(
    (match) => match[0],
  );
}

/**
 * The references and the fragment targets (`id`, `a[name]`) of one HTML document; with `siteUrl`,
 * also the site's own URLs inside JSON-LD.
 */
export function scanHtml(html: string, siteUrl?: string): { references: Reference[]; ids: Set<string> } {
  const references: Reference[] = [];
  const ids = new Set<string>();
  for (const element of elements(html, false)) {
    const line = lineAt(html, element.startIndex ?? 0);
    const attributes = element.attribs;
    if (attributes.id) ids.add(attributes.id);
    if (element.name === "a" && attributes.name) ids.add(attributes.name);
    for (const name of URL_ATTRIBUTES) {
      const value = attributes[name];
      if (value !== undefined) references.push({ where: `${element.name}[${name}]`, value, line });
    }
    for (const name of ["srcset", "imagesrcset"]) {
      const value = attributes[name];
      if (value !== undefined)
        for (const url of srcsetUrls(value))
          references.push({ where: `${element.name}[${name}]`, value: url, line });
    }
    // Open Graph and similar: absolute URLs of the site itself in <meta content>.
    if (element.name === "meta" && /^https?:\/\//.test(attributes.content ?? ""))
      references.push({ where: "meta[content]", value: attributes.content ?? "", line });
    if (siteUrl && element.name === "script" && attributes.type === "application/ld+json")
      for (const url of ownUrls(DomUtils.textContent(element), siteUrl))
        references.push({ where: "script[ld+json]", value: url, line });
  }
  return { references, ids };
}

/** Every URL starting with `siteUrl` in an XML document (attributes and text, entities decoded). */
export function scanXml(xml: string, siteUrl: string): Reference[] {
  const references: Reference[] = [];
  for (const element of elements(xml, true)) {
    const line = lineAt(xml, element.startIndex ?? 0);
    const texts = Object.values(element.attribs);
    // Leaf text (a <loc>, a <link>, escaped HTML in <content>): entities decoded, CDATA included.
    if (!element.children.some((child) => child.type === "tag")) texts.push(DomUtils.textContent(element));
    for (const text of texts)
      for (const url of ownUrls(text, siteUrl))
        references.push({ where: `xml <${element.name}>`, value: url, line });
  }
  return references;
}

/** `url(...)` references in a stylesheet. */
export function scanCss(css: string): Reference[] {
  return [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)].map((match) => ({
    where: "css url()",
    value: match[2] ?? "",
    line: lineAt(css, match.index ?? 0),
  }));
}

/** Options of {@link checkLinks}. */
export interface CheckLinksOptions {
  /** The site's public URL (`site.url`): absolute URLs under it map to the output root. */
  readonly siteUrl: string;
}

/** Maps a URL path to the output file a static host serves for it, or undefined. */
function targetFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const candidate = path.join(root, decoded);
  if (!candidate.startsWith(root)) return undefined;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  const index = path.join(candidate, "index.html");
  return existsSync(index) ? index : undefined;
}

/** Checks every internal reference of the site in `root`; returns the broken ones. */
export function checkLinks(root: string, options: CheckLinksOptions): LinkProblem[] {
  const absoluteRoot = path.resolve(root);
  const site = new URL(options.siteUrl.replace(/\/?$/, "/"));
  const files = listFiles(absoluteRoot);
  const idsCache = new Map<string, Set<string>>();
  const idsOf = (file: string): Set<string> => {
    let ids = idsCache.get(file);
    if (!ids) idsCache.set(file, (ids = scanHtml(readFileSync(file, "utf8")).ids));
    return ids;
  };
  const problems: LinkProblem[] = [];
  for (const file of files) {
    const text = () => readFileSync(file, "utf8");
    const references = file.endsWith(".html")
      ? scanHtml(text(), options.siteUrl).references
      : file.endsWith(".xml")
        ? scanXml(text(), options.siteUrl)
        : file.endsWith(".css")
          ? scanCss(text())
          : [];
    const pageUrl = new URL(urlOf(absoluteRoot, file).slice(1), site);
    for (const reference of references) {
      const broken = brokenReason(reference.value, pageUrl, file);
      if (broken) problems.push({ file: path.relative(absoluteRoot, file), ...reference, ...broken });
    }
  }
  return problems;

  function brokenReason(
    value: string,
    pageUrl: URL,
    file: string,
  ): { reason: string; target: string } | undefined {
    const fail = (reason: string, target = value) => ({ reason, target });
    if (value.trim() === "") return fail("empty URL");
    let url: URL;
    try {
      url = new URL(value, pageUrl);
    } catch {
      return fail("not a valid URL");
    }
    if (url.origin !== site.origin || !url.pathname.startsWith(site.pathname)) return undefined;
    const urlPath = url.pathname.slice(site.pathname.length - 1);
    const target =
      url.pathname === pageUrl.pathname && value.startsWith("#") ? file : targetFile(absoluteRoot, urlPath);
    if (!target) return fail(`no file in the output for ${urlPath}`, urlPath);
    const fragment = decodeURIComponent(url.hash.slice(1));
    if (fragment !== "" && target.endsWith(".html") && !idsOf(target).has(fragment))
      return fail(`no element with id="${fragment}" in ${path.relative(absoluteRoot, target)}`, urlPath);
    return undefined;
  }
}

/** One line per problem: `page:line where "value": reason`. */
export function formatLinkProblems(problems: readonly LinkProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line} ${p.where} "${p.value}": ${p.reason}`).join("\n");
}

/** True when a URL path matches a pattern where `*` stands for one path segment (`/chuyen-muc/*\/`). */
export function matchesPath(urlPath: string, pattern: string): boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${source}$`).test(urlPath);
}
