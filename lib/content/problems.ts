/**
 * Problems found in content, reported all together with file, line and field.
 */

export interface Problem {
  /** Path relative to the project, e.g. `content/articles/x/index.md`. */
  readonly file: string;
  readonly line: number;
  /** The front-matter field, or `body`, `(đầu bài)` for the front matter as a whole, `(tệp)` for the file. */
  readonly field: string;
  readonly message: string;
  readonly severity: "error" | "warning";
}

/** Formats one problem as `file:line  field: message`. */
export function formatProblem(problem: Problem): string {
  const tag = problem.severity === "error" ? "lỗi" : "cảnh báo";
  return `${problem.file}:${problem.line}  [${tag}] ${problem.field}: ${problem.message}`;
}

/** Thrown when content has errors; its message lists every one of them. */
export class ContentError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    const errors = problems.filter((p) => p.severity === "error");
    super(
      `Nội dung có ${errors.length} lỗi (content has ${errors.length} error(s)):\n` +
        errors.map((p) => `  ${formatProblem(p)}`).join("\n"),
    );
    this.name = "ContentError";
    this.problems = problems;
  }
}
