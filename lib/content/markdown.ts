/**
 * The Markdown renderer for article bodies.
 *
 * Why `typographer: false` and `linkify: false`: archived articles are published word for word, so no
 * quote or dash is rewritten. Why `html: true`: authors may write tables; HTML outside the allowlist
 * is refused earlier, by the content loader, with the file and line named, and is also dropped here,
 * so that nothing the check might miss reaches a reader.
 */
import MarkdownIt, { type MarkdownIt as MarkdownItInstance, type Token } from "markdown-it";
import { escapeHtml } from "../text/html.ts";
import { isExternalSource } from "./file-refs.ts";
import { isAllowedUrl } from "./html-allowlist.ts";
import { HtmlStream } from "./html-stream.ts";

/** What the renderer needs to know about the article being rendered. */
export interface MarkdownEnv {
  readonly article?: { readonly url: string };
}

/** Renders one image token; the images module swaps in responsive `<picture>` markup. */
export type ImageRenderer = (image: { src: string; alt: string; title: string }, env: MarkdownEnv) => string;

/** The plain renderer: an `<img>` whose relative `src` resolves inside the article's URL. */
export const plainImage: ImageRenderer = ({ src, alt }, env) => {
  const url = isExternalSource(src) ? src : `${env.article?.url ?? "/"}${src}`;
  return `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}">`;
};

/**
 * Creates the project's markdown-it instance. A paragraph holding only an image becomes a `<figure>`
 * (with the image's title as `<figcaption>`), as news photos are.
 */
export function createMarkdown(renderImage: ImageRenderer = plainImage): MarkdownItInstance {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  // An address outside the allowlist is shown as text, never made a link or an image.
  md.validateLink = isAllowedUrl;
  md.core.ruler.push("allowlist_html", (state) => sanitizeHtmlTokens(state.tokens));
  md.core.ruler.push("figure", (state) => {
    const tokens = state.tokens;
    for (let i = 1; i < tokens.length - 1; i++) {
      const inline = tokens[i] as Token;
      const children = inline.children ?? [];
      if (
        inline.type === "inline" &&
        children.length === 1 &&
        children[0]?.type === "image" &&
        tokens[i - 1]?.type === "paragraph_open" &&
        tokens[i + 1]?.type === "paragraph_close"
      ) {
        (tokens[i - 1] as Token).hidden = true;
        (tokens[i + 1] as Token).hidden = true;
        (children[0] as Token).meta = { figure: true };
      }
    }
  });
  md.renderer.rules.image = (tokens, idx, _options, env) => {
    const token = tokens[idx] as Token;
    const image = {
      src: String(token.attrGet("src") ?? ""),
      alt: token.content,
      title: String(token.attrGet("title") ?? ""),
    };
    const img = renderImage(image, (env ?? {}) as MarkdownEnv);
    if (!token.meta?.figure) return img;
    const caption = image.title ? `<figcaption>${escapeHtml(image.title)}</figcaption>` : "";
    return `<figure class="photo">${img}${caption}</figure>\n`;
  };
  return md;
}

/**
 * Replaces every raw HTML piece of a parsed body by its allowed part, re-serialised (html-stream.ts).
 * @example sanitizeHtmlTokens(md.parse('<b onclick="x()">a</b>', {})) // the piece becomes "<b>"
 */
function sanitizeHtmlTokens(tokens: readonly Token[]): void {
  // Made on the first raw piece: most articles have none, and the parser is per body.
  let stream: HtmlStream | undefined;
  const visit = (list: readonly Token[]): void => {
    for (const token of list) {
      if (token.type === "html_block" || token.type === "html_inline") {
        token.content = (stream ??= new HtmlStream()).write(token.content);
      }
      // An image's children are its alt text, which the image rule writes escaped, never as HTML.
      if (token.children && token.type !== "image") visit(token.children);
    }
  };
  visit(tokens);
  stream?.end();
}
