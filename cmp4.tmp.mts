import { decodeMeta, unpack, readCbor } from "./lib/search/pagefind-format.ts";
import { shortenChunkBounds } from "./lib/search/merge-index.ts";
import { readFileSync } from "node:fs";
for (const m of process.argv.slice(2)) {
const dir = m.slice(0, m.lastIndexOf("/"));
const a = decodeMeta(unpack(readFileSync(m), "a"), "a");
const mine: [string, string, string][] = [];
for (const [, , h] of a.chunks) { const [w] = await readCbor<any>(`${dir}/index/${h}.pf_index`); mine.push([w[0][0], w.at(-1)[0], h]); }
shortenChunkBounds(mine);
let bad = 0;
a.chunks.forEach(([f, t], i) => { if (f !== mine[i]![0] || t !== mine[i]![1]) { bad++; console.log(i, "pf", f, t, "mine", mine[i]); } });
console.log(m, a.chunks.length, "chunks,", bad, "differ");
}
