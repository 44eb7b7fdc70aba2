/**
 * Photos and file links markdown-it could not read, which it would publish as plain text
 * (`![](Ảnh Hội Nghị.JPG)`: a link destination may not hold spaces), found on the parsed body so
 * code spans and code blocks are left alone, and reported with the exact fix.
 */
import type { Token } from "markdown-it";
import { slugify } from "../text/slug.ts";

/** `![alt](dest)` or `[text](dest)` left in the text of a parsed paragraph. */
const UNREAD = /(!?)\[([^\]\n]*)\]\(([^)\n]*)\)?/g;
/** A destination naming a file (an extension at the end), as photos and attachments do. */
const FILE_LIKE = /\.[a-z0-9]{2,5}$/i;

/**
 * Each unread photo or file link of a parsed body (markdown-it tokens) with its 1-based line in the
 * body and the fix.
 * @example unreadReferences(parseBody("![](Ảnh Hội Nghị.JPG)"))[0].message // '… viết ![mô tả ảnh](<Ảnh Hội Nghị.JPG>) …'
 */
export function unreadReferences(tokens: readonly Token[]): { line: number; message: string }[] {
  const found: { line: number; message: string }[] = [];
  for (const block of tokens) {
    if (block.type !== "inline" || !block.map) continue;
    let cursor = 0;
    for (const child of block.children ?? []) {
      if (child.type !== "text") continue;
      for (const match of child.content.matchAll(UNREAD)) {
        const [whole, bang = "", label = "", dest = ""] = match;
        const isImage = bang === "!";
        if (!isImage && !(/\s/.test(dest.trim()) && FILE_LIKE.test(dest.trim()))) continue;
        const at = block.content.indexOf(whole, cursor);
        if (at !== -1) cursor = at + whole.length;
        const line = block.map[0] + 1 + (at === -1 ? 0 : countLines(block.content, at));
        found.push({ line, message: fixFor(isImage, label, dest.trim(), whole.endsWith(")")) });
      }
    }
  }
  return found;
}

function fixFor(isImage: boolean, label: string, dest: string, closed: boolean): string {
  const what = isImage ? "ảnh" : "liên kết";
  const shown = isImage ? `![${label || "mô tả ảnh"}]` : `[${label}]`;
  if (!closed) return `${what} "${dest}" thiếu dấu ) đóng nên sẽ hiện thành chữ: viết ${shown}(${dest})`;
  if (/\s/.test(dest) && !dest.startsWith("<")) {
    const renamed = FILE_LIKE.test(dest)
      ? `${slugify(dest.replace(FILE_LIKE, ""))}${(FILE_LIKE.exec(dest)?.[0] ?? "").toLowerCase()}`
      : "";
    const rename = renamed ? `, hoặc đổi tên tệp thành ${renamed} rồi viết ${shown}(${renamed})` : "";
    return `${what} "${dest}" sẽ hiện thành chữ vì tên tệp có dấu cách: viết ${shown}(<${dest}>)${rename}`;
  }
  return `${what} này không đọc được nên sẽ hiện thành chữ: viết đúng dạng ${isImage ? "![mô tả ảnh](ten-tep.jpg)" : "[chữ hiện ra](ten-tep.pdf)"}`;
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) lines++;
  return lines;
}
