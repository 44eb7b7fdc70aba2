/**
 * Reading built HTML in tests: the visible text of a page, with entities decoded.
 */
import { decodeHtml } from "../../lib/text/html.ts";

/** The text of an HTML fragment: tags removed, entities decoded, white space folded. */
export function textOf(html: string): string {
  return decodeHtml(html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}
