/**
 * Every file under `content/` is accounted for. The content folder holds `articles/` and `_data/`;
 * `_data/` holds the data files lib/content reads (JSON); `articles/` holds one folder per article;
 * an article folder holds its `index.md`, the photos it shows and the documents its body links to,
 * each judged by its bytes (lib/content/file-type.ts). Anything else is an error naming the file.
 *
 * Why: whatever is not accounted for could be published or run by something that globs a folder;
 * here nothing is read, encoded or copied unless this inventory named it.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import { missingFileMessage } from "./file-names.ts";
import type { Problem } from "./problems.ts";
import { unreadableImageMessage } from "../images/check.ts";
import { localFileName, type FileReference } from "./file-refs.ts";
import {
  claimedKind,
  isDocumentKind,
  isImageKind,
  KIND_NAMES,
  sniffFile,
  type DocumentKind,
  type FileKind,
} from "./file-type.ts";

/** The data files lib/content reads from `content/_data`; no other file may sit there. */
const DATA_FILES = ["site.json"] as const;

/** Left by operating systems and editors; never read or published, so only a warning. */
const SYSTEM_LITTER = /^(?:\.DS_Store|Thumbs\.db|desktop\.ini|\.gitkeep|\._.+)$/i;

const ACCEPTED =
  "chỉ được có index.md, ảnh (JPEG, PNG, WebP, AVIF, GIF, TIFF) dùng trong bài và tài liệu (PDF, Word, Excel, PowerPoint, OpenDocument) bài viết liên kết tới";

/** A document the body links to, published as it is under the article's URL. */
export interface Attachment {
  /** File name, also its name under the article's URL. */
  readonly name: string;
  readonly path: string;
  readonly kind: DocumentKind;
}

/** One entry of an article folder as listed (and what its stamp is made of). */
export interface FolderEntry {
  readonly name: string;
  readonly dirent: Dirent;
  /** `size:mtime` of a regular file, so a file changed in place gives the folder a new stamp. */
  readonly stamp: string;
}

/**
 * Names of each folder as last read, kept while the folder's mtime is unchanged (adding, removing or
 * renaming a file changes it). Why: the loader lists every article folder on each call (three per
 * build, one per dev-server rebuild); re-reading 10,000 folders cost more than the rest of a warm load.
 */
const listings = new Map<string, { mtimeMs: number; dirents: Dirent[] }>();

/** The entries of a folder, sorted by name, read again only when the folder's mtime changed. */
function folderDirents(dir: string): readonly Dirent[] {
  const mtimeMs = statSync(dir).mtimeMs;
  let listing = listings.get(dir);
  if (listing?.mtimeMs !== mtimeMs) {
    const dirents = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    listing = { mtimeMs, dirents };
    listings.set(dir, listing);
  }
  return listing.dirents;
}

/** True when an article folder holds an `index.md` that is a file (not a link or a folder). */
export function hasIndexFile(dir: string): boolean {
  return folderDirents(dir).some((e) => e.name === "index.md" && e.isFile());
}

/** Lists an article folder (names sorted), for `inventoryArticle` and the loader's cache stamp. */
export function listFolder(dir: string): FolderEntry[] {
  return folderDirents(dir).map((dirent) => {
    if (!dirent.isFile() || dirent.name === "index.md") return { name: dirent.name, dirent, stamp: "" };
    const stats = statSync(path.join(dir, dirent.name));
    return { name: dirent.name, dirent, stamp: `${stats.size}:${stats.mtimeMs}:${stats.ino}` };
  });
}

export interface ArticleFiles {
  readonly problems: Problem[];
  /** Absolute path of each reference's file, by `src` as written, for references that resolve. */
  readonly paths: ReadonlyMap<string, string>;
  readonly attachments: readonly Attachment[];
}

/**
 * Checks one article folder against what its `index.md` references (undefined when the file could
 * not be parsed: then only the files that are wrong whatever it says are reported).
 * `markdownFile` is the project-relative path of `index.md`, for messages.
 */
