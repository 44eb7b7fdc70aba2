/**
 * Finds the images an article body shows, with their lines, so the content loader can check them
 * (`npm run check` included) and the pipeline can encode them before pages render.
 */
import MarkdownIt, { type Token } from "markdown-it";

/** One `![alt](src "title")` of a Markdown body. */
export interface BodyImageRef {
  readonly src: string;
  readonly alt: string;
  readonly title: string;
  /** 1-based line in the file (the body's first line is `firstLine`). */
  readonly line: number;
}

const parser = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** True for `https://…`, `data:…` and site-absolute `/…` sources, which are not files beside the article. */
export function isExternalSource(src: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:|\/)/i.test(src);
}

/** The file name a Markdown `src` means: markdown-it percent-encodes non-ASCII (`ảnh.jpg`). */
export function decodeSource(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}

/**
 * Lists every image of a Markdown body in reading order.
 * @example listBodyImages('x\n\n![Cầu](cau.jpg "Chú thích")', 10) // [{ src: "cau.jpg", alt: "Cầu", title: "Chú thích", line: 12 }]
 */
export function listBodyImages(markdown: string | readonly Token[], firstLine = 1): BodyImageRef[] {
  const found: BodyImageRef[] = [];
  const walk = (tokens: readonly Token[], line: number): void => {
    for (const token of tokens) {
      const at = token.map ? firstLine + token.map[0] : line;
      if (token.type === "image") {
        found.push({
          src: decodeSource(String(token.attrGet("src") ?? "")),
          alt: token.content,
          title: String(token.attrGet("title") ?? ""),
          line: at,
        });
      }
      if (token.children) walk(token.children, at);
    }
  };
  // Tokens already parsed by the content loader are reused: parsing is most of the cost at 10,000 articles.
  walk(typeof markdown === "string" ? parser.parse(markdown, {}) : markdown, firstLine);
  return found;
}
