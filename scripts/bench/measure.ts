/**
 * Runs a command in a child process and measures its wall time and peak memory.
 *
 * Peak memory comes from GNU time (`%M`), which sees the largest process of the tree (tsx starts a
 * second Node process); without GNU time it is unknown rather than guessed.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Measured {
  readonly ms: number;
  /** Peak resident memory in bytes, or undefined when GNU time is not installed. */
  readonly maxRssBytes: number | undefined;
  /**
   * User + system CPU time of the whole process tree. Why: on a machine shared with other jobs the
   * wall time swings with their load, while the CPU time a build needs barely moves.
   */
  readonly cpuMs: number | undefined;
  readonly stdout: string;
}

/** The absolute path of a program on `PATH`, or undefined. */
export function onPath(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, program);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

// GNU time, not the shell keyword: only the program can write the peak memory to a file.
const GNU_TIME = onPath("time");

/** Runs `command args` in `cwd`; rejects with the tail of its output when it fails. */
export async function measure(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<Measured> {
  const rssFile = path.join(os.tmpdir(), `phuninh-bench-rss-${process.pid}-${Date.now()}`);
  const timed = GNU_TIME !== undefined;
  const cmd = GNU_TIME ?? command;
  const argv = GNU_TIME ? ["-f", "%M %U %S", "-o", rssFile, command, ...args] : [...args];
  const started = performance.now();
  const child = spawn(cmd, argv, { cwd: options.cwd, env: { ...process.env, ...options.env } });
  let output = "";
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk;
    output = (output + chunk).slice(-4000);
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output = (output + chunk).slice(-4000);
  });
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  const ms = performance.now() - started;
  let maxRssBytes: number | undefined;
  let cpuMs: number | undefined;
  if (timed && existsSync(rssFile)) {
    // The last line: GNU time puts "Command exited with non-zero status" before it on failure.
    const [kb, user, system] = (readFileSync(rssFile, "utf8").trim().split("\n").pop() ?? "")
      .split(" ")
      .map(Number);
    maxRssBytes = Number.isFinite(kb) ? (kb as number) * 1024 : undefined;
    cpuMs =
      Number.isFinite(user) && Number.isFinite(system)
        ? ((user as number) + (system as number)) * 1000
        : undefined;
    rmSync(rssFile, { force: true });
  }
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${code}):\n${output}`);
  return { ms, maxRssBytes, cpuMs, stdout };
}

/** Total size in bytes of the files under `dir` (0 when it does not exist). */
export function folderSize(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}
