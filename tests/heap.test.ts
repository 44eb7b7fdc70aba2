import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { heapLimitFor } from "../lib/heap.ts";
import { projectDir } from "../lib/build.ts";

const GB = 1024 ** 3;

describe("heapLimitFor", () => {
  it("keeps Node's default for a small site", () => {
    expect(heapLimitFor(31, 24 * GB, 4.3 * GB, "")).toBeUndefined();
    expect(heapLimitFor(1_999, 24 * GB, 4.3 * GB, "")).toBeUndefined();
  });

  it("sizes the heap to the archive, below the default for 10,000 and above it for 100,000", () => {
    expect(heapLimitFor(10_000, 24 * GB, 4.3 * GB, "")).toBe(1056);
    expect(heapLimitFor(100_000, 24 * GB, 4.3 * GB, "")).toBe(8256);
  });

  it("allows at most three quarters of the machine, and keeps any limit the caller set", () => {
    expect(heapLimitFor(300_000, 24 * GB, 4.3 * GB, "")).toBe(18432);
    expect(heapLimitFor(100_000, 4 * GB, 4.3 * GB, "")).toBe(3072);
    expect(heapLimitFor(100_000, 24 * GB, 4.3 * GB, "--max-old-space-size=2048")).toBeUndefined();
    expect(heapLimitFor(10_000, 24 * GB, 1056 * 1024 ** 2, "")).toBeUndefined();
  });
});

describe("runWithHeapLimit", () => {
  it("runs a TypeScript module in a worker with the limit, its arguments and its exit code", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "heap-"));
    const script = path.join(dir, "print.mts");
    writeFileSync(
      script,
      `import v8 from "node:v8";
      const text: string = "typed";
      console.log(v8.getHeapStatistics().heap_size_limit, process.argv.slice(2).join(","), text);
      process.exitCode = 3;`,
    );
    const caller = `import("./lib/heap.ts").then(async (m) => console.log("exit", await m.runWithHeapLimit(new URL("file://${script}"), ["--input", "x"], 300)))`;
    const result = spawnSync(path.join(projectDir, "node_modules", ".bin", "tsx"), ["-e", caller], {
      cwd: projectDir,
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    const [limit, args, typed, ...exit] = result.stdout.trim().split(/\s+/);
    // V8's limit is the old generation's plus the young generation's (larger on newer Node).
    expect(Number(limit)).toBeGreaterThanOrEqual(300 * 1024 ** 2);
    expect(Number(limit)).toBeLessThan((300 + 256) * 1024 ** 2);
    expect([args, typed, ...exit]).toEqual(["--input,x", "typed", "exit", "3"]);
  });

  it("ends a worker that runs out of heap with a failure, never a success", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "heap-"));
    const script = path.join(dir, "grow.mts");
    // Many small objects, as a build holds: the allocation V8 most often stops cleanly.
    writeFileSync(
      script,
      `type Node = { next: Node | null; data: number[] };
      let head: Node | null = null;
      for (;;) head = { next: head, data: new Array(100).fill(Math.random()) };`,
    );
    const caller = `import("./lib/heap.ts").then(async (m) => console.log("exit", await m.runWithHeapLimit(new URL("file://${script}"), [], 64)))`;
    const result = spawnSync(path.join(projectDir, "node_modules", ".bin", "tsx"), ["-e", caller], {
      cwd: projectDir,
      encoding: "utf8",
    });
    if (result.stdout.trim() === "") {
      // V8 could not stop the worker alone and aborted the process (nodejs/node#47224; seen on Node 24).
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain("JavaScript heap out of memory");
    } else {
      expect(result.stdout.trim()).toBe("exit 1");
      expect(result.stderr).toContain("Hết bộ nhớ: bản dựng cần hơn 64 MB");
    }
  });
});
