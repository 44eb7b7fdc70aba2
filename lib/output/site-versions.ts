/**
 * The output folder (`_site`) as a symbolic link to one complete version of the site
 * (`.site-versions/<id>`), replaced in one atomic step.
 *
 * Why a link: rename(2) replaces a file or a link atomically, but not a folder full of pages; the
 * kernel call that exchanges two folders (Linux `renameat2(RENAME_EXCHANGE)`) is not reachable from
 * Node. So a build writes its version beside the others and renames a fresh link over `_site`: at
 * every instant `_site` resolves to the old version or the new one, each complete. Readers that open
 * `_site/...` (the preview, a web server, the tests) follow the link; a tool that will not follow a
 * linked root (upload-artifact, Netlify's CLI) is given `realpath _site`.
 */
import { spawn } from "node:child_process";
import { lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { faultPoint } from "./fault-point.ts";

/** Where the versions of `output` live: beside it, so every rename stays on one file system. */
export function versionsDir(output: string): string {
  return path.join(path.dirname(output), `.${path.basename(output).replace(/^_+/, "")}-versions`);
}

const BUILDING = ".building";
const OLD = ".old";
const LINK = ".link";

/** A new, empty version folder to build into: `<versions>/<time>-<pid>.building`. */
export function stageVersion(output: string): string {
  const staging = path.join(versionsDir(output), `${Date.now()}-${process.pid}${BUILDING}`);
  mkdirSync(path.dirname(staging), { recursive: true });
  // Not recursive: Node reports a read-only file system under a recursive mkdir as ENOENT.
  mkdirSync(staging);
  return staging;
}

/**
 * Publishes a finished `staging` folder: marks it complete (one rename), then points `output` at it
 * (a new link renamed over the old one). The replaced version is deleted in the background.
 * Resolves with the published version's folder.
 */
export async function publishVersion(output: string, staging: string): Promise<string> {
  const version = staging.slice(0, -BUILDING.length);
  renameSync(staging, version);
  await faultPoint("version-complete");
  const previous = currentVersion(output);
  if (previous === undefined && exists(output)) {
    // A real folder here (from `npm start`, or a build before versions): it becomes a version first.
    // Between this rename and the next the path is missing, once; a crash there is repaired by `recoverOutput`.
    const moved = path.join(versionsDir(output), `${Date.now()}-${process.pid}-folder`);
    renameSync(output, moved);
    await faultPoint("folder-moved");
    try {
      pointAt(output, version);
    } catch (error) {
      renameSync(moved, output);
      throw error;
    }
    retire(moved);
    return version;
  }
  pointAt(output, version);
  await faultPoint("swapped");
  if (previous !== undefined && previous !== version) retire(previous);
  return version;
}

/**
 * The newest complete version beside a version being built (`<versions>/<id>.building`), or undefined
 * when `staging` is not one (the dev server writes into a plain folder). Versions made from a folder
 * that was `output` before are left out: their files may be links into the image cache.
 */
export function latestVersionBeside(staging: string): string | undefined {
  if (!staging.endsWith(BUILDING)) return undefined;
  const versions = path.dirname(staging);
  let names: string[];
  try {
    names = readdirSync(versions);
  } catch {
    return undefined;
  }
  const newest = names.filter((name) => /^\d+-\d+$/.test(name)).sort(byTime)[0];
  return newest === undefined ? undefined : path.join(versions, newest);
}

/** Renames a fresh link to `version` over `output`: the one atomic step readers can observe. */
function pointAt(output: string, version: string): void {
  const link = `${version}${LINK}`;
  rmSync(link, { force: true });
  symlinkSync(path.relative(path.dirname(output), version), link, "dir");
  renameSync(link, output);
}

/** The version folder `output` links to, or undefined when it is missing, a real folder, or dangling. */
export function currentVersion(output: string): string | undefined {
  try {
    if (!lstatSync(output).isSymbolicLink()) return undefined;
    const target = path.resolve(path.dirname(output), readlinkSync(output));
    return lstatSync(target).isDirectory() ? target : undefined;
  } catch {
    return undefined;
  }
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Renames a replaced version aside (so it is never mistaken for a complete one) and deletes it
 * without making the build wait. Why in the background: unlinking every file of a large site takes
 * about as long as writing them, and readers already have the new version. On Windows, where `rm` is
 * missing, in place.
 */
function retire(folder: string): void {
  const old = `${folder}${OLD}`;
  try {
    renameSync(folder, old);
    removeInBackground(old);
  } catch {
    // The new site is published already; `recoverOutput` deletes what is left at the next build.
  }
}

function removeInBackground(folder: string): void {
  if (process.platform === "win32") rmSync(folder, { recursive: true, force: true });
  else spawn("rm", ["-rf", folder], { detached: true, stdio: "ignore" }).unref();
}

/** The pid in a name made by `stageVersion`/`publishVersion`, or by earlier builds (`_site.building-<pid>`). */
function pidOf(name: string): number | undefined {
  const pid = /^\d+-(\d+)/.exec(name)?.[1] ?? /\.(?:building|previous)-(\d+)$/.exec(name)?.[1];
  return pid === undefined ? undefined : Number(pid);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Repairs what a killed build left, before a new one starts; returns one line per thing done.
 * - `output` missing or dangling: linked again to the newest complete version (or to the site an
 *   earlier build had moved aside as `<output>.previous-<pid>`), so readers get a site back at once;
 * - half-built versions, replaced ones, stray links and earlier builds' `.building-<pid>` folders are
 *   deleted. Anything named after a process still running (another build) is left alone.
 */
export function recoverOutput(output: string): string[] {
  const notices: string[] = [];
  const versions = versionsDir(output);
  const listed = (dir: string): string[] => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  const ours = listed(versions).map((name) => path.join(versions, name));
  const legacyPrefix = `${path.basename(output)}.`;
  const legacy = listed(path.dirname(output))
    .filter((name) => name.startsWith(legacyPrefix) && /\.(?:building|previous)-\d+$/.test(name))
    .map((name) => path.join(path.dirname(output), name));
  const stale = [...ours, ...legacy].filter((file) => {
    const pid = pidOf(path.basename(file));
    return pid === undefined || !alive(pid);
  });
  const complete = (file: string): boolean =>
    path.dirname(file) === versions && /^\d+-\d+(?:-folder)?$/.test(path.basename(file));

  let current = currentVersion(output);
  let restored: string | undefined;
  if (current === undefined && !isRealFolder(output)) {
    // Versions a build finished first, newest first; then folders that were `output` before.
    const finished = stale.filter(complete).sort(byTime);
    const candidates = [
      ...finished.filter((file) => !file.endsWith("-folder")),
      ...finished.filter((file) => file.endsWith("-folder")),
      ...stale.filter((file) => file.endsWith(`.previous-${pidOf(path.basename(file))}`)),
    ];
    restored = candidates[0];
    if (restored !== undefined) {
      current = complete(restored) ? restored : adopt(output, restored);
      rmSync(output, { force: true });
      pointAt(output, current);
      notices.push(
        `Khôi phục: ${output} trỏ lại bản hoàn chỉnh ${path.basename(current)} mà lần dựng bị ngắt để lại ` +
          `(restored ${output} to the complete version a killed build left)`,
      );
    }
  }
  // Replaced versions are being deleted by the build that replaced them, or were left when that
  // `rm` was stopped: either way in the background again, without a word, as after any build.
  const leftover = stale.filter((file) => file !== current && file !== restored);
  for (const file of leftover.filter((f) => f.endsWith(OLD))) removeInBackground(file);
  const removed = leftover.filter((file) => !file.endsWith(OLD));
  for (const file of removed) rmSync(file, { recursive: true, force: true });
  if (removed.length > 0) {
    notices.push(
      `Dọn dẹp: xóa ${removed.length} thư mục do lần dựng trước bị ngắt để lại ` +
        `(removed what an interrupted build left: ${removed.map((f) => path.basename(f)).join(", ")})`,
    );
  }
  return notices;
}

function isRealFolder(file: string): boolean {
  try {
    return lstatSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Newest first, by the time in the name. */
const byTime = (a: string, b: string): number =>
  Number(path.basename(b).split("-")[0]) - Number(path.basename(a).split("-")[0]);

/** Moves a folder an earlier build left outside the versions into them, as a complete version. */
function adopt(output: string, folder: string): string {
  const version = path.join(versionsDir(output), `${Date.now()}-${process.pid}-folder`);
  mkdirSync(path.dirname(version), { recursive: true });
  renameSync(folder, version);
  return version;
}
