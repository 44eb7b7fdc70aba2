/**
 * What a file beside an article really is, judged by its bytes (magic numbers and container
 * structure), never by its name: the photos the image pipeline decodes and the document attachments
 * state portals publish (decisions, reports). Anything else is `undefined`.
 *
 * Why not trust the extension: a name is the one thing an author (or an attacker) chooses freely; an
 * HTML page named `bao-cao.pdf` or a camera original named `anh.jpg.bak` must be told apart from the
 * real thing before anything is published.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** Photos sharp decodes; the pipeline publishes only encoded derivatives of them. */
const IMAGE_KINDS = ["jpeg", "png", "webp", "avif", "gif", "tiff"] as const;
/** Documents published as they are, under the article's URL, when the body links to them. */
const DOCUMENT_KINDS = ["pdf", "ole", "docx", "xlsx", "pptx", "odt", "ods", "odp"] as const;

export type ImageKind = (typeof IMAGE_KINDS)[number];
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** `heic`: recognised so that an iPhone photo gets a useful hint; sharp's build cannot decode it. */
export type FileKind = ImageKind | DocumentKind | "heic";

/**
 * The kinds each accepted extension may hold. `ole` is the Office 97–2003 compound file, which holds
 * `.doc`, `.xls` and `.ppt` alike: its container is checked, not which program wrote it.
 */
const EXTENSION_KINDS: Readonly<Record<string, FileKind>> = {
  jpg: "jpeg",
  jpeg: "jpeg",
  png: "png",
  webp: "webp",
  avif: "avif",
  gif: "gif",
  tif: "tiff",
  tiff: "tiff",
  pdf: "pdf",
  doc: "ole",
  xls: "ole",
  ppt: "ole",
  docx: "docx",
  xlsx: "xlsx",
  pptx: "pptx",
  odt: "odt",
  ods: "ods",
  odp: "odp",
};

/** Vietnamese names for messages. */
export const KIND_NAMES: Readonly<Record<FileKind, string>> = {
  jpeg: "ảnh JPEG",
  png: "ảnh PNG",
  webp: "ảnh WebP",
  avif: "ảnh AVIF",
  gif: "ảnh GIF",
  tiff: "ảnh TIFF",
  heic: "ảnh HEIC (iPhone)",
  pdf: "tài liệu PDF",
  ole: "tài liệu Office 97–2003 (.doc, .xls, .ppt)",
  docx: "tài liệu Word (.docx)",
  xlsx: "bảng tính Excel (.xlsx)",
  pptx: "trình chiếu PowerPoint (.pptx)",
  odt: "văn bản OpenDocument (.odt)",
  ods: "bảng tính OpenDocument (.ods)",
  odp: "trình chiếu OpenDocument (.odp)",
};

export const isImageKind = (kind: FileKind | undefined): kind is ImageKind =>
  (IMAGE_KINDS as readonly string[]).includes(kind ?? "");
export const isDocumentKind = (kind: FileKind | undefined): kind is DocumentKind =>
  (DOCUMENT_KINDS as readonly string[]).includes(kind ?? "");

/**
 * The kind a file name claims, from its last extension (case-insensitive), or undefined.
 * @example claimedKind("Quyết định.PDF") === "pdf"; claimedKind("anh.jpg.bak") === undefined
 */
export function claimedKind(name: string): FileKind | undefined {
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return undefined;
  return EXTENSION_KINDS[name.slice(dot + 1).toLowerCase()];
}

/** How much of the start of a file is read: enough for every signature and an ODF `mimetype` entry. */
const HEAD_BYTES = 4096;
/** A ZIP's end-of-central-directory record sits in its last 22 bytes + up to 65,535 of comment. */
const ZIP_TAIL_BYTES = 22 + 0xffff;
/** Larger central directories are not read: no real attachment has that many parts. */
const MAX_CENTRAL_DIRECTORY = 4 * 1024 * 1024;

