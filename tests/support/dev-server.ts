/**
 * `npm start`'s dev server (scripts/serve.ts, for real) on a fixture content folder, in a process group
 * of its own so that the tsx wrapper and Eleventy's Node process stop together.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { projectDir } from "../../lib/build.ts";
import { devServerArgs, freePort } from "../../scripts/bench/dev-edit.ts";

export interface DevServer {
  readonly url: string;
  readonly pid: number;
  /** Everything it printed so far, to show when a wait times out. */
  log(): string;
  /**
   * Polls `check` until it holds; a check that throws (a page read mid-write) counts as not yet.
   * Fails naming `what`, with the end of the log, after `timeoutMs`.
   */
  until(check: () => boolean | Promise<boolean>, what: string, timeoutMs?: number): Promise<void>;
  /** Stops the server, waits for it to be gone, then removes the fixture folder around `content`. */
  stop(): Promise<void>;
}

/** Starts the dev server on `content` into `output` and waits until it watches and `ready` holds. */
export async function startDevServer(
  content: string,
  output: string,
  ready: () => boolean,
  env: Record<string, string> = {},
): Promise<DevServer> {
  const port = await freePort();
  const child = spawn(
    path.join(projectDir, "node_modules", ".bin", "tsx"),
    devServerArgs(content, output, port),
    {
      cwd: projectDir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    },
  );
  let log = "";
  child.stdout.on("data", (chunk: Buffer) => (log += chunk));
  child.stderr.on("data", (chunk: Buffer) => (log += chunk));
  const until = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000) => {
    const start = Date.now();
    for (;;) {
      try {
        if (await check()) return;
      } catch {
        // A page may be mid-write: look again.
      }
      if (Date.now() - start > timeoutMs)
        throw new Error(`dev server: timed out waiting for ${what}\n${log.slice(-3000)}`);
      await sleep(25);
    }
  };
  const stop = async (): Promise<void> => {
    // Wait for the server to be gone: a rebuild still writing into the folder makes removal fail.
    if (child.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await Promise.race([exited, sleep(10_000)]);
    }
    rmSync(path.dirname(content), { recursive: true, force: true, maxRetries: 5 });
  };
  try {
    // Eleventy prints "Watching" once the first build is written and the watcher runs.
    await until(() => log.includes("Watching") && ready(), "the first build");
  } catch (error) {
    await stop();
    throw error;
  }
  // Chokidar reports saves only once its first scan is done.
  await sleep(1500);
  return { url: `http://localhost:${port}`, pid: child.pid as number, log: () => log, until, stop };
}