export function inventoryArticle(
  dir: string,
  markdownFile: string,
  entries: readonly FolderEntry[],
  refs: readonly FileReference[] | undefined,
  judged: FolderJudgement = judgeFolder(dir, entries),
): ArticleFiles {
  const problems: Problem[] = [];
  const fileProblem = (name: string, message: string, severity: Problem["severity"] = "error"): void => {
    problems.push({
      file: path.join(path.dirname(markdownFile), name),
      line: 1,
      field: "(tệp)",
      message,
      severity,
    });
  };
  const kinds = new Map<string, FileKind>();
  const refused = new Map<string, string>();
  for (const [name, judgement] of judged) {
    if ("kind" in judgement) kinds.set(name, judgement.kind);
    else {
      fileProblem(name, judgement.message, judgement.severity);
      refused.set(name, judgement.message);
    }
  }
  const paths = new Map<string, string>();
  const attachments = new Map<string, Attachment>();
  if (refs === undefined) return { problems, paths, attachments: [] };

  const used = new Set<string>();
  const realDir = realpathSync(dir);
  // References are NFC (the loader normalises the text); a name copied from macOS may be NFD on disk.
  const onDisk = new Map(entries.map((e) => [e.name.normalize("NFC"), e.name]));
  for (const ref of refs) {
    const problem = (message: string): void => {
      problems.push({ file: markdownFile, line: ref.line, field: ref.field, message, severity: "error" });
    };
    const resolved = localFileName(ref.src);
    if ("error" in resolved) {
      problem(resolved.error);
      continue;
    }
    const name = resolved.name.normalize("NFC");
    const diskName = onDisk.get(name) ?? name;
    const file = path.join(dir, diskName);
    used.add(diskName);
    const kind = kinds.get(diskName);
    if (kind === undefined) {
      const reason = refused.get(diskName);
      if (reason === undefined)
        problem(
          missingFileMessage(dir, name, ref.use === "image" ? "tệp ảnh" : "tệp") ??
            `không tìm thấy tệp "${ref.src}" trong thư mục bài viết`,
        );
      else if (ref.use === "image") problem(unreadableImageMessage(ref.src, reason));
      else problem(`tài liệu "${ref.src}" không dùng được: ${reason}`);
      continue;
    }
    // The inventory refuses symbolic links; this holds even if a folder on the way is one.
    if (path.dirname(realpathSync(file)) !== realDir) {
      problem(`"${ref.src}" trỏ ra ngoài thư mục bài viết`);
      continue;
    }
    if (ref.use === "image" && !isImageKind(kind)) {
      problem(
        `"${ref.src}" không phải ảnh (là ${KIND_NAMES[kind]}): chỉ chèn ảnh JPEG, PNG, WebP, AVIF, GIF, TIFF`,
      );
    } else if (ref.use === "attachment" && !isDocumentKind(kind)) {
      problem(
        `liên kết tới "${ref.src}" (${KIND_NAMES[kind]}): ảnh gốc không bao giờ được xuất bản; hãy chèn ảnh bằng ![mô tả](${name})`,
      );
    } else {
      paths.set(ref.src, file);
      if (isDocumentKind(kind)) attachments.set(name, { name, path: file, kind });
    }
  }
  for (const [name, kind] of kinds) {
    if (used.has(name)) continue;
    if (isImageKind(kind)) {
      fileProblem(
        name,
        "ảnh không được dùng trong bài nên không được xuất bản: hãy chèn vào bài hoặc xoá tệp",
        "warning",
      );
    } else {
      fileProblem(
        name,
        `${KIND_NAMES[kind]} không được bài viết liên kết tới: thêm liên kết [Tên tài liệu](${name}) vào bài hoặc xoá tệp`,
      );
    }
  }
  return { problems, paths, attachments: [...attachments.values()] };
}

/** What one entry of an article folder is: its kind when it may stay, else what is wrong with it. */
export type Judged = { kind: FileKind } | { message: string; severity: Problem["severity"] };

/** Each entry of an article folder but its `index.md`, judged, in the listing's order. */
export type FolderJudgement = ReadonlyMap<string, Judged>;

/**
 * Judges every entry of an article folder by its name, type and bytes. Everything the inventory
 * learns from the files beside `index.md` is in the result, so the loader's cache
 * (lib/content/load-cache.ts) can key on it.
 */
export function judgeFolder(dir: string, entries: readonly FolderEntry[]): FolderJudgement {
  const judged = new Map<string, Judged>();
  for (const { name, dirent } of entries) {
    if (name === "index.md" && dirent.isFile()) continue;
    judged.set(name, judgeEntry(dir, name, dirent));
  }
  return judged;
}

