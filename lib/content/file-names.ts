/**
 * Whether a file an article names is really in its folder, spelled exactly, and if not, the file the
 * author probably meant. Why exactly: Windows and macOS find `ẢNH.JPG` for `ảnh.jpg`, so an article
 * checked on an official's computer would lose its photo on the Linux build machine.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { foldDiacritics } from "../text/fold.ts";

/** Equal for names that differ only in case, marks, Unicode form, separators or `.jpeg`/`.jpg`. */
function looseFileKey(name: string): string {
  return foldDiacritics(name)
    .replace(/\.jpeg$/, ".jpg")
    .replace(/[\s_-]+/g, "-");
}

/**
 * Why `name` (a path relative to `dir`, already decoded) does not name a file there, in Vietnamese
 * with a "did you mean", or undefined when it does.
 * @example missingFileMessage(dir, "Anh Hoi Nghi.jpg") // 'không tìm thấy tệp "Anh Hoi Nghi.jpg" …; có phải ý bạn là "ảnh-hội-nghị.jpg" ?'
 */
export function missingFileMessage(dir: string, name: string, what = "tệp"): string | undefined {
  const folder = path.dirname(path.join(dir, name));
  const base = path.basename(name);
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return `không tìm thấy ${what} "${name}" trong thư mục bài viết`;
  }
  if (entries.includes(base)) return undefined;
  const twin = entries.find((entry) => entry.normalize("NFC") === base.normalize("NFC"));
  if (twin) {
    return `tên ${what} "${base}" trên đĩa được ghi dấu theo kiểu Unicode khác (NFD) nên máy chủ không tìm thấy: hãy đổi tên tệp, tốt nhất là chữ thường không dấu, ví dụ anh-hoi-nghi.jpg`;
  }
  const near = entries.filter((entry) => looseFileKey(entry) === looseFileKey(base));
  const hint =
    near.length > 0
      ? `; có phải ý bạn là ${near.map((n) => `"${n}"`).join(" hay ")} ? (tên tệp phải viết đúng từng chữ hoa, chữ thường và dấu)`
      : "";
  // A case-insensitive disk finds it, but the build machine's will not.
  if (near.length === 0 && existsSync(path.join(dir, name))) return undefined;
  return `không tìm thấy ${what} "${name}" trong thư mục bài viết${hint}`;
}
