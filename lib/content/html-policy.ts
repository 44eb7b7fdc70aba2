/**
 * Which raw HTML and which addresses an article body may hold, judged on what markdown-it makes of
 * the body: its `html_block` and `html_inline` pieces are parsed (html-stream.ts) against the
 * allowlist (html-allowlist.ts), and every link and image address is judged after markdown-it's
 * own decoding and normalisation. Each refused construct is named with its line.
 */
import MarkdownIt, { type Token } from "markdown-it";
import { urlProblem } from "./html-allowlist.ts";
import { HtmlStream } from "./html-stream.ts";

/** One refused construct: its 1-based line within the body and a Vietnamese explanation. */
export interface HtmlViolation {
  readonly line: number;
  readonly message: string;
}

/** An address a body links to (Markdown link or `<a href>`), as markdown-it or the parser decoded it. */
export interface BodyHref {
  readonly line: number;
  readonly href: string;
}

export interface BodyInspection {
  readonly violations: HtmlViolation[];
  readonly hrefs: BodyHref[];
}

// The renderer's settings (markdown.ts), except that every written address becomes a link token:
// markdown-it would otherwise show a refused `[a](javascript:…)` as text, and the author would not know.
const checker = new MarkdownIt({ html: true, linkify: false, typographer: false });
checker.validateLink = () => true;
// Entities and backslash escapes stay separate tokens, so `&lt;b&gt;` (text on purpose) is not judged
// as a tag below, while a malformed tag markdown-it shows as text (`<a/onclick=…>`) is.
checker.core.ruler.disable("text_join");

/** Parses a body into markdown-it tokens, as the checks here see it. */
export function parseBody(body: string): Token[] {
  return checker.parse(body, {});
}

/**
 * Finds every refused HTML construct and address of a body, and lists the addresses it links to.
 * @example inspectBody('a\n<iframe src="x">').violations // [{ line: 2, message: "thẻ HTML <iframe> …" }]
 */
export function inspectBody(source: string | readonly Token[]): BodyInspection {
  const tokens = typeof source === "string" ? parseBody(source) : source;
  const violations: HtmlViolation[] = [];
  const hrefs: BodyHref[] = [];
  const address = (url: string, kind: "link" | "image", line: number): void => {
    const problem = urlProblem(url, kind);
    if (problem !== undefined) violations.push({ line, message: problem });
    else if (kind === "link") hrefs.push({ line, href: url });
  };
  let line = 1;
  for (const token of tokens) {
    if (token.map) line = token.map[0] + 1;
    if (token.type === "html_block") judgeHtml([{ text: token.content, line }], violations, hrefs);
    if (token.type !== "inline") continue;
    const pieces: HtmlPiece[] = [];
    let offset = 0;
    for (const child of token.children ?? []) {
      if (child.type === "html_inline") pieces.push({ text: child.content, line: line + offset });
      else if (child.type === "link_open")
        address(String(child.attrGet("href") ?? ""), "link", line + offset);
      else if (child.type === "image") address(String(child.attrGet("src") ?? ""), "image", line + offset);
      else if (child.type === "text" && child.content.includes("<")) {
        violations.push(...textAsHtml(child.content, line + offset));
      }
      offset += child.type === "softbreak" || child.type === "hardbreak" ? 1 : newlines(child.content);
    }
    if (pieces.length > 0) judgeHtml(pieces, violations, hrefs);
  }
  return {
    violations: violations.sort((a, b) => a.line - b.line),
    hrefs: hrefs.sort((a, b) => a.line - b.line),
  };
}

interface HtmlPiece {
  readonly text: string;
  /** 1-based line of the piece's first character in the body. */
  readonly line: number;
}

/**
 * Judges the raw HTML pieces of one block (an HTML block, or the tags of one paragraph) as one
 * stream. Why per block and not per body: an unclosed `<iframe>` would otherwise hide every later
 * refusal from the author; the renderer's single stream drops all of it anyway.
 */
function judgeHtml(pieces: readonly HtmlPiece[], violations: HtmlViolation[], hrefs: BodyHref[]): void {
  const stream = new HtmlStream();
  const starts: number[] = [];
  let consumed = 0;
  for (const piece of pieces) {
    starts.push(consumed);
    consumed += piece.text.length;
    stream.write(piece.text);
  }
  stream.end();
  const lineAt = (index: number): number => {
    let i = starts.length - 1;
    while (i > 0 && (starts[i] ?? 0) > index) i--;
    const piece = pieces[i] ?? { text: "", line: 1 };
    return piece.line + newlines(piece.text.slice(0, index - (starts[i] ?? 0)));
  };
  for (const finding of stream.findings)
    violations.push({ line: lineAt(finding.index), message: finding.message });
  for (const link of stream.links) hrefs.push({ line: lineAt(link.index), href: link.href });
}

/**
 * Finds unsafe HTML and addresses in a Markdown body, each with its 1-based line.
 * @example findUnsafeHtml('a\n<iframe src="x">') // [{ line: 2, message: "thẻ HTML <iframe> …" }]
 */
export function findUnsafeHtml(body: string): HtmlViolation[] {
  return inspectBody(body).violations;
}

/**
 * What a lenient reader (a feed reader, a browser given the text unescaped) would see as tags in a
 * stretch of text markdown-it refused as HTML, e.g. `<a/onclick=…>` or `<img src=x"onerror=…>`.
 * markdown-it publishes it as visible text, but it is a mistake or an attempt: the author is told.
 */
function textAsHtml(text: string, line: number): HtmlViolation[] {
  const stream = new HtmlStream({ prose: true });
  stream.write(text);
  stream.end();
  return stream.findings.map((f) => ({ line: line + newlines(text.slice(0, f.index)), message: f.message }));
}

const newlines = (text: string): number => {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
};
