/**
 * The default lead (sapo) of an article: the plain text of its first paragraph.
 */
import MarkdownIt from "markdown-it";

const inline = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** Plain text of the first prose paragraph of a Markdown body (images, headings and HTML skipped). */
export function firstParagraphText(markdown: string): string {
  return plain(firstProseBlock(markdown));
}

/**
 * Scans blocks only until the first prose one. Why not split the whole body: only the first block is
 * kept, and every build computes the summary of every article, so the rest of each body is never read.
 */
function firstProseBlock(markdown: string): string {
  const separator = /\r?\n\s*\r?\n/g;
  let start = 0;
  for (;;) {
    const match = separator.exec(markdown);
    const block = markdown.slice(start, match ? match.index : markdown.length).trim();
    if (block.length > 0 && !/^(!\[|#|<|>|[-*+] |\d+\. |\|)/.test(block)) return block;
    if (!match) return "";
    start = match.index + match[0].length;
  }
}

/**
 * The words of a paragraph as a reader sees them: Markdown marks and raw HTML tags dropped, entities
 * decoded. Why parse rather than strip with patterns: the lead also goes where text is read as HTML
 * (RSS descriptions), so no tag an author wrote may survive in it as markup.
 */
function plain(prose: string): string {
  const words: string[] = [];
  for (const token of inline.parseInline(prose, {})[0]?.children ?? []) {
    if (token.type === "text" || token.type === "code_inline") words.push(token.content);
    else if (token.type === "softbreak" || token.type === "hardbreak") words.push(" ");
  }
  return words.join("").replace(/\s+/g, " ").trim();
}
