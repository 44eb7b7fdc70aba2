/**
 * The files an article points at in its own folder: the lead photo (`image.src`), the body's images
 * and the documents its body links to, each with its field and line; and the one rule that turns a
 * reference into a file name.
 *
 * Why one rule, applied after decoding: `..%2F..%2Fx.jpg`, `./a/../../x.jpg` and `/etc/x.jpg` must
 * all be refused the same way, whether they sit in front matter, in a Markdown image or in a link.
 */
import type { BodyImage } from "./article.ts";

export interface FileReference {
  /** As written (a Markdown `src` as `listBodyImages` decoded it), for messages and lookups. */
  readonly src: string;
  /** An image is encoded by the pipeline; an attachment is published as it is. */
  readonly use: "image" | "attachment";
  readonly field: "image.src" | "body";
  /** 1-based line in the Markdown file. */
  readonly line: number;
}

/** A link's last segment that names a file (`bao-cao.pdf`), as opposed to a page (`../bai-khac/`). */
const FILE_NAME = /\.[a-z0-9]{1,5}$/i;

/**
 * Every local file reference of an article: `image.src` from front matter (when it is a string),
 * then the body's images and its links to files (Markdown and `<a href>`, as the HTML check lists
 * them, lines in the Markdown file). An image on another site is listed too, for the inventory to
 * refuse. Raw `<img>` never gets here: the HTML allowlist refuses it.
 */
export function fileReferences(
  data: unknown,
  lines: ReadonlyMap<string, number>,
  images: readonly BodyImage[],
  links: readonly { readonly line: number; readonly href: string }[],
): FileReference[] {
  const files: FileReference[] = [];
  const image = (data as { image?: { src?: unknown } } | null)?.image;
  if (image && typeof image === "object" && typeof image.src === "string") {
    files.push({ src: image.src, use: "image", field: "image.src", line: lines.get("image") ?? 1 });
  }
  const body: FileReference[] = [];
  // Every image, another site's included: a page shows only photos of its own folder, encoded here
  // (no reader's address sent to a third party, no image that can change after review).
  for (const { src, line } of images) body.push({ src, use: "image", field: "body", line });
  for (const { href, line } of links) {
    if (!isExternalSource(href) && FILE_NAME.test(withoutQuery(href)))
      body.push({ src: href, use: "attachment", field: "body", line });
  }
  return [...files, ...body.sort((a, b) => a.line - b.line)];
}

const withoutQuery = (src: string): string => src.replace(/[?#].*$/s, "");

/**
 * True for a reference that names no file of the article's folder: a scheme (`https:`, `data:`,
 * `mailto:`), a site path (`/…`, `//host`), or the page itself (`#…`, `?…`). The one test of it, for
 * the loader, the inventory and the renderers alike.
 * @example isExternalSource("anh.jpg") === false && isExternalSource("/assets/banner.png") === true
 */
export function isExternalSource(src: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:|[/#?])/i.test(src.trim());
}

/**
 * The name of the file a local reference means in its article folder, or why it names none: the
 * query and fragment are dropped (`bao-cao.pdf#page=2`), percent-escapes decoded, a leading `./`
 * allowed; what remains must be one file name: no folder, no `..`, no backslash.
 * @example localFileName("Quy%E1%BA%BFt-%C4%91%E1%BB%8Bnh.pdf#page=2") // { name: "Quyết-định.pdf" }
 * @example localFileName("..%2Fbai-khac%2Fanh.jpg") // { error: "…" }
 */
export function localFileName(src: string): { name: string } | { error: string } {
  if (isExternalSource(src)) {
    return { error: `"${src}" không phải tên tệp trong thư mục bài viết: chỉ dùng tên tệp, ví dụ anh-1.jpg` };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(withoutQuery(src));
  } catch {
    return { error: `"${src}" có mã %… không hợp lệ: hãy viết tên tệp như trong thư mục bài viết` };
  }
  const name = decoded.replace(/^(?:\.\/)+/, "");
  if (name === "" || name === "." || name === ".." || /[/\\\0]/.test(name)) {
    return {
      error: `"${src}" trỏ ra ngoài thư mục bài viết: ảnh và tài liệu phải đặt ngay cạnh index.md và chỉ ghi tên tệp`,
    };
  }
  return { name };
}
