/**
 * Failures of the machine rather than of the content (a full disk, a read-only or forbidden output
 * folder), told to the operator in one message, Vietnamese then English, naming the path.
 *
 * Why match messages too: errors from Node carry an errno `code` and the `path`, but sharp (libvips)
 * and Pagefind report the same failures as text ("No space left on device (os error 28)").
 */

interface Kind {
  readonly vi: string;
  readonly en: string;
  /** The C library's text for the code, as tools that do not pass the code on print it. */
  readonly text: string;
}

const KINDS: Readonly<Record<string, Kind>> = {
  ENOSPC: { vi: "ổ đĩa đã đầy", en: "no space left on device", text: "No space left on device" },
  EDQUOT: { vi: "đã hết hạn mức đĩa", en: "disk quota exceeded", text: "Disk quota exceeded" },
  EROFS: { vi: "ổ đĩa chỉ cho đọc", en: "read-only file system", text: "Read-only file system" },
  EACCES: { vi: "không có quyền ghi", en: "permission denied", text: "Permission denied" },
  EPERM: { vi: "thao tác không được phép", en: "operation not permitted", text: "Operation not permitted" },
};

/** The build could not write: what, where, and that the published site is unchanged. */
export class DiskError extends Error {
  constructor(
    readonly code: string,
    /** The file or folder that could not be written, when the error named it. */
    readonly where: string | undefined,
    readonly output: string,
  ) {
    const kind = KINDS[code] as Kind;
    const at = where ?? output;
    super(
      `Không ghi được trang web: ${kind.vi} (${code}) tại ${at}. Đã xóa bản dựng dở; trang đang có ở ${output} giữ nguyên.\n` +
        `Could not write the site: ${kind.en} (${code}) at ${at}. The unfinished build was removed; the site at ${output} is unchanged.`,
    );
    this.name = "DiskError";
  }
}

/** The disk failure somewhere in `error`'s cause chain (Eleventy wraps what it catches), or undefined. */
export function diskErrorOf(error: unknown, output: string): DiskError | undefined {
  const chain: Error[] = [];
  for (let current = error; current instanceof Error && chain.length < 20; current = current.cause)
    chain.push(current);
  // An error with its code names the path; wrappers only repeat its text, so they are the fallback.
  for (const current of chain) {
    // A failed copy names its source as `path` and the file it could not write as `dest`.
    const { code, path, dest } = current as NodeJS.ErrnoException & { dest?: string };
    if (code !== undefined && code in KINDS) return new DiskError(code, dest ?? path, output);
  }
  for (const current of chain) {
    const byText = Object.entries(KINDS).find(([, kind]) => current.message.includes(kind.text));
    if (byText) return new DiskError(byText[0], undefined, output);
  }
  return undefined;
}

/**
 * Names `file` in an error from writing it. Why: a write that fails after the file was opened (a disk
 * that fills up half way) carries an errno code but no path, and the operator needs to know where.
 */
export function withPath(error: unknown, file: string): unknown {
  if (error instanceof Error && "code" in error) (error as NodeJS.ErrnoException).path ??= file;
  return error;
}
