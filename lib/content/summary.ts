/**
 * The default lead (sapo) of an article: the plain text of its first paragraph.
 */

/** Plain text of the first prose paragraph of a Markdown body (images, headings and HTML skipped). */
export function firstParagraphText(markdown: string): string {
  const blocks = markdown.split(/\r?\n\s*\r?\n/).map((block) => block.trim());
  const prose = blocks.find((block) => block.length > 0 && !/^(!\[|#|<|>|[-*+] |\d+\. |\|)/.test(block)) ?? "";
  return prose
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
