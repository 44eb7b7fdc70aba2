import { describe, expect, it } from "vitest";
import { Progress } from "../lib/progress.ts";

function reporter(enabled: boolean) {
  let clock = 0;
  const lines: string[] = [];
  const progress = new Progress({
    enabled,
    intervalMs: 3000,
    write: (line) => lines.push(line),
    now: () => clock,
  });
  return { progress, lines, advance: (ms: number) => (clock += ms) };
}

describe("build progress", () => {
  it("prints at most one line per interval, however many pages are written", () => {
    const { progress, lines, advance } = reporter(true);
    progress.stage("render");
    progress.articles(10_000);
    for (let i = 0; i < 10_000; i++) {
      progress.tick();
      advance(1);
    }
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe("[phuninh] 3 s · render · 3001 trang · 10000 bài");
  });

  it("stays silent when disabled (CI without PORTAL_PROGRESS=1)", () => {
    const { progress, lines, advance } = reporter(false);
    advance(10_000);
    progress.tick();
    expect(lines).toEqual([]);
  });
});
