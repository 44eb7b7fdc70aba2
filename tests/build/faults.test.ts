/**
 * Faults injected into real builds (`scripts/build.ts` in a child process), and the site a reader
 * gets after each: killed at each stage of publishing, a full disk, a read-only output folder, a
 * folder the build may not write. After any of them `_site` holds a whole site, old or new.
 * The pause points are `lib/output/fault-point.ts` (env `PHUNINH_TEST_PAUSE_AT`, tests only).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectDir } from "../../lib/build.ts";
import { versionsDir } from "../../lib/output/site-versions.ts";
import { addSeed, articleMarkdown, makeContentDir, runBuild, writeArticle } from "../support/fixture.ts";
import { readerView } from "../support/reader.ts";

const tsx = path.join(projectDir, "node_modules", ".bin", "tsx");
const OLD = "Tin bản cũ về cầu Phú Ninh";
const NEW = "Tin bản mới về cầu Phú Ninh";
const roots: string[] = [];

/** A content folder with the seed article (and its photo) and one article titled `title`. */
function contentWith(title: string): string {
  const content = makeContentDir();
  roots.push(path.dirname(content));
  addSeed(content);
  setTitle(content, title);
  return content;
}

function setTitle(content: string, title: string): void {
  writeArticle(
    content,
    "tin-cau-phu-ninh",
    articleMarkdown({
      title,
      date: "2025-04-02T08:00",
      author: "Trần Thị Hoà",
      unit: "Văn phòng HĐND và UBND huyện",
      category: "kinh-te",
    }),
  );
}

/** What a reader gets, in one word: the old site whole, the new site whole, or something broken. */
function served(output: string): "old" | "new" | "none" | "broken" {
  const view = readerView(output);
  if (!view.present) return "none";
  if (view.missing.length > 0 || view.pages < 5) return "broken";
  if (view.home.includes(NEW)) return "new";
  return view.home.includes(OLD) ? "old" : "broken";
}

/** A content folder (see contentWith) built once: readers have the old site. */
async function builtOld(): Promise<{ content: string; output: string }> {
  const content = contentWith(OLD);
  const first = await runBuild(content);
  expect(first.code, first.stderr).toBe(0);
  expect(served(first.output)).toBe("old");
  return { content, output: first.output };
}

/** Takes the published version out of the `output` link: to `output` itself, a real folder, or to `to`. */
function unlinkVersion(output: string, to = output): void {
  const real = realpathSync(output);
  rmSync(output);
  renameSync(real, to);
}

/** Everything left beside the current version: must be nothing once a build has cleaned up. */
function leftovers(output: string): string[] {
  const versions = versionsDir(output);
  const current = realpathSync(output);
  const stray = existsSync(versions)
    ? readdirSync(versions).filter((name) => path.join(versions, name) !== current)
    : [];
  const beside = readdirSync(path.dirname(output)).filter((name) =>
    name.startsWith(`${path.basename(output)}.`),
  );
  return [...stray, ...beside];
}

/** Waits for the background removal of a replaced version (a detached `rm`). */
async function settled(output: string): Promise<string[]> {
  for (let i = 0; i < 100 && leftovers(output).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
  return leftovers(output);
}

/**
 * Starts a build that stops at `stage` (lib/output/fault-point.ts); resolves once it is there, with
 * the pid of the process that builds (tsx runs the script in a child of its own).
 */
async function buildPausedAt(
  content: string,
  output: string,
  stage: string,
): Promise<{ child: ChildProcess; pid: number }> {
  const child = spawn(tsx, ["scripts/build.ts", "--input", content, "--output", output], {
    cwd: projectDir,
    env: { ...process.env, PHUNINH_TEST_PAUSE_AT: stage },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const pid = await new Promise<number>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk;
      const paused = new RegExp(`test pause: ${stage} \\(pid (\\d+)\\)`).exec(stderr);
      if (paused) resolve(Number(paused[1]));
    });
    child.once("exit", (code) => reject(new Error(`build ended (${code}) before "${stage}":\n${stderr}`)));
  });
  return { child, pid };
}

