/**
 * The W3C Nu HTML Checker (npm `vnu-jar`) over a whole output folder in one JVM start.
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** One message of the checker, with the file relative to the checked folder. */
export interface VnuMessage {
  readonly type: string;
  readonly file: string;
  readonly line?: number;
  readonly message: string;
  readonly extract?: string;
}

interface RawMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  firstLine?: number;
  message: string;
  extract?: string;
}

/** The path of `vnu.jar`, from the package's own export. */
export function vnuJarPath(): string {
  return String(createRequire(import.meta.url)("vnu-jar"));
}

/**
 * Runs the checker over every HTML file under `dir`; resolves with its errors (warnings dropped).
 * Rejects, naming the cause, when Java is missing or the checker's output is not its JSON report.
 */
export async function checkHtml(dir: string, java = process.env.JAVA ?? "java"): Promise<VnuMessage[]> {
  const root = path.resolve(dir);
  const stderr = await new Promise<string>((resolve, reject) => {
    execFile(
      java,
      ["-jar", vnuJarPath(), "--format", "json", "--skip-non-html", root],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderrText) => {
        // Exit code 1 only means "errors found"; a missing java is ENOENT.
        if (error && (error as NodeJS.ErrnoException).code === "ENOENT")
          reject(new Error(`Java not found (${java}): run \`bash scripts/ensure-tools.sh\` to install it.`));
        else resolve(stderrText);
      },
    );
  });
  let report: { messages: RawMessage[] };
  try {
    report = JSON.parse(stderr) as { messages: RawMessage[] };
  } catch {
    throw new Error(`The Nu HTML Checker did not report JSON:\n${stderr.slice(0, 2000)}`);
  }
  return report.messages
    .filter((m) => m.type === "error" || m.type === "non-document-error")
    .map((m) => ({
      type: m.subType ? `${m.type}/${m.subType}` : m.type,
      file: m.url ? path.relative(root, fileURLToPath(m.url)) : "(checker)",
      line: m.lastLine ?? m.firstLine,
      message: m.message,
      extract: m.extract?.replace(/\s+/g, " ").trim(),
    }));
}

/** One line per error: `file:line message  «extract»`. */
export function formatVnu(messages: readonly VnuMessage[]): string {
  return messages
    .map((m) => `${m.file}:${m.line ?? "?"} ${m.message}${m.extract ? `  «${m.extract}»` : ""}`)
    .join("\n");
}
