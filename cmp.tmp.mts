import { mergeBundles } from "./lib/search/merge-index.ts";
import { unpack } from "./lib/search/pagefind-format.ts";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
const [src, out] = [process.argv[2]!, process.argv[3]!];
rmSync(out, { recursive: true, force: true });
const t = performance.now();
console.log(await mergeBundles([src], out), ((performance.now() - t) / 1000).toFixed(2), "s");
const list = (d: string): string[] => readdirSync(d).flatMap((f) => statSync(path.join(d, f)).isDirectory() ? list(path.join(d, f)).map((x) => path.join(f, x)) : [f]);
const a = list(src).sort(), b = list(out).sort();
console.log("files", a.length, b.length, "only src:", a.filter((x) => !b.includes(x)).slice(0, 5), "only out:", b.filter((x) => !a.includes(x)).slice(0, 5));
let diff = 0;
for (const f of a.filter((x) => b.includes(x))) {
  const x = readFileSync(path.join(src, f)), y = readFileSync(path.join(out, f));
  const eq = f.includes(".pf_") ? Buffer.from(unpack(x, f)).equals(Buffer.from(unpack(y, f))) : x.equals(y);
  if (!eq) { diff++; if (diff < 5) console.log("differs", f); }
}
console.log("differing", diff);
