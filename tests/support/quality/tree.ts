/**
 * Byte-for-byte comparison of two output folders by SHA-256 of every file.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { listFiles } from "./pages.ts";

/** Relative path → SHA-256 of every file under `root`. */
export function hashTree(root: string): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const file of listFiles(root))
    hashes.set(
      path.relative(root, file).split(path.sep).join("/"),
      createHash("sha256").update(readFileSync(file)).digest("hex"),
    );
  return hashes;
}

/** Files that differ between two trees, one line each: `path: differs | only in first | only in second`. */
export function diffTrees(first: string, second: string): string[] {
  const a = hashTree(first);
  const b = hashTree(second);
  const lines: string[] = [];
  for (const [file, hash] of a) {
    if (!b.has(file)) lines.push(`${file}: only in the first build`);
    else if (b.get(file) !== hash) lines.push(`${file}: content differs`);
  }
  for (const file of b.keys()) if (!a.has(file)) lines.push(`${file}: only in the second build`);
  return lines.sort();
}
