import { decodeMeta, unpack, readCbor } from "./lib/search/pagefind-format.ts";
import { readFileSync } from "node:fs";
const a = decodeMeta(unpack(readFileSync(process.argv[2]!), "a"), "a");
for (const [from, to, h] of a.chunks.slice(0, 14)) {
  const [words] = await readCbor<any>(`/tmp/pfo/index/${h}.pf_index`);
  console.log(from, to, "|", words[0][0], words.at(-1)[0], words.length);
}
