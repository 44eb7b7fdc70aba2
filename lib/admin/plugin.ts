/**
 * The Git-based CMS at `/admin/` for staff who do not use git: Sveltia CMS, self-hosted from its npm
 * package with everything it loads (fonts, icons, interface languages: lib/admin/self-host.ts), its
 * configuration generated from the front-matter schema, in Vietnamese, under the portal's name.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { contentDir, outputDir, type EleventyConfig } from "../eleventy.ts";
import { articleFields } from "../content/fields.ts";
import { readSiteConfig } from "../content/site.ts";
import { escapeHtml } from "../text/html.ts";
import { cmsConfigYaml } from "./cms-config.ts";
import { cmsRepository, placeholderRepositoryWarning, repositorySettingLocation } from "./repository.ts";
import { falseByDefaultFields, hooksScript, localeScript } from "./scripts.ts";
import {
  fontCopies,
  GITHUB_STATUS_FILE,
  GITHUB_STATUS_UNKNOWN,
  npmMirrorCopies,
  rewriteBundle,
  vietnameseFontFace,
  type AssetCopy,
} from "./self-host.ts";

export interface AdminOptions {
  /** URL folder of the CMS; defaults to `admin`. */
  readonly folder?: string;
}

/** The folder of the Sveltia CMS browser bundle inside node_modules. */
export function sveltiaDistDir(): string {
  const main = createRequire(import.meta.url).resolve("@sveltia/cms");
  return path.join(path.dirname(main), "..", "dist");
}

/** The CMS page: the generated configuration, fonts, and Sveltia's bundle between its two scripts. */
function adminPage(title: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
<link rel="stylesheet" href="fonts.css">
<link rel="icon" href="data:,">
</head>
<body>
<script src="locale.js"></script>
<script src="sveltia-cms.js"></script>
<script src="hooks.js"></script>
</body>
</html>
`;
}

export default function adminPlugin(eleventyConfig: EleventyConfig, options: AdminOptions = {}): void {
  const folder = options.folder ?? "admin";
  let warned = false;
  // Synchronous on purpose: the publish plugin lists the output's folders in its own handler.
  eleventyConfig.on("eleventy.after", () => {
    const input = contentDir(eleventyConfig);
    const site = readSiteConfig(input);
    const location = repositorySettingLocation(input);
    cmsRepository(site, location);
    const warning = placeholderRepositoryWarning(site, location);
    if (warning && !warned) console.warn(warning);
    warned = true;

    const target = path.join(outputDir(eleventyConfig), folder);
    mkdirSync(path.join(target, "chunks"), { recursive: true });
    writeFileSync(path.join(target, "index.html"), adminPage(escapeHtml(`Quản trị nội dung – ${site.name}`)));
    writeFileSync(path.join(target, "config.yml"), cmsConfigYaml(site));
    writeFileSync(path.join(target, "locale.js"), localeScript("vi"));
    writeFileSync(path.join(target, "hooks.js"), hooksScript(falseByDefaultFields(articleFields(site))));

    const dist = sveltiaDistDir();
    const bundle = rewriteBundle(readFileSync(path.join(dist, "sveltia-cms.js"), "utf8"), `/${folder}/`);
    writeFileSync(path.join(target, "sveltia-cms.js"), bundle.code);
    const vietnamese = vietnameseFontFace(bundle.fonts);
    writeFileSync(path.join(target, "fonts.css"), vietnamese.css);
    writeFileSync(path.join(target, GITHUB_STATUS_FILE), GITHUB_STATUS_UNKNOWN);
    // The bundle loads its chunks relative to itself; source maps are left out of the site.
    const copies: AssetCopy[] = [
      ...readdirSync(path.join(dist, "chunks"))
        .filter((file) => file.endsWith(".js"))
        .map((file) => ({ from: path.join(dist, "chunks", file), to: path.join("chunks", file) })),
      ...fontCopies([...bundle.fonts, vietnamese.font], import.meta.url),
      ...npmMirrorCopies(path.join(dist, "..")),
    ];
    for (const copy of copies) {
      mkdirSync(path.dirname(path.join(target, copy.to)), { recursive: true });
      copyFileSync(copy.from, path.join(target, copy.to));
    }
  });
}
