import { describe, expect, it } from "vitest";
import { Pool } from "../../lib/images/pool.ts";
import { widthsFor } from "../../lib/images/encode.ts";

describe("Pool", () => {
  it("never runs more tasks than its size, and runs earlier photos' work first", async () => {
    const pool = new Pool(2);
    let running = 0;
    let peak = 0;
    const order: string[] = [];
    const task = (name: string) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(name);
      running--;
    };
    await Promise.all([
      pool.run(0, task("a1")),
      pool.run(0, task("a2")),
      pool.run(5, task("late")),
      pool.run(1, task("b1")),
    ]);
    expect(peak).toBe(2);
    expect(order.indexOf("b1")).toBeLessThan(order.indexOf("late"));
  });
});

describe("widthsFor", () => {
  it("keeps the standard widths a source can fill and adds its own width when smaller than the largest", () => {
    expect(widthsFor(4000)).toEqual([360, 720, 1080, 1440]);
    expect(widthsFor(1000)).toEqual([360, 720, 1000]);
    expect(widthsFor(200)).toEqual([200]);
  });
});
