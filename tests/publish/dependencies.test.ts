/**
 * The dependency tree installs cleanly on both Node lines the project runs on: the machines' Node 20
 * (package.json `engines`) and production's LTS line (`.nvmrc`: Netlify and the CI container). Read
 * from package-lock.json, so a dependency bump that would make `npm ci` warn fails here first.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(root, file), "utf8"));

interface LockEntry {
  readonly version?: string;
  readonly engines?: { readonly node?: string };
  readonly os?: readonly string[];
  readonly cpu?: readonly string[];
  readonly hasInstallScript?: boolean;
}

const pkg = readJson("package.json") as {
  engines: { node: string };
  allowScripts?: Record<string, boolean>;
};
const lock = readJson("package-lock.json") as { packages: Record<string, LockEntry> };
const npmrc = readFileSync(path.join(root, ".npmrc"), "utf8");
const production = readFileSync(path.join(root, ".nvmrc"), "utf8").trim();

/** Installed on this platform: npm skips optional packages built for another system or processor. */
function installedHere(entry: LockEntry): boolean {
  // npm's rule: a `!name` entry excludes a value; any plain entries list the only values allowed.
  const fits = (list: readonly string[] | undefined, value: string): boolean => {
    if (list === undefined || list.includes(`!${value}`)) return list === undefined;
    const allowed = list.filter((item) => !item.startsWith("!"));
    return allowed.length === 0 || allowed.includes(value);
  };
  return fits(entry.os, "linux") && fits(entry.cpu, "x64");
}

const installed = Object.entries(lock.packages)
  .filter(([where]) => where !== "")
  .filter(([, entry]) => installedHere(entry))
  .map(([where, entry]) => ({ name: where.replace(/^.*node_modules\//, ""), ...entry }));

describe("dependencies", () => {
  it("every installed package accepts the oldest Node the project supports and production's", () => {
    const oldest = semver.minVersion(pkg.engines.node)?.version;
    const lts = semver.minVersion(production)?.version;
    expect(oldest, `engines.node ${pkg.engines.node}`).toMatch(/^20\./);
    expect(lts, `.nvmrc ${production}`).toMatch(/^24\./);
    const refusing = installed.flatMap(({ name, version, engines }) =>
      [oldest, lts]
        .filter((node) => engines?.node !== undefined && !semver.satisfies(node as string, engines.node))
        .map((node) => `${name}@${version} wants node ${engines?.node}, not ${node}`),
    );
    expect(refusing).toEqual([]);
  });

  it("engine warnings are not hidden", () => {
    expect(npmrc).not.toMatch(/engine-strict\s*=\s*false/);
  });

  it("every package with an install script is reviewed in allowScripts", () => {
    const reviewed = Object.keys(pkg.allowScripts ?? {}).map((key) => key.replace(/(.)@.*$/, "$1"));
    const unreviewed = installed
      .filter((entry) => entry.hasInstallScript === true && !reviewed.includes(entry.name))
      .map((entry) => `${entry.name}@${entry.version}`);
    expect(unreviewed).toEqual([]);
  });
});
