/**
 * The raw HTML an article body may hold: an allowlist of elements, of attributes on each, and of URL
 * schemes. Everything else is refused. Judged on parsed, entity-decoded values (see html-stream.ts),
 * never on the text as written.
 *
 * Why so few attributes: `id`, `class`, `style` and `data-*` would let an article restyle the portal,
 * collide with the site's own names (skip links, search UI, fragment targets) or rewrite its search
 * result (`data-pagefind-*`); event handlers and foreign content (SVG, MathML) run or animate code.
 */

/** Checks one attribute value; returns why it is refused, or undefined when it is fine. */
type ValueCheck = (value: string) => string | undefined;

/** Schemes a link may use; a scheme-less (relative, fragment) address is resolved as `https:`. */
const LINK_SCHEMES: ReadonlySet<string> = new Set(["http:", "https:", "mailto:", "tel:"]);
/** Schemes an image source may use: the image pipeline decides which of them it accepts. */
const IMAGE_SCHEMES: ReadonlySet<string> = new Set(["http:", "https:"]);
/** Any https base resolves relative addresses; its host is never used. */
const RELATIVE_BASE = "https://phuninh.invalid/";

/**
 * Why a URL is refused, judged as a browser reads it (the WHATWG URL parser drops tabs, newlines and
 * leading control characters, so `java\tscript:` is `javascript:`), or undefined when it is allowed.
 * @example urlProblem("javascript:alert(1)") // "liên kết tới địa chỉ javascript: không được phép…"
 */
export function urlProblem(url: string, kind: "link" | "image" = "link"): string | undefined {
  let protocol: string;
  try {
    protocol = new URL(url, RELATIVE_BASE).protocol;
  } catch {
    return `địa chỉ "${shorten(url)}" không hợp lệ: hãy kiểm tra lại liên kết`;
  }
  if ((kind === "link" ? LINK_SCHEMES : IMAGE_SCHEMES).has(protocol)) return undefined;
  const allowed =
    kind === "link"
      ? "https://, http://, mailto:, tel: hoặc đường dẫn trong trang"
      : "tệp ảnh trong thư mục bài viết";
  return `${kind === "link" ? "liên kết" : "ảnh"} tới địa chỉ ${protocol} không được phép: chỉ dùng ${allowed}`;
}

/** True when markdown-it may turn this (normalised) address into a link or an image. */
export const isAllowedUrl = (url: string): boolean => urlProblem(url) === undefined;

const shorten = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

const anyText: ValueCheck = () => undefined;
const linkUrl: ValueCheck = (value) => urlProblem(value);
const integer =
  (min: number, max: number): ValueCheck =>
  (value) =>
    /^\d{1,6}$/.test(value.trim()) && Number(value) >= min && Number(value) <= max
      ? undefined
      : `phải là số nguyên từ ${min} đến ${max}`;
const oneOf =
  (...values: string[]): ValueCheck =>
  (value) =>
    values.includes(value.trim()) ? undefined : `phải là một trong: ${values.join(", ")}`;
const flag = (name: string): ValueCheck => oneOf("", name);

/** Attributes every allowed element may carry. */
const GLOBAL: Readonly<Record<string, ValueCheck>> = { title: anyText, lang: anyText };

const cell = { colspan: integer(1, 1000), rowspan: integer(0, 65534), headers: anyText };

/** The allowed elements, with the attributes each may carry besides the global ones. */
const ELEMENTS: Readonly<Record<string, Readonly<Record<string, ValueCheck>>>> = {
  // Text.
  a: { href: linkUrl },
  ...Object.fromEntries(
    ["abbr", "b", "bdi", "br", "code", "dfn", "em", "i", "kbd", "mark", "s", "samp", "small", "span"]
      .concat(["strong", "sub", "sup", "u", "var", "wbr", "cite"])
      .map((name) => [name, {}]),
  ),
  q: { cite: linkUrl },
  del: { cite: linkUrl, datetime: anyText },
  ins: { cite: linkUrl, datetime: anyText },
  time: { datetime: anyText },
  // Blocks.
  ...Object.fromEntries(
    [
      "p",
      "div",
      "pre",
      "hr",
      "h2",
      "h3",
      "h4",
      "h5",
      "h6",
      "ul",
      "dl",
      "dt",
      "dd",
      "figure",
      "figcaption",
    ].map((name) => [name, {}]),
  ),
  blockquote: { cite: linkUrl },
  ol: { start: integer(0, 1000000), reversed: flag("reversed"), type: oneOf("1", "a", "A", "i", "I") },
  li: { value: integer(0, 1000000) },
  details: { open: flag("open") },
  summary: {},
  // Tables.
  ...Object.fromEntries(["table", "caption", "thead", "tbody", "tfoot", "tr"].map((name) => [name, {}])),
  colgroup: { span: integer(1, 1000) },
  col: { span: integer(1, 1000) },
  td: cell,
  th: { ...cell, scope: oneOf("row", "col", "rowgroup", "colgroup"), abbr: anyText },
};

