/**
 * Sveltia CMS served from the site alone. The package's browser bundle (`dist/sveltia-cms.js`) asks
 * two CDNs at run time: Fontsource on jsDelivr for its UI fonts (the icons are a font: Material
 * Symbols, whose glyphs are ligatures of words like `arrow_back`), and UNPKG for its interface
 * languages, its update check and the libraries it loads on demand (Immutable.js for event hooks,
 * Turndown for pasted HTML, exifr, SVGO). Our CSP (`lib/admin/csp.ts`) and government networks allow
 * neither, and Sveltia has no option to change these addresses (upstream issues #443 and #909: self-
 * hosters are told to build it themselves). So the copy we publish is the package's bundle with those
 * addresses rewritten, at build time, to files under the CMS folder, copied from npm packages: the
 * Fontsource packages of exactly the versions the bundle names, Sveltia's own `locales/`, and the
 * dependencies npm installed for Sveltia.
 *
 * Every rewrite is checked, so a Sveltia upgrade cannot quietly bring a CDN back: a CDN address
 * left in the bundle, a font package missing or of another version, or a bundle with no font address
 * at all (its loading changed) fails the build, naming what to do.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** One file to publish: `to` is relative to the CMS folder. */
export interface AssetCopy {
  readonly from: string;
  readonly to: string;
}

/** A Fontsource font the bundle names: its npm package, version and file inside `files/`. */
export interface FontRef {
  readonly url: string;
  readonly packageName: string;
  readonly version: string;
  readonly file: string;
}

const FONTSOURCE_CDN =
  /https:\/\/cdn\.jsdelivr\.net\/fontsource\/fonts\/([a-z0-9-]+)(:vf)?@([0-9.]+)\/([a-z0-9-]+)\.woff2/g;
