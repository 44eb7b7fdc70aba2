/**
 * The one rule for writing text into HTML (and XML) and for reading it back: every page, feed, image
 * and admin file the build writes escapes with `escapeHtml`, and anything that reads our HTML as text
 * decodes with `decodeHtml`, which knows every character reference a browser knows.
 */
import { decodeHTML, decodeHTMLAttribute } from "entities";

const REPLACEMENTS: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
};

/**
 * Escapes text for element content and double-quoted attribute values, as markdown-it escapes its own
 * output, so a page reads the same whichever part of the build wrote it.
 * @example escapeHtml('Cầu "mới" & <đẹp>') === "Cầu &quot;mới&quot; &amp; &lt;đẹp&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => REPLACEMENTS[c] ?? c);
}

/**
 * Decodes every character reference of HTML text or of an attribute value: named (`&ecirc;`,
 * `&nbsp;`), decimal and hexadecimal (`&#39;`, `&#x1EA1;`), as the HTML standard reads them. Why the
 * two modes: in an attribute, `&copy=2` of a query string stays as written; in text it is `©=2`.
 * @example decodeHtml("Ph&uacute; Ninh &amp; &#x110;&agrave; N&#7861;ng") === "Phú Ninh & Đà Nẵng"
 */
export function decodeHtml(text: string, where: "text" | "attribute" = "text"): string {
  return where === "attribute" ? decodeHTMLAttribute(text) : decodeHTML(text);
}
