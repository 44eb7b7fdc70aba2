/**
 * Samples the whole process tree of a measured command from `/proc`: the peak of the summed resident
 * memory, the largest single process, and the CPU time of every process seen.
 *
 * Why not GNU time alone: it only counts descendants that were waited for. Pagefind's indexer is a
 * child of the build that is killed once its bundle is written and never reaped by the build, so
 * GNU time sees neither its CPU time nor its memory, a large share of a build's. Sampling sees
 * every process of the tree while it runs, reaped or not.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import path from "node:path";

/** The fields of `/proc/<pid>/stat` the sampler needs. Times are in clock ticks. */
export interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  readonly comm: string;
  readonly utime: number;
  readonly stime: number;
  /** Start time after boot in clock ticks: with the pid, it names one process even when pids are reused. */
  readonly startTime: number;
}

/**
 * Parses one `/proc/<pid>/stat` line. The command name sits in parentheses and may itself hold spaces
 * and parentheses, so the fields are counted from the last `)`.
 */
export function parseProcStat(line: string): ProcStat {
  const open = line.indexOf("(");
  const close = line.lastIndexOf(")");
  if (open < 0 || close < open) throw new Error(`not a /proc stat line: ${line.slice(0, 80)}`);
  // After ")": state(3) ppid(4) … utime(14) stime(15) … starttime(22); rest[0] is field 3.
  const rest = line
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const field = (n: number): number => {
    const value = Number(rest[n - 3]);
    if (!Number.isFinite(value))
      throw new Error(`field ${n} missing in /proc stat line: ${line.slice(0, 80)}`);
    return value;
  };
  return {
    pid: Number(line.slice(0, open).trim()),
    comm: line.slice(open + 1, close),
    ppid: field(4),
    utime: field(14),
    stime: field(15),
    startTime: field(22),
  };
}

/**
 * A `kB` field of `/proc/<pid>/status` (e.g. `VmRSS`, `VmHWM`) in kilobytes; 0 when absent, as for a
 * zombie or a kernel thread, which hold no memory.
 */
