/** `serveStatic`: a static site answers reads only; every other method gets 405 with `Allow`. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic } from "../../lib/preview/server.ts";

describe("serveStatic", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-serve-"));
  let server: Server;
  let url = "";
  beforeAll(async () => {
    writeFileSync(path.join(root, "index.html"), "<!doctype html><title>Trang chủ</title>");
    ({ server, url } = await serveStatic(root, 0));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it("serves GET with the page and HEAD with its headers only", async () => {
    const get = await fetch(`${url}/`);
    expect(get.status).toBe(200);
    expect(await get.text()).toContain("Trang chủ");
    const head = await fetch(`${url}/`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await head.text()).toBe("");
  });

  it.each(["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])(
    "answers %s with 405 and Allow: GET, HEAD, for pages and missing paths alike",
    async (method) => {
      for (const target of ["/", "/khong-co/"]) {
        const response = await fetch(url + target, { method, body: method === "POST" ? "x=1" : undefined });
        expect(response.status).toBe(405);
        expect(response.headers.get("allow")).toBe("GET, HEAD");
      }
    },
  );
});
