/**
 * How Netlify reads the path of a header rule. Production's `_headers` generation needs it to keep
 * rules from overlapping, and the preview server to apply them as Netlify does; it lives here, with
 * what is published, and the preview imports it.
 */

/**
 * The regular expression Netlify builds from a header rule's `for` (same construction as its headers
 * parser, netlify/build packages/headers-parser, for_regexp.ts): case-insensitive, an optional trailing
 * slash, and a standalone `*` whose slash before it is optional, so `/tin-tuc/*` also matches
 * `/tin-tuc` (and `/tin-tucx`: a rule's folder must not be the prefix of another top-level name).
 */
export function headerPathRegExp(pattern: string): RegExp {
  const parts = pattern
    .split("/")
    .map((part) => part.trimEnd())
    .filter(Boolean)
    .map((part) => {
      if (part.startsWith(":")) return "([^/]+)";
      if (part === "*") return "?(.*)";
      if (part.includes("*")) return part.split("*").map(escapeRegExp).join("(.*)");
      return escapeRegExp(part);
    });
  return new RegExp(`^/${parts.join("/")}/?$`, "iu");
}

function escapeRegExp(text: string): string {
  return text.replace(/[|\\{}()[\]^$+*?.]/g, "\\$&").replace(/-/g, "\\x2d");
}