/** True for an element of the allowlist. */
export const isAllowedElement = (name: string): boolean => Object.hasOwn(ELEMENTS, name);

/**
 * Every element name of HTML (current and obsolete ones browsers still honour), plus the roots of SVG
 * and MathML. Used to tell a tag from prose that only looks like one (`<<Luật Đất đai>>`).
 */
const HTML_ELEMENTS: ReadonlySet<string> = new Set(
  (
    "a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink " +
    "blockquote body br button canvas caption center cite code col colgroup data datalist dd del details " +
    "dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 " +
    "h4 h5 h6 head header hgroup hr html i iframe image img input ins isindex kbd keygen label legend li " +
    "link listing main map mark marquee math menu menuitem meta meter nav nobr noembed noframes noscript " +
    "object ol optgroup option output p param picture plaintext portal pre progress q rb rp rt rtc ruby s " +
    "samp script search section select slot small source spacer span strike strong style sub summary sup " +
    "svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp"
  ).split(" "),
);

/** True for a name a browser treats as an HTML element (or the root of SVG or MathML). */
export const isHtmlElement = (name: string): boolean => HTML_ELEMENTS.has(name);

const EMBEDS = new Set([
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "video",
  "audio",
  "canvas",
  "portal",
]);
const FORMS = new Set([
  "form",
  "input",
  "button",
  "select",
  "option",
  "textarea",
  "label",
  "fieldset",
  "output",
]);

/** Why an element is refused (Vietnamese, with what to do instead), or undefined when it is allowed. */
export function elementProblem(name: string): string | undefined {
  if (isAllowedElement(name)) return undefined;
  if (name === "img" || name === "picture") {
    return `thẻ <${name}> không được dùng: chèn ảnh bằng cú pháp Markdown ![mô tả](anh.jpg), để ảnh được xử lý (thu nhỏ, xoá vị trí GPS) và đăng đúng`;
  }
  if (name === "svg")
    return "hình SVG viết thẳng trong bài (<svg>) không được phép: hãy lưu thành ảnh PNG hoặc JPEG và chèn bằng ![mô tả](anh.png)";
  if (name === "math")
    return "công thức MathML (<math>) không được phép: hãy viết công thức bằng chữ, hoặc chèn ảnh bằng ![mô tả](cong-thuc.png)";
  if (name === "h1") return "thẻ <h1> là tên bài (trường title): trong bài, đề mục dùng ## (cấp 2) trở xuống";
  if (EMBEDS.has(name))
    return `thẻ HTML <${name}> không được phép trong bài viết: không nhúng nội dung trang khác, hãy đặt liên kết [tên](https://…)`;
  if (FORMS.has(name))
    return `thẻ HTML <${name}> không được phép trong bài viết: bài viết không chứa biểu mẫu`;
  if (!isHtmlElement(name)) {
    return `"<${name}" được hiểu là một thẻ HTML lạ và sẽ không hiện ra: nếu đây là chữ, hãy viết \\< thay cho <`;
  }
  return `thẻ HTML <${name}> không được phép trong bài viết: chỉ dùng Markdown, bảng và các thẻ định dạng chữ`;
}

/** Why an attribute of an allowed element is refused, or undefined when it is allowed. */
export function attributeProblem(element: string, name: string, value: string): string | undefined {
  const own = isAllowedElement(element) ? ELEMENTS[element] : undefined;
  // Own properties only: `constructor` or `__proto__` written as an attribute name is not a rule.
  const check =
    own && Object.hasOwn(own, name) ? own[name] : Object.hasOwn(GLOBAL, name) ? GLOBAL[name] : undefined;
  if (check) {
    const reason = check(value);
    if (reason === undefined) return undefined;
    return name === "href" || name === "cite"
      ? reason
      : `giá trị ${name}="${shorten(value)}" của thẻ <${element}> không hợp lệ: ${reason}`;
  }
  if (/^on/.test(name)) return `thuộc tính HTML ${name}= (chạy mã) không được phép: hãy xoá thuộc tính này`;
  if (name === "style")
    return "thuộc tính style= không được phép: định dạng do giao diện chung của trang quyết định, hãy xoá style";
  if (name.startsWith("data-")) {
    return `thuộc tính ${name}= không được phép: thuộc tính data-* điều khiển giao diện và công cụ tìm kiếm của trang`;
  }
  if (name === "id" || name === "class" || name === "name") {
    return `thuộc tính ${name}= không được phép: tên có thể trùng với giao diện của trang, hãy xoá`;
  }
  return `thuộc tính ${name}= không được phép trên thẻ <${element}>: hãy xoá`;
}
