import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { describe, expect, it } from "vitest";
import { heapLimitFor } from "../lib/heap.ts";
import { projectDir } from "../lib/build.ts";

const GB = 1024 ** 3;

describe("heapLimitFor", () => {
  it("keeps Node's default while it is enough for the archive (10,000 articles)", () => {
    expect(heapLimitFor(10_000, 24 * GB, 4.3 * GB, "")).toBeUndefined();
  });

  it("sizes the heap to a large archive, at most three quarters of the machine", () => {
    expect(heapLimitFor(100_000, 24 * GB, 4.3 * GB, "")).toBe(15512);
    expect(heapLimitFor(200_000, 24 * GB, 4.3 * GB, "")).toBe(18432);
  });

  it("keeps the default on a small machine, and any limit the caller set", () => {
    expect(heapLimitFor(100_000, 4 * GB, 4.3 * GB, "")).toBeUndefined();
    expect(heapLimitFor(100_000, 24 * GB, 4.3 * GB, "--max-old-space-size=2048")).toBeUndefined();
  });
});

describe("rerunWithHeapFor", () => {
  it("reruns a script once, with the larger limit, and returns its exit code", () => {
    // A child that reruns a one-line script: the script prints the heap limit it got and exits 3.
    const script = `console.log(require("node:v8").getHeapStatistics().heap_size_limit); process.exit(3)`;
    const caller = `import("./lib/heap.ts").then((m) => console.log("exit", m.rerunWithHeapFor(["-e", ${JSON.stringify(script)}], 100000)))`;
    const out = execFileSync(path.join(projectDir, "node_modules", ".bin", "tsx"), ["-e", caller], {
      cwd: projectDir,
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    const lines = out.trim().split("\n");
    if (heapLimitFor(100_000, os.totalmem(), v8.getHeapStatistics().heap_size_limit, "") === undefined) {
      // A machine with under ~6 GB: Node's default is already the larger limit; nothing is rerun.
      expect(lines).toEqual(["exit undefined"]);
    } else {
      expect(Number(lines[0])).toBeGreaterThan(8 * GB);
      expect(lines[1]).toBe("exit 3");
    }
  });
});
