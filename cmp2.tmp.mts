import { decodeMeta, unpack } from "./lib/search/pagefind-format.ts";
import { readFileSync } from "node:fs";
const a = decodeMeta(unpack(readFileSync(process.argv[2]!), "a"), "a");
const b = decodeMeta(unpack(readFileSync(process.argv[3]!), "b"), "b");
for (const k of Object.keys(a) as (keyof typeof a)[]) {
  const x = JSON.stringify(a[k]), y = JSON.stringify(b[k]);
  if (x !== y) { let i = 0; while (x[i] === y[i]) i++; console.log(k, "differs at", i, x.slice(i - 80, i + 80), "\n   vs", y.slice(i - 80, i + 80)); }
}
