/**
 * Finds the images an article body shows, with their lines, so the content loader can check them
 * (`npm run check` included) and the pipeline can encode them before pages render. The one scanner
 * of body images: it reads markdown-it's tokens, so an image in a code block is text, as a reader
 * sees it, and raw `<img>` never counts (the HTML allowlist refuses it).
 */
import MarkdownIt, { type Token } from "markdown-it";
import type { BodyImage } from "../content/article.ts";

const parser = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** The file name a Markdown `src` means: markdown-it percent-encodes non-ASCII (`ảnh.jpg`). */
export function decodeSource(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}

/**
 * Lists every image of a Markdown body in reading order, each on the line it starts on.
 * @example listBodyImages('x\n\n![Cầu](cau.jpg "Chú thích")', 10) // [{ src: "cau.jpg", alt: "Cầu", title: "Chú thích", line: 12 }]
 */
export function listBodyImages(markdown: string | readonly Token[], firstLine = 1): BodyImage[] {
  const found: BodyImage[] = [];
  // Tokens already parsed by the content loader are reused: parsing is most of the cost at 10,000 articles.
  const tokens = typeof markdown === "string" ? parser.parse(markdown, {}) : markdown;
  let blockLine = firstLine;
  for (const block of tokens) {
    if (block.map) blockLine = firstLine + block.map[0];
    if (block.type !== "inline") continue;
    let line = blockLine;
    // Only the paragraph's own images: an image written inside another's alt text is shown as text.
    for (const child of block.children ?? []) {
      if (child.type === "image") {
        found.push({
          src: decodeSource(String(child.attrGet("src") ?? "")),
          alt: child.content,
          title: String(child.attrGet("title") ?? ""),
          line,
        });
      }
      line += child.type === "softbreak" || child.type === "hardbreak" ? 1 : newlines(child.content);
    }
  }
  return found;
}

const newlines = (text: string): number => {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
};
