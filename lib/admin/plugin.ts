/**
 * The Git-based CMS at `/admin/` for staff who do not use git: Sveltia CMS, self-hosted from its npm
 * package (no CDN script), with its configuration generated from the front-matter schema.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { outputDir, type EleventyConfig } from "../eleventy.ts";
import { readSiteConfig } from "../content/site.ts";
import { cmsConfigYaml } from "./cms-config.ts";

export interface AdminOptions {
  /** URL folder of the CMS; defaults to `admin`. */
  readonly folder?: string;
}

/** The folder of the Sveltia CMS browser bundle inside node_modules. */
export function sveltiaDistDir(): string {
  const main = createRequire(import.meta.url).resolve("@sveltia/cms");
  return path.join(path.dirname(main), "..", "dist");
}

/** The CMS page: loads the bundle and the generated configuration, nothing else. */
export function adminPage(siteName: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Quản trị nội dung – ${siteName}</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
<link rel="icon" href="data:,">
</head>
<body>
<script src="sveltia-cms.js"></script>
</body>
</html>
`;
}

export default function adminPlugin(eleventyConfig: EleventyConfig, options: AdminOptions = {}): void {
  const folder = options.folder ?? "admin";
  eleventyConfig.on("eleventy.after", () => {
    const site = readSiteConfig(eleventyConfig.directories.input);
    const target = path.join(outputDir(eleventyConfig), folder);
    mkdirSync(path.join(target, "chunks"), { recursive: true });
    writeFileSync(path.join(target, "index.html"), adminPage(site.shortName));
    writeFileSync(path.join(target, "config.yml"), cmsConfigYaml(site));
    // The bundle loads its chunks relative to itself; source maps are left out of the site.
    const dist = sveltiaDistDir();
    copyFileSync(path.join(dist, "sveltia-cms.js"), path.join(target, "sveltia-cms.js"));
    for (const chunk of readdirSync(path.join(dist, "chunks")).filter((f) => f.endsWith(".js"))) {
      copyFileSync(path.join(dist, "chunks", chunk), path.join(target, "chunks", chunk));
    }
  });
}