/** `kill -9` of the building process, as the kernel's OOM killer or a power cut would end it. */
async function killHard({ child, pid }: { child: ChildProcess; pid: number }): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(pid, "SIGKILL");
  await exited;
}

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe("a build killed with SIGKILL", () => {
  it.each([
    ["while pages are being written", "pages-written", "old"],
    ["after its version is complete, before the swap", "version-complete", "old"],
    ["right after the swap, before the old version is removed", "swapped", "new"],
  ])("%s leaves readers a whole site, and the next build cleans up", async (_when, stage, after) => {
    const { content, output } = await builtOld();
    setTitle(content, NEW);
    const build = await buildPausedAt(content, output, stage);
    expect(served(output)).toBe(after);
    await killHard(build);
    expect(served(output)).toBe(after);
    expect(leftovers(output).length).toBeGreaterThan(0);

    const next = await runBuild(content);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toMatch(/^Dọn dẹp: xóa \d+ thư mục do lần dựng trước bị ngắt để lại .*\)$/m);
    expect(served(output)).toBe("new");
    expect(await settled(output)).toEqual([]);
  });

  it("after moving a real output folder aside (one-time change to a link), is repaired by the next build", async () => {
    // A real folder at `_site`, as `npm start` leaves it (the dev server writes in place).
    const { content, output } = await builtOld();
    unlinkVersion(output);
    expect(lstatSync(output).isDirectory()).toBe(true);

    setTitle(content, NEW);
    const build = await buildPausedAt(content, output, "folder-moved");
    // The documented window (docs/reliability.md): between two renames, once, the path is missing.
    expect(served(output)).toBe("none");
    await killHard(build);

    const next = await runBuild(content);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toMatch(/^Khôi phục: .* trỏ lại bản hoàn chỉnh /m);
    expect(served(output)).toBe("new");
    expect(await settled(output)).toEqual([]);
  });

  it("in the old two-rename publish (`_site` gone, `_site.previous-<pid>` holding the site) is repaired", async () => {
    // Regression: the publish step renamed the old site away, then the new one in; a crash between
    // left this state.
    const { content, output } = await builtOld();
    unlinkVersion(output, `${output}.previous-999999`);
    mkdirSync(`${output}.building-999999`);
    writeFileSync(path.join(`${output}.building-999999`, "index.html"), "nửa trang");
    expect(served(output)).toBe("none");

    // A build that then fails on content still gives readers their site back first.
    writeArticle(content, "bai-hong", articleMarkdown({ title: "Thiếu ngày" }));
    const failed = await runBuild(content);
    expect(failed.code).not.toBe(0);
    expect(failed.stdout).toMatch(/^Khôi phục: /m);
    expect(failed.stdout).toMatch(/^Dọn dẹp: xóa 1 thư mục .*_site\.building-999999/m);
    expect(served(output)).toBe("old");
    expect(leftovers(output)).toEqual([]);
  });
});

describe("a reader during a build", () => {
  it("finds a whole site at every moment: the old one, then the new one", async () => {
    const { content, output } = await builtOld();
    setTitle(content, NEW);
    const child = spawn(tsx, ["scripts/build.ts", "--input", content, "--output", output], {
      cwd: projectDir,
      stdio: "ignore",
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    let done = false;
    void exited.then(() => (done = true));
    const seen: string[] = [];
    while (!done) {
      // The home page and the stylesheet it loads, as a browser fetches them one after the other.
      const state = served(output);
      if (seen.at(-1) !== state) seen.push(state);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await exited).toBe(0);
    seen.push(served(output));
    expect([...new Set(seen)]).toEqual(["old", "new"]);
  });
});

/** Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN; not in an unprivileged container). */
function canMount(): boolean {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
  const probe = path.join(makeContentDir(), "..", "probe");
  mkdirSync(probe);
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe]).status === 0;
  if (mounted) spawnSync("umount", [probe]);
  rmSync(path.dirname(probe), { recursive: true, force: true });
  return mounted;
}

/** Every file of the site the link points to, with its size and modification time. */
function snapshot(output: string): string[] {
  const root = realpathSync(output);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(full);
      const stat = statSync(full);
      return [`${path.relative(root, full)} ${stat.size} ${stat.mtimeMs}`];
    });
  return [root, ...walk(root).sort()];
}

const mountable = canMount();