/** Reads a file's first bytes (and, for a ZIP, its list of entries) and tells its kind. */
export function sniffFile(file: string): FileKind | undefined {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const head = readAt(fd, 0, Math.min(HEAD_BYTES, size));
    return sniffBytes(head, () => zipEntryNames(fd, size));
  } finally {
    closeSync(fd);
  }
}

/**
 * The kind of a file from its first bytes; `zipEntries` lists a ZIP's entry names when the
 * first bytes are a ZIP (OOXML is told from its parts, ODF from its `mimetype` entry).
 */
export function sniffBytes(
  head: Buffer,
  zipEntries: () => readonly string[] = () => [],
): FileKind | undefined {
  const starts = (bytes: readonly number[], at = 0): boolean => bytes.every((b, i) => head[at + i] === b);
  const ascii = (from: number, to: number): string => head.subarray(from, to).toString("latin1");
  if (starts([0xff, 0xd8, 0xff])) return "jpeg";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a") return "gif";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  if (starts([0x49, 0x49, 0x2a, 0x00]) || starts([0x4d, 0x4d, 0x00, 0x2a])) return "tiff";
  if (ascii(4, 8) === "ftyp") return isoMediaKind(head);
  if (ascii(0, 5) === "%PDF-") return "pdf";
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole";
  if (starts([0x50, 0x4b, 0x03, 0x04])) return openDocumentKind(head) ?? officeOpenXmlKind(zipEntries());
  return undefined;
}

/** AVIF or HEIC from an ISO media `ftyp` box: its major brand and compatible brands. */
function isoMediaKind(head: Buffer): FileKind | undefined {
  const boxSize = Math.min(head.readUInt32BE(0), head.length);
  const brands = [head.subarray(8, 12).toString("latin1")];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(head.subarray(at, at + 4).toString("latin1"));
  if (brands.some((b) => b === "avif" || b === "avis")) return "avif";
  if (brands.some((b) => ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"].includes(b)))
    return "heic";
  return undefined;
}

const ODF_TYPES: Readonly<Record<string, FileKind>> = {
  "application/vnd.oasis.opendocument.text": "odt",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "application/vnd.oasis.opendocument.presentation": "odp",
};

/** ODF packages start with a stored entry `mimetype` holding the document's media type. */
function openDocumentKind(head: Buffer): FileKind | undefined {
  if (head.length < 30) return undefined;
  const method = head.readUInt16LE(8);
  const dataSize = head.readUInt32LE(18);
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  if (method !== 0 || head.subarray(30, 30 + nameLength).toString("latin1") !== "mimetype") return undefined;
  const start = 30 + nameLength + extraLength;
  return ODF_TYPES[head.subarray(start, start + dataSize).toString("latin1")];
}

/** OOXML packages hold `[Content_Types].xml` and the main part's folder (`word/`, `xl/`, `ppt/`). */
function officeOpenXmlKind(names: readonly string[]): FileKind | undefined {
  if (!names.includes("[Content_Types].xml")) return undefined;
  if (names.includes("word/document.xml")) return "docx";
  if (names.includes("xl/workbook.xml")) return "xlsx";
  if (names.includes("ppt/presentation.xml")) return "pptx";
  return undefined;
}

/** Entry names from a ZIP's central directory (empty when there is none to read). */
function zipEntryNames(fd: number, size: number): string[] {
  const tailStart = Math.max(0, size - ZIP_TAIL_BYTES);
  const tail = readAt(fd, tailStart, size - tailStart);
  let end = -1;
  for (let at = tail.length - 22; at >= 0; at--) {
    if (tail.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return [];
  const count = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (directorySize > MAX_CENTRAL_DIRECTORY || directoryOffset + directorySize > size) return [];
  const directory = readAt(fd, directoryOffset, directorySize);
  const names: string[] = [];
  for (let at = 0, i = 0; i < count && at + 46 <= directory.length; i++) {
    if (directory.readUInt32LE(at) !== 0x02014b50) break;
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    names.push(directory.subarray(at + 46, at + 46 + nameLength).toString("utf8"));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, buffer, read, length - read, position + read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}
