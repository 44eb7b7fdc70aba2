/**
 * Parses the raw HTML pieces of one article body (what markdown-it passes through as `html_block`
 * and `html_inline`) with a real HTML parser, judges every element and attribute against the
 * allowlist after entity decoding, and re-serialises only what is allowed.
 *
 * Why one stream for all pieces of a body: an inline `<a href="…">` and its `</a>` arrive as two
 * pieces, and a `<table>` block may close in a later block; one parser sees them as a browser does.
 * Why re-serialise rather than pass the accepted text through: what is published is then exactly
 * what was judged, whatever a browser's parser would have made of the original spelling.
 */
import { Parser } from "htmlparser2";
import { escapeHtml } from "../text/html.ts";
import { attributeProblem, elementProblem, isAllowedElement, isHtmlElement } from "./html-allowlist.ts";

/** One refused construct, at a character index of the concatenated pieces. */
export interface HtmlFinding {
  readonly index: number;
  readonly message: string;
}

/** Refused elements whose content goes with them: raw text, foreign content, embedded documents. */
const OPAQUE = new Set(
  ["script", "style", "template", "svg", "math", "iframe", "noscript", "noembed", "noframes"].concat([
    "textarea",
    "title",
    "xmp",
    "plaintext",
    "object",
    "select",
    "frameset",
    "head",
  ]),
);
const VOID = new Set(["br", "wbr", "hr", "col"]);

interface Open {
  readonly name: string;
  /** Written to the output, so its closing tag is too. */
  readonly kept: boolean;
  readonly opaque: boolean;
}

/** Links (`<a href>`) the allowed HTML holds, at a character index of the concatenated pieces. */
export interface HtmlLink {
  readonly index: number;
  readonly href: string;
}

export class HtmlStream {
  readonly findings: HtmlFinding[] = [];
  readonly links: HtmlLink[] = [];
  private readonly parser: Parser;
  private readonly open: Open[] = [];
  private opaqueDepth = 0;
  private output = "";
  private consumed = 0;

  /**
   * `prose: true` for text markdown-it did not take as HTML: only real element names are judged there
   * (`<<Luật Đất đai>>` is prose), and `a <b` at its end is not an unfinished tag.
   */
  constructor(private readonly options: { prose?: boolean } = {}) {
    this.parser = new Parser(
      {
        onopentag: (name, attributes) => this.openTag(name, attributes),
        onclosetag: (name, isImplied) => this.closeTag(name, isImplied),
        ontext: (text) => {
          if (this.opaqueDepth === 0) this.output += escapeHtml(text);
        },
        oncomment: (text) => {
          // A note to fellow editors is harmless (and dropped); one holding markup hides it from some reader.
          if (/[<>]/.test(text))
            this.refuse("chú thích HTML <!-- … --> chứa thẻ HTML: hãy xoá chú thích này");
        },
        onprocessinginstruction: (name) =>
          this.refuse(`khai báo HTML <${name} …> không được phép trong bài viết`),
      },
      {
        decodeEntities: true,
        lowerCaseTags: true,
        lowerCaseAttributeNames: true,
        recognizeSelfClosing: false,
      },
    );
  }

  /** Parses the next piece; returns its allowed HTML, re-serialised. */
  write(piece: string): string {
    this.output = "";
    const start = this.consumed;
    this.parser.write(piece);
    this.consumed += piece.length;
    // The parser holds back a construct it has not seen the end of: an unclosed tag, quote or comment.
    if (this.options.prose !== true && piece.length > 0 && this.parser.endIndex < this.consumed - 1) {
      this.findings.push({
        index: Math.max(start, this.parser.endIndex + 1),
        message: 'thẻ HTML viết dở (thiếu dấu ">", dấu nháy hoặc "-->" đóng): hãy sửa lại',
      });
    }
    return this.output;
  }

  /** Ends the stream: tags still open close implicitly, as a browser closes them. */
  end(): void {
    this.parser.end();
  }

  private refuse(message: string): void {
    if (this.opaqueDepth === 0) this.findings.push({ index: this.parser.startIndex, message });
  }

  private openTag(name: string, attributes: Record<string, string>): void {
    const judged = this.options.prose !== true || isHtmlElement(name);
    const problem = judged ? elementProblem(name) : undefined;
    if (problem !== undefined) this.refuse(problem);
    const opaque = OPAQUE.has(name);
    const kept = this.opaqueDepth === 0 && isAllowedElement(name);
    this.open.push({ name, kept, opaque });
    if (opaque) this.opaqueDepth++;
    if (!kept) return;
    let html = `<${name}`;
    for (const [attribute, value] of Object.entries(attributes)) {
      const refused = judged ? attributeProblem(name, attribute, value) : undefined;
      if (refused !== undefined) this.refuse(refused);
      else html += value === "" ? ` ${attribute}` : ` ${attribute}="${escapeHtml(value)}"`;
      if (refused === undefined && name === "a" && attribute === "href")
        this.links.push({ index: this.parser.startIndex, href: value });
    }
    this.output += `${html}>`;
  }

  private closeTag(name: string, isImplied: boolean): void {
    const entry = this.open.pop();
    if (!entry) return;
    if (entry.opaque) this.opaqueDepth--;
    if (entry.kept && !isImplied && !VOID.has(name)) this.output += `</${name}>`;
  }
}
