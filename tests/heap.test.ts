import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
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

describe("rerunWithHeapFor", () => {
  it("reruns a script once, with the sized limit, and returns its exit code", () => {
    // A child that reruns a one-line script: the script prints the heap limit it got and exits 3.
    const script = `console.log(require("node:v8").getHeapStatistics().heap_size_limit); process.exit(3)`;
    const caller = `import("./lib/heap.ts").then((m) => console.log("exit", m.rerunWithHeapFor(["-e", ${JSON.stringify(script)}], 100000)))`;
    const out = execFileSync(path.join(projectDir, "node_modules", ".bin", "tsx"), ["-e", caller], {
      cwd: projectDir,
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    const lines = out.trim().split("\n");
    const limit = heapLimitFor(100_000, os.totalmem(), v8.getHeapStatistics().heap_size_limit, "");
    if (limit === undefined) {
      // A machine whose three quarters are exactly Node's default: nothing is rerun.
      expect(lines).toEqual(["exit undefined"]);
    } else {
      expect(Number(lines[0])).toBeGreaterThanOrEqual(limit * 1024 ** 2);
      expect(Number(lines[0])).toBeLessThan((limit + 256) * 1024 ** 2);
      expect(lines[1]).toBe("exit 3");
    }
  });
});
