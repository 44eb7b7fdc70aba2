/**
 * Runs a command in a child process and measures its wall time, CPU time and memory over the whole
 * process tree.
 *
 * The tree is sampled from `/proc` every 150 ms (`process-tree.ts`): every descendant counts, reaped
 * or not (Pagefind's indexer is killed, never waited for, so GNU time alone misses it). GNU time's
 * own figures (`%M %U %S`, the processes that were waited for) are kept where they are larger: they
 * also cover processes too short-lived for a sample.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSampling, type TreeUsage } from "./process-tree.ts";

export interface Measured {
  readonly ms: number;
  /**
   * User + system CPU time of the whole process tree: the sampled sum over every process seen, or GNU
   * time's figure when larger. Why CPU: on a machine shared with other jobs the wall time swings with
   * their load, while the CPU time a build needs barely moves.
   */
  readonly cpuMs: number;
  /** The largest sum of resident memory over the tree at one moment (what must fit in the machine). */
  readonly peakTreeBytes: number;
  /** The peak resident memory of the largest single process of the tree. */
  readonly maxRssBytes: number;
  /** That process's program (its executable's file name), e.g. `node` or `pagefind_extended`. */
  readonly largestCommand: string;
  /** The two sources of the CPU figure, to show what GNU time alone would have said. */
  readonly sampledCpuMs: number;
  readonly gnuTimeCpuMs: number | undefined;
  /** The tree's processes, largest CPU first. */
  readonly processes: TreeUsage["processes"];
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
  const sampling = child.pid === undefined ? undefined : startSampling(child.pid);
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
  const tree = sampling?.stop();
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
  const sampledCpuMs = tree?.cpuMs ?? 0;
  const sampledLargest = tree?.largest?.bytes ?? 0;
  return {
    ms,
    cpuMs: Math.max(sampledCpuMs, cpuMs ?? 0),
    peakTreeBytes: Math.max(tree?.peakTreeBytes ?? 0, maxRssBytes ?? 0),
    maxRssBytes: Math.max(sampledLargest, maxRssBytes ?? 0),
    // GNU time's figure is a little larger when the process grew after the last sample; far larger,
    // it was a process too short-lived to be sampled.
    largestCommand: (maxRssBytes ?? 0) > sampledLargest * 1.1 ? "not sampled" : (tree?.largest?.comm ?? "?"),
    sampledCpuMs,
    gnuTimeCpuMs: cpuMs,
    processes: tree?.processes ?? [],
    stdout,
  };
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
