/**
 * Small XML helpers for feeds and sitemaps, written by hand so every value is escaped in one place.
 */
import { VIETNAM_OFFSET } from "../text/date.ts";
import { escapeHtml } from "../text/html.ts";

/**
 * Escapes text for XML content and attribute values: the site's HTML escaping, plus `&apos;` for
 * single-quoted attributes, and without the characters XML 1.0 forbids (a feed with one is refused whole).
 */
export function escapeXml(text: string): string {
  return escapeHtml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")).replace(
    /'/g,
    "&apos;",
  );
}

/** `<name>escaped text</name>`. */
export function element(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * RFC 822 date in Vietnam time, as RSS 2.0 requires (ISO 8601 is not valid in `<pubDate>`).
 * @example toRfc822Vietnam(new Date("2018-05-31T17:00:00Z")) === "Fri, 01 Jun 2018 00:00:00 +0700"
 */
export function toRfc822Vietnam(instant: Date): string {
  const local = new Date(instant.getTime() + 7 * 3600 * 1000);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return (
    `${DAYS[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${VIETNAM_OFFSET.replace(":", "")}`
  );
}
