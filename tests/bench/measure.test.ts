/**
 * The benchmark's measurement on real process trees: CPU and memory of every process count, including
 * a child that is killed and never waited for (what Pagefind's indexer is to the build).
 */
import { describe, expect, it } from "vitest";
import { projectDir } from "../../lib/build.ts";
import { measure } from "../../scripts/bench/measure.ts";

// Spins one core for `ms` of CPU time (not wall time, so a loaded machine cannot shorten it).
const busy = (ms: number): string =>
  `const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; }; const end = cpu() + ${ms * 1000}; while (cpu() < end);`;

describe("measure", () => {
  it("adds up the CPU of parallel children of a shell", async () => {
    const node = JSON.stringify(process.execPath);
    const run = await measure("sh", ["-c", `${node} -e '${busy(700)}' & ${node} -e '${busy(700)}'; wait`], {
      cwd: projectDir,
    });
    const children = run.processes.filter((p) => p.comm === "node");
    expect(children).toHaveLength(2);
    const oneChild = Math.max(...children.map((p) => p.cpuMs));
    // Each child is sampled every 150 ms while it runs: one that ends between two samples and is
    // reaped at once loses its last interval, never more.
    expect(oneChild).toBeGreaterThanOrEqual(700 - 150);
    expect(run.cpuMs).toBeGreaterThan(oneChild + 500);
    expect(run.peakTreeBytes).toBeGreaterThanOrEqual(run.maxRssBytes);
    expect(run.largestCommand).toBe("node");
  });

  it("counts a child that is killed and never reaped, which GNU time misses", async () => {
    // The parent starts a child that holds 200 MB and spins, then kills it without waiting, and exits.
    const child = `const keep = Buffer.alloc(200 * 1024 * 1024, 1); ${busy(800)} console.log("done"); setInterval(() => keep[0]++, 1000);`;
    const parent = `
      const c = require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(child)}]);
      c.stdout.once("data", () => setTimeout(() => { c.kill("SIGKILL"); process.exit(0); }, 500));`;
    const run = await measure(process.execPath, ["-e", parent], { cwd: projectDir });
    const processes = run.processes.filter((p) => p.comm === "node");
    expect(processes.length).toBeGreaterThanOrEqual(2);
    expect(run.cpuMs).toBeGreaterThanOrEqual(700);
    if (run.gnuTimeCpuMs !== undefined) expect(run.gnuTimeCpuMs).toBeLessThan(run.cpuMs - 500);
    expect(run.maxRssBytes).toBeGreaterThan(200 * 1024 * 1024);
    expect(run.peakTreeBytes).toBeGreaterThan(run.maxRssBytes);
  });
});
