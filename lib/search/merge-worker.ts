/**
 * The merge of the search index's partial indexes (`merge-index.ts`), and their storing into the
 * cache (`store-part.ts`), in a worker thread of its own; its rendering-thread side is `MergeThread`
 * (`merge-thread.ts`).
 *
 * Why a thread: storing a partial index (reading, unzipping, restoring and zipping its fragments) and
 * the merge are work the rendering thread, which every page waits for, need not do.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { BundleMerger } from "./merge-index.ts";
import type { MergeAnswer, MergeRequest, MergeWorkerData, TypeScriptWorkerData } from "./messages.ts";
import { pageMonth } from "./parts.ts";
import { storePart } from "./store-part.ts";
import { verifyFolder } from "./part-cache.ts";
import { splitByMonth, TIERS_FILE, type TierManifest } from "./tiers.ts";

const port = parentPort;
if (!port) throw new Error("merge-worker.ts runs as a worker thread (see MergeThread)");
const { outputPath, recentPages, libraryDir } = workerData as TypeScriptWorkerData<MergeWorkerData>;

// Pagefind does not store sort values, and merging the partial indexes' sort orders needs them.
const sorts = new Map<string, Map<string, string>>();
let manifest: TierManifest | undefined;

const merger = new BundleMerger(outputPath, {
  libraryDir,
  sortValues: (url, key) => sorts.get(url)?.get(key),
  split: (urls) => {
    const split = splitByMonth(
      urls.map((url) => monthOf(url)),
      recentPages,
    );
    manifest = split.manifest;
    return split;
  },
});

const reply = (answer: MergeAnswer): void => port.postMessage(answer);
let queue: Promise<void> = Promise.resolve();

port.on("message", (request: MergeRequest) => {
  if (request.kind === "pages") {
    for (const page of request.pages) sorts.set(page.url, new Map(page.sorts));
    return;
  }
  if (request.kind === "check") {
    // Beside the queue, as stores: checks run while pages render.
    verifyFolder(request.entry).then(
      (verified) => reply({ kind: "checked", entry: request.entry, verified }),
      (error: unknown) =>
        reply({ kind: "checked", entry: request.entry, verified: { damage: messageOf(error) } }),
    );
    return;
  }
  if (request.kind === "store") {
    // Beside the queue: partial indexes are stored as Pagefind writes them, while pages render.
    storePart(request.dir, request.entry, new Set(request.unmarked)).then(
      (pages) => reply({ kind: "stored", entry: request.entry, pages }),
      (error: unknown) => reply({ kind: "stored", entry: request.entry, error: messageOf(error) }),
    );
    return;
  }
  queue = queue
    .then(async () => {
      if (request.kind === "part") {
        await merger.addPart(request.dir, request.pages);
        reply({ kind: "taken" });
        return;
      }
      await merger.finish();
      // The search page reads which years each bundle holds; an empty index has no years to tell.
      await writeFile(
        path.join(outputPath, TIERS_FILE),
        JSON.stringify(manifest ?? { recent: null, archive: null }),
      );
      reply({ kind: "finished", tiers: manifest });
    })
    .catch((error: unknown) =>
      reply({ kind: request.kind === "part" ? "taken" : "finished", error: messageOf(error) }),
    );
});

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The month of an indexed page, from its date sort value. */
function monthOf(url: string): string {
  const month = pageMonth(sorts.get(url) ?? new Map());
  if (!month) throw new Error(`Search index: ${url} has no date (data-pagefind-sort="date:…")`);
  return month;
}
