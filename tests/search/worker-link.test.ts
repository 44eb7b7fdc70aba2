import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { WorkerLink } from "../../lib/search/worker-link.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "phuninh-worker-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A worker module that answers in order, as the search workers do: "echo" after a delay, "count" with n ticks, exits on "die". */
const file = path.join(dir, "worker.mjs");
writeFileSync(
  file,
  `import { parentPort } from "node:worker_threads";
parentPort.on("message", (m) => {
  if (m.kind === "die") process.exit(3);
  if (m.kind === "count") for (let i = 0; i < m.n; i++) parentPort.postMessage({ kind: "tick" });
  if (m.kind === "echo") setTimeout(() => parentPort.postMessage({ kind: "echo", text: m.text }), 10);
  if (m.kind === "fail") parentPort.postMessage({ kind: "echo", error: "no such page" });
});`,
);

type Request = { kind: string; text?: string; n?: number };
type Answer = { kind: string; text?: string; error?: string };

describe("WorkerLink", () => {
  it("answers requests in the order asked, and passes other answers to its listener", async () => {
    let ticks = 0;
    const link = new WorkerLink<Request, Answer>(pathToFileURL(file), null, (answer) => {
      if (answer.kind !== "tick") return false;
      link.settle(1);
      ticks++;
      return true;
    });
    link.expect({ kind: "count", n: 3 }, 3);
    const answers = await Promise.all([
      link.ask({ kind: "echo", text: "a" }),
      link.ask({ kind: "echo", text: "b" }),
    ]);
    expect(answers.map((a) => a.text)).toEqual(["a", "b"]);
    expect(ticks).toBe(3);
    await expect(link.ask({ kind: "fail" })).rejects.toThrow("no such page");
    await link.terminate();
  });

  it("fails what waits on a worker that stops, instead of hanging", async () => {
    const link = new WorkerLink<Request, Answer>(pathToFileURL(file), null);
    const waiting = link.ask({ kind: "echo", text: "never" });
    link.post({ kind: "die" });
    await expect(waiting).rejects.toThrow(/search worker stopped \(exit 3\)/);
    expect(link.error).toBeInstanceOf(Error);
    await expect(link.ask({ kind: "echo" })).rejects.toThrow(/stopped/);
  });
});