const ANY_CDN = /https:\/\/(?:cdn\.jsdelivr\.net|unpkg\.com)\/[^\s`'")]*/;
const UNPKG = "https://unpkg.com/";

/**
 * GitHub's status page, which Sveltia polls to show a banner during GitHub incidents. It is hosted
 * on another service (Statuspage), not GitHub's API or sign-in, so /admin/ reads a file of its own
 * instead, saying "unknown": what Sveltia shows when the status page cannot be reached.
 */
const GITHUB_STATUS_API = "https://www.githubstatus.com/api/v2/status.json";
export const GITHUB_STATUS_FILE = "github-status.json";
export const GITHUB_STATUS_UNKNOWN = `${JSON.stringify({ status: { indicator: "unknown", description: "Not checked: /admin/ contacts GitHub only (docs/publishing.md)" } })}\n`;

/**
 * Reads a Fontsource CDN address: `…/fonts/<id>[:vf]@<version>/<subset>.woff2` is the file
 * `files/<id>-<subset>.woff2` of `@fontsource/<id>` (`@fontsource-variable/<id>` for `:vf`).
 * @example fontsourceRef("https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2")
 * // { packageName: "@fontsource/noto-mono", version: "5.3.0", file: "noto-mono-latin-400-normal.woff2", … }
 */
export function fontsourceRef(url: string): FontRef | undefined {
  const match = new RegExp(FONTSOURCE_CDN.source).exec(url);
  if (!match || match[0] !== url) return undefined;
  const [, id = "", variable, version = "", subset = ""] = match;
  return {
    url,
    packageName: `@fontsource${variable ? "-variable" : ""}/${id}`,
    version,
    file: `${id}-${subset}.woff2`,
  };
}

/**
 * The bundle with its CDN addresses pointed at the CMS folder `base` (a URL path ending in `/`):
 * each Fontsource font → `<base>fonts/<file>`, every UNPKG address → `<base>npm/…` (the same
 * path below it, so the mirror holds exactly what Sveltia would have asked UNPKG for), and GitHub's
 * status API → `<base>github-status.json`. Throws when
 * the bundle names no font or still names a CDN afterwards.
 */
export function rewriteBundle(code: string, base: string): { code: string; fonts: FontRef[] } {
  const fonts = new Map<string, FontRef>();
  let rewritten = code.replace(FONTSOURCE_CDN, (url) => {
    const ref = fontsourceRef(url);
    if (!ref) return url;
    fonts.set(url, ref);
    return `${base}fonts/${ref.file}`;
  });
  if (fonts.size === 0)
    throw new Error(
      "lib/admin/self-host.ts: the Sveltia CMS bundle names no Fontsource font any more; see how this version loads its fonts and icons before publishing it",
    );
  rewritten = rewritten
    .replaceAll(UNPKG, `${base}npm/`)
    .replaceAll(GITHUB_STATUS_API, `${base}${GITHUB_STATUS_FILE}`);
  const left = ANY_CDN.exec(rewritten);
  if (left)
    throw new Error(
      `lib/admin/self-host.ts: the Sveltia CMS bundle still names a CDN (${left[0]}); serve that file from the site before publishing this version`,
    );
  return { code: rewritten, fonts: [...fonts.values()] };
}

/** The folder of an installed package, found the way Node resolves it from `from` (exports ignored). */
function packageDir(name: string, from: string): string {
  for (const dir of createRequire(from).resolve.paths(name) ?? []) {
    const candidate = path.join(dir, name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
  }
  throw new Error(`lib/admin/self-host.ts: the npm package ${name} is not installed (run npm ci)`);
}

function packageVersion(dir: string): string {
  return (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
}

/** The font files to publish; throws when a package is missing or not the version the bundle names. */
export function fontCopies(fonts: readonly FontRef[], from: string): AssetCopy[] {
  return fonts.map((font) => {
    const dir = packageDir(font.packageName, from);
    const installed = packageVersion(dir);
    if (installed !== font.version)
      throw new Error(
        `lib/admin/self-host.ts: Sveltia CMS asks for ${font.packageName}@${font.version}, package.json installs ${installed}: set "${font.packageName}": "${font.version}"`,
      );
    return { from: path.join(dir, "files", font.file), to: path.join("fonts", font.file) };
  });
}

/**
 * Libraries Sveltia imports from UNPKG on demand, as `<name>@<version range without its ^>/<file>`
 * (its loader reads the range from its own package.json), all installed with Sveltia. Leaflet and
 * Terra Draw (map fields), PDF.js (PDF thumbnails), libheif (HEIC photos) and jSquash (image
 * encoders) are left out: the first two serve field types we do not use, the others are not npm
 * dependencies of Sveltia, and asking for them gets a 404 from our own site, never a CDN.
 */
const ON_DEMAND_MODULES: readonly (readonly [name: string, file: string])[] = [
  ["immutable", "dist/immutable.es.js"],
  ["turndown", "lib/turndown.browser.es.js"],
  ["exifr", "dist/lite.esm.mjs"],
  ["svgo", "dist/svgo.browser.js"],
];

/** What the bundle asks for under `<base>npm/`: Sveltia's locales, its version, its on-demand libraries. */
export function npmMirrorCopies(sveltiaDir: string): AssetCopy[] {
  const manifest = JSON.parse(readFileSync(path.join(sveltiaDir, "package.json"), "utf8")) as {
    version: string;
    dependencies: Record<string, string>;
  };
  const locales = path.join(sveltiaDir, "locales");
  const copies: AssetCopy[] = [
    // The update check compares this version with its own: the same, so it stays quiet.
    { from: path.join(sveltiaDir, "package.json"), to: path.join("npm", "@sveltia", "cms", "package.json") },
    ...readdirSync(locales)
      .filter((file) => file.endsWith(".json"))
      .map((file) => ({
        from: path.join(locales, file),
        to: path.join("npm", "@sveltia", `cms@${manifest.version}`, "locales", file),
      })),
  ];
  for (const [name, file] of ON_DEMAND_MODULES) {
    const range = manifest.dependencies[name];
    if (!range) throw new Error(`lib/admin/self-host.ts: Sveltia CMS no longer depends on ${name}`);
    const dir = packageDir(name, path.join(sveltiaDir, "package.json"));
    copies.push({
      from: path.join(dir, file),
      to: path.join("npm", `${name}@${range.replace(/^\D/, "")}`, file),
    });
  }
  return copies;
}

/**
 * Extra faces for the Vietnamese letters. The bundle's Source Sans 3 covers Latin-1 only, so ă, đ,
 * ơ, ư and the stacked tone marks (ạ, ế…) would fall back to another font in the middle of a word;
 * Fontsource's `vietnamese` subset of the same package and version completes it (with the bundle's
 * `size-adjust`, so both halves of a word are the same size).
 */
export function vietnameseFontFace(fonts: readonly FontRef[]): { css: string; font: FontRef } {
  const sans = fonts.find((font) => font.packageName === "@fontsource-variable/source-sans-3");
  if (!sans) throw new Error("lib/admin/self-host.ts: the Sveltia CMS bundle no longer uses Source Sans 3");
  const vietnamese: FontRef = { ...sans, url: "", file: sans.file.replace("-latin-", "-vietnamese-") };
  const css = `/* Generated by lib/admin/self-host.ts: the Vietnamese letters of Sveltia CMS's UI font. */
@font-face {
  font-family: "Source Sans 3";
  font-style: normal;
  font-display: swap;
  font-weight: 200 900;
  src: url("fonts/${vietnamese.file}") format("woff2-variations");
  unicode-range: U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, U+01AF-01B0, U+0300-0301,
    U+0303-0304, U+0308-0309, U+0323, U+0329, U+1EA0-1EF9, U+20AB;
  size-adjust: 110%;
}
`;
  return { css, font: vietnamese };
}
