/**
 * The check of Pagefind's format by behaviour: the installed Pagefind's bundle of the fixture passes,
 * and real bundles altered the way a new Pagefind version might write them fail, naming the change.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as pagefind from "pagefind";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCbor, encodeCbor } from "../../lib/search/cbor.ts";
import { checkFormat, formatFixture } from "../../lib/search/format-check.ts";
import { EXCLUDE_SELECTORS } from "../../lib/search/options.ts";
import { pack, pagefindHash, unpack } from "../../lib/search/pagefind-format.ts";

const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-format-"));
const bundle = path.join(root, "bundle");
const fixture = formatFixture();

beforeAll(async () => {
  const { index } = await pagefind.createIndex({
    forceLanguage: "vi",
    excludeSelectors: [...EXCLUDE_SELECTORS],
  });
  for (const page of fixture)
    await index!.addHTMLFile({ url: page.url, content: Buffer.from(page.content).toString() });
  await index!.writeFiles({ outputPath: bundle });
  await pagefind.close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the bundle to alter. */
function copy(name: string): string {
  const dir = path.join(root, name);
  cpSync(bundle, dir, { recursive: true });
  return dir;
}

/** Rewrites a Pagefind file's CBOR body with `change` (the file keeps its name). */
function alter(file: string, change: (value: unknown[]) => void): void {
  const value = decodeCbor(unpack(readFileSync(file), file)) as unknown[];
  change(value);
  writeFileSync(file, pack(encodeCbor(value)));
}

describe("checkFormat", () => {
  it("passes the installed Pagefind's bundle, several index chunks and all", async () => {
    expect(readdirSync(path.join(bundle, "index")).length).toBeGreaterThan(1);
    await expect(checkFormat(bundle, fixture.length, path.join(root, "merged"))).resolves.toBeUndefined();
  });

  it("names a metadata file with a field more, named by its content as Pagefind would", async () => {
    const dir = copy("meta");
    const entry = JSON.parse(readFileSync(path.join(dir, "pagefind-entry.json"), "utf8"));
    const old = path.join(dir, `pagefind.${entry.languages.vi.hash}.pf_meta`);
    alter(old, (meta) => meta.push([]));
    const body = unpack(readFileSync(old), old);
    const hash = `vi_${pagefindHash(body).slice(0, 10)}`;
    renameSync(old, path.join(dir, `pagefind.${hash}.pf_meta`));
    writeFileSync(
      path.join(dir, "pagefind-entry.json"),
      JSON.stringify({ ...entry, languages: { vi: { ...entry.languages.vi, hash } } }),
    );
    await expect(checkFormat(dir, fixture.length, path.join(root, "meta-merged"))).rejects.toThrow(
      new RegExp(
        `Pagefind 1\\.\\d+\\.\\d+ writes its index differently[^]*pagefind\\.${hash}\\.pf_meta: value: 7 fields, 6 expected`,
      ),
    );
  });

  it("names an index chunk whose word locations changed shape, and its name no longer its hash", async () => {
    const dir = copy("chunk");
    const chunk = readdirSync(path.join(dir, "index"))[0]!;
    let at = -1;
    alter(path.join(dir, "index", chunk), ([words]) => {
      // The first word listed with pages of its own (some have only variants).
      at = (words as [string, unknown[][]][]).findIndex(([, pages]) => pages.length > 0);
      (words as [string, unknown[][]][])[at]![1][0]!.pop();
    });
    const error = await checkFormat(dir, fixture.length, path.join(root, "chunk-merged")).catch(
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`index/${chunk}: [0][${at}][1][0]: 2 fields, 3 expected`);
    expect((error as Error).message).toMatch(
      new RegExp(`index/${chunk}: named ${chunk.slice(0, -9)}, by its content vi_`),
    );
  });
});
