/**
 * The page manifest: which version of the output a build published, the code key it was built
 * with, and the key of every article and list page in it. Kept in `.cache/pages/`, one file per
 * output folder, written after the version is published; the next build trusts it only when it
 * names the version the output links to now.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const FORMAT = 1;

const manifestSchema = z.object({
  format: z.literal(FORMAT),
  /** The output folder (`_site`) it describes. */
  output: z.string().min(1),
  codeKey: z.string().min(1),
  /** Folder name of the version under `.site-versions/`. */
  version: z.string().min(1),
  /** Page URL → page key (lib/rebuild/page-keys.ts). */
  pages: z.record(z.string(), z.string()),
});

export type PageManifest = z.infer<typeof manifestSchema>;

export function newManifest(
  output: string,
  codeKey: string,
  version: string,
  pages: Record<string, string>,
): PageManifest {
  return { format: FORMAT, output: path.resolve(output), codeKey, version, pages };
}

/** The manifest file of an output folder: named after its absolute path, so two sites never share one. */
export function manifestFile(cacheDir: string, output: string): string {
  const name = createHash("sha256").update(path.resolve(output)).digest("hex").slice(0, 16);
  return path.join(cacheDir, `${name}.json`);
}

/** The manifest, or why it cannot be used (missing, unreadable, from another format). */
export function readManifest(file: string): PageManifest | string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return "no page manifest";
  }
  try {
    return manifestSchema.parse(JSON.parse(text));
  } catch {
    return "page manifest unreadable";
  }
}

/**
 * Writes the manifest whole or not at all (a killed write leaves the old file or none), and deletes
 * the manifests of output folders that are gone (a test's temporary site), so the cache CI keeps
 * does not grow with every run.
 */
export function writeManifest(file: string, manifest: PageManifest): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(manifest));
  renameSync(temporary, file);
  for (const name of readdirSync(path.dirname(file))) {
    const other = path.join(path.dirname(file), name);
    if (other === file || !name.endsWith(".json")) continue;
    // Written whole (rename), so one that does not read is of another format: no build can use it.
    const described = readManifest(other);
    if (typeof described === "string" || !existsSync(path.dirname(described.output)))
      rmSync(other, { force: true });
  }
}
