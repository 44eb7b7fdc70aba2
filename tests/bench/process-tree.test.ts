import { describe, expect, it } from "vitest";
import {
  addSample,
  emptyTree,
  parseProcStat,
  statusKb,
  treeMembers,
  treeUsage,
  type ProcStat,
} from "../../scripts/bench/process-tree.ts";

// A real line of /proc/<pid>/stat, with utime 1234, stime 56 and starttime 1012661.
const CAT =
  "23207 (cat) R 23204 23204 20153 0 -1 4194304 103 0 0 0 1234 56 0 0 20 0 1 0 1012661 3133440 388 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

const stat = (pid: number, ppid: number, utime = 0, startTime = pid, comm = "node"): ProcStat => ({
  pid,
  ppid,
  comm,
  utime,
  stime: 0,
  startTime,
});

describe("parseProcStat", () => {
  it("reads pid, parent, command, CPU ticks and start time", () => {
    expect(parseProcStat(CAT)).toEqual({
      pid: 23207,
      ppid: 23204,
      comm: "cat",
      utime: 1234,
      stime: 56,
      startTime: 1012661,
    });
  });

  it("counts fields from the last parenthesis, so a command name with spaces and ')' parses", () => {
    const parsed = parseProcStat(CAT.replace("(cat)", "(a) b (c)"));
    expect(parsed.comm).toBe("a) b (c");
    expect(parsed.ppid).toBe(23204);
    expect(parsed.utime + parsed.stime).toBe(1290);
  });

  it("refuses a line that is not a stat line", () => {
    expect(() => parseProcStat("garbage")).toThrow(/not a \/proc stat line/);
    expect(() => parseProcStat("12 (x) R 1")).toThrow(/field 14 missing/);
  });
});

describe("statusKb", () => {
  const status = "Name:\tnode\nVmPeak:\t 999 kB\nVmHWM:\t  930000 kB\nVmRSS:\t  512000 kB\nThreads:\t7\n";
  it("reads a kB field of /proc/<pid>/status", () => {
    expect(statusKb(status, "VmRSS")).toBe(512000);
    expect(statusKb(status, "VmHWM")).toBe(930000);
  });
  it("is 0 when the field is absent (a zombie holds no memory)", () => {
    expect(statusKb("Name:\tnode\nState:\tZ (zombie)\n", "VmRSS")).toBe(0);
  });
});

describe("treeMembers", () => {
  const all = [stat(1, 0), stat(10, 1), stat(11, 10), stat(12, 11), stat(20, 1), stat(13, 10)];
  it("takes the root and all its descendants, not its siblings", () => {
    const pids = treeMembers(all, { pid: 10, startTime: undefined }, new Map()).map((s) => s.pid);
    expect(pids.sort()).toEqual([10, 11, 12, 13]);
  });

  it("keeps a process seen before after it was re-parented (an orphan), with its children", () => {
    const later = [stat(1, 0), stat(10, 1), stat(12, 1), stat(14, 12), stat(20, 1)];
    const seen = new Map([["12:12", {}]]);
    const pids = treeMembers(later, { pid: 10, startTime: 10 }, seen).map((s) => s.pid);
    expect(pids.sort()).toEqual([10, 12, 14]);
  });

  it("does not take a new process that reuses the pid of the root or of a seen process", () => {
    const reused = [stat(10, 1, 0, 999), stat(12, 1, 0, 998)];
    const seen = new Map([["12:12", {}]]);
    expect(treeMembers(reused, { pid: 10, startTime: 10 }, seen)).toEqual([]);
  });
});

describe("addSample and treeUsage", () => {
  it("sums memory at one moment for the peak, and CPU over every process ever seen", () => {
    let state = emptyTree(10);
    // Build and indexer together: 300 + 900 MB at one moment.
    state = addSample(state, [
      { stat: stat(10, 1, 500), rssKb: 300_000, hwmKb: 310_000 },
      { stat: stat(11, 10, 1700, 11, "pagefind_extend"), rssKb: 900_000, hwmKb: 930_000 },
    ]);
    // The indexer is gone (killed, never reaped: GNU time would not count it); the build grows alone.
    state = addSample(state, [{ stat: stat(10, 1, 900), rssKb: 1_000_000, hwmKb: 1_000_000 }]);
    const usage = treeUsage(state, 100);
    expect(usage.cpuMs).toBe((900 + 1700) * 10);
    expect(usage.peakTreeBytes).toBe(1_200_000 * 1024);
    expect(usage.largest).toEqual({ comm: "node", bytes: 1_000_000 * 1024 });
    expect(usage.processes.map((p) => p.comm)).toEqual(["pagefind_extend", "node"]);
    expect(usage.samples).toBe(2);
    expect(state.rootStart).toBe(10);
  });

  it("takes a process's own peak (VmHWM) as its size even between samples", () => {
    const state = addSample(emptyTree(10), [{ stat: stat(10, 1), rssKb: 100, hwmKb: 5000 }]);
    expect(treeUsage(state, 100).largest?.bytes).toBe(5000 * 1024);
    expect(treeUsage(state, 100).peakTreeBytes).toBe(100 * 1024);
  });

  it("keeps the largest CPU reading of a process (a zombie keeps its final times)", () => {
    let state = addSample(emptyTree(10), [{ stat: stat(10, 1, 300), rssKb: 1, hwmKb: 1 }]);
    state = addSample(state, [{ stat: stat(10, 1, 0), rssKb: 0, hwmKb: 0 }]);
    expect(treeUsage(state, 100).cpuMs).toBe(3000);
  });
});
