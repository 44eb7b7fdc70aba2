/**
 * Which raw HTML an article body may hold. markdown-it passes HTML through (authors write tables),
 * so anything that runs code or restyles the portal is refused here, with the line named.
 */

/** One refused construct: its 1-based line within the body and a Vietnamese explanation. */
export interface HtmlViolation {
  readonly line: number;
  readonly message: string;
}

const RULES: readonly { pattern: RegExp; message: (match: RegExpExecArray) => string }[] = [
  {
    pattern: /<\s*(script|iframe|object|embed|style|frame|frameset|applet|base|meta|link|form)\b/gi,
    message: (m) => `thẻ HTML <${(m[1] ?? "").toLowerCase()}> không được phép trong bài viết`,
  },
  {
    pattern: /<[a-z][^>]*?\s(on[a-z]+)\s*=/gi,
    message: (m) => `thuộc tính HTML ${(m[1] ?? "").toLowerCase()}= (chạy mã) không được phép`,
  },
  {
    pattern: /(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(?:javascript|vbscript|data\s*:\s*text\/html)/gi,
    message: () => "địa chỉ javascript: (hoặc tương tự) không được phép trong liên kết",
  },
  {
    pattern: /\]\(\s*<?\s*javascript:/gi,
    message: () => "liên kết Markdown tới javascript: không được phép",
  },
];

/**
 * Finds unsafe HTML in a Markdown body: script-like elements, `on*` handlers and `javascript:` URLs.
 * @example findUnsafeHtml('a\n<iframe src="x">') // [{ line: 2, message: "thẻ HTML <iframe> …" }]
 */
export function findUnsafeHtml(body: string): HtmlViolation[] {
  if (!/[<:]/.test(body)) return [];
  const lineOf = lineLocator(body);
  const found: HtmlViolation[] = [];
  for (const rule of RULES) {
    for (const match of body.matchAll(rule.pattern)) {
      found.push({ line: lineOf(match.index), message: rule.message(match as RegExpExecArray) });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/** Returns a function from a character index of `text` to its 1-based line number. */
export function lineLocator(text: string): (index: number) => number {
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  return (index) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}
