/**
 * The merge of the search index's partial indexes (`merge-index.ts`), in a worker thread of its own; its
 * rendering-thread side is `MergeThread` (`merge-thread.ts`).
 *
 * Why a thread: taking over each partial index (reading, unzipping, restoring and zipping its
 * fragments) is work the rendering thread, which every page waits for, need not do.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { BundleMerger } from "./merge-index.ts";
import { unmarkDStroke } from "./d-stroke.ts";
import type { MergeAnswer, MergeRequest, MergeWorkerData, TypeScriptWorkerData } from "./messages.ts";
import { splitByMonth, TIERS_FILE, type TierManifest } from "./tiers.ts";

const port = parentPort;
if (!port) throw new Error("merge-worker.ts runs as a worker thread (see MergeThread)");
const { outputPath, recentPages } = workerData as TypeScriptWorkerData<MergeWorkerData>;

// Pagefind does not store sort values, and merging the partial indexes' sort orders needs them.
const sorts = new Map<string, Map<string, string>>();
// Pages indexed as written (they hold ḏ themselves, see d-stroke.ts): their fragments stay as they are.
const unmarked = new Set<string>();
let manifest: TierManifest | undefined;

const merger = new BundleMerger(outputPath, {
  restoreFragment: (url, json) => (unmarked.has(url) ? json : unmarkDStroke(json)),
  sortValues: (url, key) => sorts.get(url)?.get(key),
  split: (urls) => {
    const split = splitByMonth(
      urls.map((url) => pageMonth(url)),
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
    for (const page of request.pages) {
      sorts.set(page.url, new Map(page.sorts));
      if (!page.marked) unmarked.add(page.url);
    }
    return;
  }
  queue = queue
    .then(async () => {
      if (request.kind === "part") {
        await merger.addPart(request.dir);
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
      reply({
        kind: request.kind === "part" ? "taken" : "finished",
        error: error instanceof Error ? error.message : String(error),
      }),
    );
});

/** The month (`YYYY-MM`) of an indexed page, from its date sort value (ISO 8601 with +07:00: Vietnam time). */
function pageMonth(url: string): string {
  const month = sorts.get(url)?.get("date")?.slice(0, 7) ?? "";
  if (!/^\d{4}-\d{2}$/.test(month)) {
    throw new Error(`Search index: ${url} has no date (data-pagefind-sort="date:…")`);
  }
  return month;
}
