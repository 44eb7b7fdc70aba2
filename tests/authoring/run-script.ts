/**
 * Runs one of the authoring commands (`scripts/*.ts`) as `npm run` does: a child process under tsx,
 * with optional answers on stdin, so tests see its exit code and exactly what an author reads.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { projectDir } from "../../lib/build.ts";

export interface ScriptRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `scripts/<name>.ts` with `args`; `input` is written to stdin, which is then closed. */
export function runScript(
  name: string,
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<ScriptRun> {
  const tsx = path.join(projectDir, "node_modules", ".bin", "tsx");
  const child = spawn(tsx, [path.join("scripts", `${name}.ts`), ...args], {
    cwd: projectDir,
    env: { ...process.env, ...options.env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.input ?? "");
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