describe.skipIf(!mountable)("a disk fault (a real tmpfs mounted for the output)", () => {
  const mounts: string[] = [];
  afterAll(() => {
    for (const mount of mounts) spawnSync("umount", ["-l", mount]);
  });

  /** A content folder, and a first (old) site built on a fresh tmpfs of `sizeMb`. */
  async function oldSiteOnTmpfs(): Promise<{ content: string; output: string; mount: string }> {
    const content = contentWith(OLD);
    const mount = path.join(path.dirname(content), "disk");
    mkdirSync(mount);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=32m", "tmpfs", mount]);
    mounts.push(mount);
    const output = path.join(mount, "_site");
    const run = await runBuild(content, {}, output);
    expect(run.code, run.stderr).toBe(0);
    expect(served(output)).toBe("old");
    setTitle(content, NEW);
    return { content, output, mount };
  }

  it("full (ENOSPC): one message in both languages naming the path, staging removed, old site untouched", async () => {
    const { content, output, mount } = await oldSiteOnTmpfs();
    const usedKb = Number(
      execFileSync("df", ["--output=used", "-k", mount], { encoding: "utf8" }).split("\n")[1],
    );
    // Room for a quarter of a second site: the new build runs out of space half way.
    execFileSync("mount", ["-o", `remount,size=${usedKb + 1024}k`, mount]);
    const before = snapshot(output);
    const run = await runBuild(content, {}, output);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(
      new RegExp(`^Không ghi được trang web: ổ đĩa đã đầy \\(ENOSPC\\) tại ${mount}/`, "m"),
    );
    expect(run.stderr).toMatch(
      /^Could not write the site: no space left on device \(ENOSPC\) at .*is unchanged\.$/m,
    );
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(snapshot(output)).toEqual(before);
    expect(served(output)).toBe("old");
    expect(leftovers(output)).toEqual([]);
  });

  it("full while encoding a new photo into the image cache: the disk message, not an unreadable photo", async () => {
    const { content, output } = await oldSiteOnTmpfs();
    const cache = path.join(path.dirname(content), "cache-disk");
    mkdirSync(cache);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", cache]);
    mounts.push(cache);
    const before = snapshot(output);
    const run = await runBuild(content, { IMAGE_CACHE_DIR: cache }, output);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(
      new RegExp(`^Không ghi được trang web: ổ đĩa đã đầy \\(ENOSPC\\) tại ${cache}/`, "m"),
    );
    expect(run.stderr).not.toContain("không đọc được");
    expect(snapshot(output)).toEqual(before);
    expect(served(output)).toBe("old");
  });

  it("read-only (EROFS): one message naming the output folder, old site untouched", async () => {
    const { content, output, mount } = await oldSiteOnTmpfs();
    execFileSync("mount", ["-o", "remount,ro", mount]);
    const before = snapshot(output);
    const run = await runBuild(content, {}, output);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(
      /^Không ghi được trang web: ổ đĩa chỉ cho đọc \(EROFS\) tại .*\.site-versions/m,
    );
    expect(run.stderr).toMatch(/^Could not write the site: read-only file system \(EROFS\)/m);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(snapshot(output)).toEqual(before);
    expect(served(output)).toBe("old");
  });
});

/**
 * Runs the build without the power to ignore permission bits: as root, with CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH dropped by `setpriv`, so a folder's mode binds it as it binds any user (and the
 * project, owned by root, stays readable wherever CI cloned it); as any other user, as it is.
 */
function buildWithoutOverride(content: string, output: string, env: NodeJS.ProcessEnv) {
  const command = [tsx, "scripts/build.ts", "--input", content, "--output", output];
  const drop = "-dac_override,-dac_read_search";
  const [file, ...args] =
    process.getuid?.() === 0
      ? ["setpriv", `--bounding-set=${drop}`, `--inh-caps=${drop}`, "--", ...command]
      : command;
  return spawnSync(file as string, args, {
    cwd: projectDir,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
}

describe("a build that may not write beside the output folder", () => {
  it("fails with one message (EACCES) naming the path, and leaves the old site as it was", async () => {
    const { content, output } = await builtOld();
    const root = path.dirname(content);
    setTitle(content, NEW);
    const cache = path.join(root, "cache");
    mkdirSync(cache);
    const before = snapshot(output);
    // The folder that holds the site and its versions: readable, not writable.
    chmodSync(path.dirname(output), 0o555);
    try {
      const result = buildWithoutOverride(content, output, {
        HOME: cache,
        IMAGE_CACHE_DIR: cache,
        TMPDIR: cache,
      });
      expect(result.status, result.stderr).not.toBe(0);
      expect(result.stderr).toMatch(/^Không ghi được trang web: không có quyền ghi \(EACCES\) tại /m);
      expect(result.stderr).toMatch(/^Could not write the site: permission denied \(EACCES\)/m);
    } finally {
      chmodSync(path.dirname(output), 0o755);
    }
    expect(snapshot(output)).toEqual(before);
    expect(served(output)).toBe("old");
  });
});
