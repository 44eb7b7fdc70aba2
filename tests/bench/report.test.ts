import { describe, expect, it } from "vitest";
import { byProcess, formatTable, sequential, type Round, type Usage } from "../../scripts/bench/report.ts";

const MB = 1024 * 1024;
const usage = (ms: number, cpuMs: number, treeMb: number, largestMb: number, comm: string): Usage => ({
  ms,
  cpuMs,
  peakTreeBytes: treeMb * MB,
  maxRssBytes: largestMb * MB,
  largestCommand: comm,
});

describe("bench report", () => {
  it("adds wall and CPU of runs one after the other, and keeps the larger memory peak", () => {
    const both = sequential(
      usage(1000, 1500, 100, 90, "hugo"),
      usage(3000, 2900, 325, 280, "pagefind_extend"),
    );
    expect(both).toEqual(usage(4000, 4400, 325, 280, "pagefind_extend"));
  });

  it("lists the processes that did the work, largest CPU first", () => {
    const ours = {
      ...usage(13_100, 14_200, 705, 372, "pagefind_extend"),
      processes: [
        { comm: "pagefind_extend", cpuMs: 5400, peakKb: 372 * 1024 },
        { comm: "node", cpuMs: 8600, peakKb: 284 * 1024 },
        { comm: "time", cpuMs: 0, peakKb: 2000 },
      ],
    };
    expect(byProcess(ours)).toBe("pagefind_extend 5.4 s, 372 MB; node 8.6 s, 284 MB");
  });

  it("prints whole-tree CPU and memory and the largest process for ours and each yardstick (bare Eleventy, bare Eleventy + Pagefind CLI, Hugo + Pagefind CLI)", () => {
    const round: Round = {
      articles: 1000,
      ours: usage(13_100, 14_200, 705, 372, "pagefind_extend"),
      oursGnuTimeCpuMs: 8800,
      timings: { stages: [], maxRssBytes: 0, counts: { pages: 1707 } },
      outputBytes: 59 * MB,
      searchBytes: 5 * MB,
      firstQueryBytes: 282 * 1024,
      devFirstBuildMs: undefined,
      devEditMs: undefined,
      bare: usage(3200, 3100, 169, 168, "node"),
      barePagefind: usage(2900, 3700, 290, 280, "pagefind_extend"),
      hugo: {
        hugo: usage(1400, 1400, 45, 45, "hugo"),
        pagefind: usage(3000, 2900, 325, 280, "pagefind_extend"),
      },
      repeats: 3,
      hugoRatios: [2.9, 3.04, 2.5],
    };
    const table = formatTable([round], 2);
    expect(table).toContain("| CPU time, whole process tree (user + system) | 14.2 s |");
    expect(table).toContain("| · the 2 cores kept busy (CPU ÷ wall × cores) | 54 % |");
    expect(table).toContain("| · CPU GNU time alone reported (misses unreaped processes) | 8.8 s |");
    expect(table).toContain("| peak memory, whole tree (sum at one moment) | 705 MB |");
    expect(table).toContain("| largest process (its peak RSS) | 372 MB (pagefind_extend) |");
    expect(table).toContain(
      "| bare Eleventy: peak memory (tree) / largest process | 169 MB / 168 MB (node) |",
    );
    expect(table).toContain(
      "| bare Eleventy + Pagefind CLI, one after the other: wall / CPU (tree) | 6.1 s / 6.8 s |",
    );
    expect(table).toContain(
      "| · least wall time of any Eleventy + Pagefind build: that CPU ÷ 2 cores | 3.4 s |",
    );
    expect(table).toContain("| ours ÷ (bare Eleventy + Pagefind CLI) (wall / CPU) | 2.15× / 2.09× |");
    expect(table).toContain("| Hugo + Pagefind CLI: CPU (tree) | 1.4 s + 2.9 s = 4.3 s |");
    expect(table).toContain(
      "| ours ÷ (Hugo + Pagefind) (wall / CPU / peak memory) | 2.98× / 3.30× / 2.17× |",
    );
    expect(table).toContain(
      "| · wall, each of our runs ÷ the Hugo + Pagefind run right after it | 2.90×, 3.04×, 2.50× |",
    );
    expect(table).toContain("| runs of each contender, taken in turn (median run shown) | 3 |");
  });
});
