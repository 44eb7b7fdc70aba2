/**
 * Edit-to-page latency in the dev server: `npm start` (scripts/serve.ts) on the benchmark content,
 * wait for the first build, change one article, and time until its page on disk shows the change, and
 * until every rebuild the save caused has finished (lists, feeds and sitemaps caught up: the dev server
 * renders the edited article first and the rest after, lib/content/dev-rebuild.ts).
 */
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { articleUrl } from "../../lib/content/url-scheme.ts";

export interface DevEditMeasured {
  /** From starting the server to its first build being served. */
  readonly firstBuildMs: number;
  /** From saving the edit to the changed HTML being written. */
  readonly editMs: number;
  /** From saving the edit to the last rebuild it caused finishing (the whole site up to date). */
  readonly settledMs: number;
  /** Whether the watcher missed the first save and the edit had to be saved again. */
  readonly retried: boolean;
}

/** No output for this long after a finished rebuild: no follow-up rebuild is coming. */
const QUIET_MS = 6000;

/** Starts the dev server on `contentDir`, edits `slug`'s article, and measures the rebuild. */
export async function measureDevEdit(
  projectDir: string,
  contentDir: string,
  outputDir: string,
  slug: string,
  timeoutMs = 600_000,
): Promise<DevEditMeasured> {
  const port = await freePort();
  const started = performance.now();
  // Its own process group, so the tsx wrapper and Eleventy's Node process stop together.
  const child = spawn(
    path.join(projectDir, "node_modules", ".bin", "tsx"),
    devServerArgs(contentDir, outputDir, port),
    { cwd: projectDir, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  let ready = false;
  let lastOutput = performance.now();
  let lastWatching = 0;
  // Between "File changed" and "Watching…" a rebuild runs, printing nothing for seconds at a time.
  let rebuilding = false;
  const collect = (chunk: Buffer): void => {
    log = (log + chunk).slice(-4000);
    lastOutput = performance.now();
    for (const line of String(chunk).split("\n")) {
      if (/File (?:changed|added)/.test(line)) rebuilding = true;
      if (/Watching/.test(line)) [rebuilding, lastWatching] = [false, lastOutput];
    }
    // "Server at" comes once the file watcher has scanned the content (saves before it are missed).
    if (/Server at/.test(String(chunk))) ready = true;
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const page = path.join(outputDir, articleUrl(slug), "index.html");
  try {
    await until(
      () => ready && existsSync(page),
      started,
      timeoutMs,
      () => log,
    );
    const firstBuildMs = performance.now() - started;
    // Let the file watcher finish its first scan of every bundle, as a person reads before editing.
    await sleep(5000);
    const marker = `Đoạn văn sửa thử ${Date.now()}.`;
    const edit = (): number => {
      appendFileSync(path.join(contentDir, "articles", slug, "index.md"), `\n${marker}\n`);
      return performance.now();
    };
    const shows = (): boolean => readFileSync(page, "utf8").includes(marker);
    let edited = edit();
    let retried = false;
    try {
      await until(shows, edited, Math.min(timeoutMs, 120_000), () => log);
    } catch {
      // Seen at 10,000 articles under load: a save during the watcher's start-up went unnoticed.
      retried = true;
      edited = edit();
      await until(shows, edited, timeoutMs, () => log);
    }
    const editMs = performance.now() - edited;
    await until(
      () => !rebuilding && lastWatching > edited && performance.now() - lastOutput > QUIET_MS,
      edited,
      timeoutMs,
      () => log,
    );
    return { firstBuildMs, editMs, settledMs: lastWatching - edited, retried };
  } finally {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  }
}

async function until(
  check: () => boolean,
  since: number,
  timeoutMs: number,
  log: () => string,
): Promise<void> {
  for (;;) {
    try {
      if (check()) return;
    } catch {
      // The page may be mid-write; look again.
    }
    if (performance.now() - since > timeoutMs) throw new Error(`dev server timed out:\n${log()}`);
    await sleep(20);
  }
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** `npm start`'s dev server (scripts/serve.ts) on another content folder, output folder and port (run under tsx). */
export function devServerArgs(contentDir: string, outputDir: string, port: number): string[] {
  return ["scripts/serve.ts", `--input=${contentDir}`, `--output=${outputDir}`, `--port=${port}`];
}