export function statusKb(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s*(\\d+)\\s*kB`, "m").exec(status);
  return match ? Number(match[1]) : 0;
}

/** One process as read in one sample. */
export interface ProcSnapshot {
  readonly stat: ProcStat;
  /** Resident memory now (`VmRSS`), in kB. */
  readonly rssKb: number;
  /** The process's own peak resident memory so far (`VmHWM`), in kB. */
  readonly hwmKb: number;
}

/** What is known of one process of the tree after the samples so far. */
export interface SeenProcess {
  readonly pid: number;
  readonly comm: string;
  /** utime + stime at its last sample, in clock ticks. */
  readonly cpuTicks: number;
  /** The largest of its `VmHWM` and `VmRSS` seen, in kB. */
  readonly peakKb: number;
}

/** The running totals of a sampled tree. */
export interface TreeState {
  readonly rootPid: number;
  /** The root's start time once seen, so a later process given the same pid is not taken for it. */
  readonly rootStart: number | undefined;
  /** Keyed by `pid:startTime`. */
  readonly seen: ReadonlyMap<string, SeenProcess>;
  /** The largest sum of `VmRSS` over the tree in one sample, in kB. */
  readonly peakSumKb: number;
  readonly samples: number;
}

const key = (stat: ProcStat): string => `${stat.pid}:${stat.startTime}`;

export const emptyTree = (rootPid: number): TreeState => ({
  rootPid,
  rootStart: undefined,
  seen: new Map(),
  peakSumKb: 0,
  samples: 0,
});

/**
 * The processes of `all` that belong to the tree: the root, every process seen in an earlier sample
 * (even once re-parented, as an orphan is), and every descendant of those.
 */
export function treeMembers(
  all: readonly ProcStat[],
  root: { readonly pid: number; readonly startTime: number | undefined },
  seen: ReadonlyMap<string, unknown>,
): ProcStat[] {
  const isRoot = (s: ProcStat): boolean =>
    s.pid === root.pid && (root.startTime === undefined || s.startTime === root.startTime);
  const members = new Set(all.filter((s) => isRoot(s) || seen.has(key(s))).map((s) => s.pid));
  let grew = true;
  while (grew) {
    grew = false;
    for (const stat of all)
      if (!members.has(stat.pid) && members.has(stat.ppid)) {
        members.add(stat.pid);
        grew = true;
      }
  }
  return all.filter((s) => members.has(s.pid));
}

/** Adds one sample (the tree's processes, see `treeMembers`) to the running totals. */
export function addSample(state: TreeState, tree: readonly ProcSnapshot[]): TreeState {
  const seen = new Map(state.seen);
  let sumKb = 0;
  for (const { stat, rssKb, hwmKb } of tree) {
    sumKb += rssKb;
    const before = seen.get(key(stat));
    seen.set(key(stat), {
      pid: stat.pid,
      comm: stat.comm,
      // A zombie keeps its final times until it is reaped; the last reading is the largest.
      cpuTicks: Math.max(before?.cpuTicks ?? 0, stat.utime + stat.stime),
      peakKb: Math.max(before?.peakKb ?? 0, hwmKb, rssKb),
    });
  }
  return {
    ...state,
    rootStart: state.rootStart ?? tree.find((p) => p.stat.pid === state.rootPid)?.stat.startTime,
    seen,
    peakSumKb: Math.max(state.peakSumKb, sumKb),
    samples: state.samples + 1,
  };
}

/** The figures of a sampled tree. */
export interface TreeUsage {
  /** Sum over every process seen of its last utime + stime. */
  readonly cpuMs: number;
  /** The largest sum of resident memory over the tree at one moment. */
  readonly peakTreeBytes: number;
  /** The process with the largest own peak, and that peak. */
  readonly largest: { readonly comm: string; readonly bytes: number } | undefined;
  /** Every process seen, largest CPU first. */
  readonly processes: readonly (SeenProcess & { readonly cpuMs: number })[];
  readonly samples: number;
}

/** Totals of the samples, with `ticksPerSecond` from `getconf CLK_TCK`. */
export function treeUsage(state: TreeState, ticksPerSecond: number): TreeUsage {
  const processes = [...state.seen.values()]
    .map((p) => ({ ...p, cpuMs: (p.cpuTicks / ticksPerSecond) * 1000 }))
    .sort((a, b) => b.cpuMs - a.cpuMs);
  const largest = processes.reduce<SeenProcess | undefined>(
    (max, p) => (max === undefined || p.peakKb > max.peakKb ? p : max),
    undefined,
  );
  return {
    cpuMs: processes.reduce((sum, p) => sum + p.cpuMs, 0),
    peakTreeBytes: state.peakSumKb * 1024,
    largest: largest && { comm: largest.comm, bytes: largest.peakKb * 1024 },
    processes,
    samples: state.samples,
  };
}

let clockTicks: number | undefined;
/** `getconf CLK_TCK`: the unit of the times in `/proc/<pid>/stat` (100 on Linux almost always). */
export function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    const value = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
    clockTicks = Number.isFinite(value) && value > 0 ? value : 100;
  }
  return clockTicks;
}

// Processes come and go between listing /proc and reading their files: such a read is skipped.
const readOrUndefined = (file: string): string | undefined => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};

/** The file name of a process's executable (`node`, `pagefind_extended`), or undefined when unreadable. */
function programName(pid: number): string | undefined {
  try {
    return path.basename(readlinkSync(`/proc/${pid}/exe`));
  } catch {
    return undefined;
  }
}

/** Reads the tree of `state.rootPid` from `/proc` now and adds it to the totals. */
export function sampleTree(state: TreeState): TreeState {
  const all: ProcStat[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const line = readOrUndefined(`/proc/${name}/stat`);
    if (line) all.push(parseProcStat(line));
  }
  const tree: ProcSnapshot[] = [];
  for (const member of treeMembers(all, { pid: state.rootPid, startTime: state.rootStart }, state.seen)) {
    const status = readOrUndefined(`/proc/${member.pid}/status`) ?? "";
    // The program, not `comm`: Node 24 names its main thread "MainThread", which is what `comm`
    // shows. A process whose executable can no longer be read (a zombie) keeps the name it had.
    const comm = programName(member.pid) ?? state.seen.get(key(member))?.comm ?? member.comm;
    const stat = { ...member, comm };
    tree.push({ stat, rssKb: statusKb(status, "VmRSS"), hwmKb: statusKb(status, "VmHWM") });
  }
  return addSample(state, tree);
}

/** Samples the tree of `rootPid` every `intervalMs` until `stop()`, which takes one last sample. */
export function startSampling(rootPid: number, intervalMs = 150): { stop: () => TreeUsage } {
  let state = sampleTree(emptyTree(rootPid));
  const timer = setInterval(() => {
    state = sampleTree(state);
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      state = sampleTree(state);
      return treeUsage(state, ticksPerSecond());
    },
  };
}