/** One entry, whatever the article says: its kind when it may stay, else what is wrong with it. */
function judgeEntry(dir: string, name: string, dirent: Dirent): Judged {
  const refuse = (message: string, severity: Problem["severity"] = "error"): Judged => ({
    message,
    severity,
  });
  if (dirent.isSymbolicLink()) {
    return refuse(
      "liên kết tượng trưng (symlink) không được phép trong content/: hãy chép tệp thật vào thư mục bài viết",
    );
  }
  if (dirent.isDirectory()) {
    return refuse(
      "thư mục con không được phép trong thư mục bài viết: đặt ảnh và tài liệu ngay cạnh index.md",
    );
  }
  if (!dirent.isFile()) {
    return refuse(`không phải tệp thông thường: ${ACCEPTED}`);
  }
  if (SYSTEM_LITTER.test(name)) {
    return refuse("tệp của hệ điều hành, không được đọc hay xuất bản: nên xoá", "warning");
  }
  if (/\.(?:md|markdown|mdown|mkd)$/i.test(name)) {
    return refuse(
      "chỉ tệp index.md (chữ thường) của mỗi thư mục được đọc: đổi tên tệp này thành index.md hoặc xoá",
    );
  }
  const claimed = claimedKind(name);
  const actual = sniffFile(path.join(dir, name));
  if (actual === "heic") {
    return refuse(`nội dung là ${KIND_NAMES.heic}, không đọc được: hãy lưu lại ảnh dạng JPEG`);
  }
  if (claimed === undefined) {
    const hint = actual
      ? `; tệp này là ${KIND_NAMES[actual]}: nếu bài dùng tệp, đổi đuôi thành .${extensionOf(actual)}, nếu không thì xoá`
      : "";
    return refuse(`loại tệp không được phép (${ACCEPTED})${hint}`);
  }
  if (actual !== claimed) {
    const what = actual === undefined ? `không phải ${KIND_NAMES[claimed]}` : `là ${KIND_NAMES[actual]}`;
    return refuse(`tên tệp ghi là ${KIND_NAMES[claimed]} nhưng nội dung ${what}: hãy dùng tệp gốc đúng loại`);
  }
  return { kind: actual };
}

const extensionOf = (kind: FileKind): string =>
  (({ jpeg: "jpg", tiff: "tif", ole: "doc" }) as Record<string, string>)[kind] ?? kind;

/**
 * The top of a content folder: only `articles/` and `_data/`; only `DATA_FILES` in `_data/`; only
 * real folders (not links) in `articles/`, each with its `index.md`.
 */
export function inventoryContent(contentDir: string, projectDir: string): Problem[] {
  const problems: Problem[] = [];
  const problem = (file: string, message: string, severity: Problem["severity"] = "error"): void => {
    problems.push({ file: path.relative(projectDir, file), line: 1, field: "(tệp)", message, severity });
  };
  const check = (dir: string, expect: (entry: Dirent, file: string) => string | undefined): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isFile() && SYSTEM_LITTER.test(entry.name)) {
        problem(file, "tệp của hệ điều hành, không được đọc hay xuất bản: nên xoá", "warning");
        continue;
      }
      if (entry.isSymbolicLink()) {
        problem(
          file,
          "liên kết tượng trưng (symlink) không được phép trong content/: hãy đặt tệp hoặc thư mục thật",
        );
        continue;
      }
      const message = expect(entry, file);
      if (message !== undefined) problem(file, message);
    }
  };
  check(contentDir, (entry) =>
    entry.isDirectory() && (entry.name === "articles" || entry.name === "_data")
      ? undefined
      : "content/ chỉ chứa thư mục articles/ (các bài viết) và _data/ (thiết lập trang)",
  );
  check(path.join(contentDir, "_data"), (entry) =>
    entry.isFile() && (DATA_FILES as readonly string[]).includes(entry.name)
      ? undefined
      : `content/_data chỉ chứa ${DATA_FILES.join(", ")}: tệp khác (nhất là mã .js) không bao giờ được đọc`,
  );
  check(path.join(contentDir, "articles"), (entry, file) => {
    if (!entry.isDirectory())
      return "mỗi bài viết là một thư mục trong content/articles/ chứa index.md; không đặt tệp trực tiếp ở đây";
    if (hasIndexFile(file)) return undefined;
    const inside = folderDirents(file);
    const names = inside.map((e) => e.name);
    const near = names.find((n) => /^index\.|\.(?:md|markdown)$/i.test(n));
    return `thư mục bài viết thiếu index.md${near ? `: đổi tên "${near}" thành index.md` : ""}`;
  });
  return problems;
}
