/**
 * The yardstick a team would pick instead: Hugo plus the Pagefind CLI on the same Markdown.
 * The Markdown is hard-linked into a minimal Hugo site (plain single and list layouts; Hugo's
 * default taxonomies, so tag and category lists are built too).
 */
import { linkSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { measure, onPath, type Measured } from "./measure.ts";
import { indexWithPagefindCli } from "./pagefind-cli.ts";
import { ARTICLES_PATH } from "../../lib/content/url-scheme.ts";

const HUGO = onPath("hugo");

const BASEOF = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
`;
const SINGLE = `{{ define "main" }}<article data-pagefind-body><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}\n`;
const LIST = `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n`;

export interface HugoMeasured {
  readonly hugo: Measured;
  readonly pagefind: Measured;
}

/** Whether Hugo can be benchmarked here. */
export const hugoInstalled = (): boolean => HUGO !== undefined;

/** Builds the articles of `contentDir` with Hugo into `siteDir/public`, then indexes it with Pagefind. */
export async function buildHugo(
  projectDir: string,
  contentDir: string,
  siteDir: string,
): Promise<HugoMeasured> {
  const articles = path.join(siteDir, "content", ARTICLES_PATH);
  mkdirSync(articles, { recursive: true });
  for (const slug of readdirSync(path.join(contentDir, "articles"))) {
    mkdirSync(path.join(articles, slug));
    for (const file of readdirSync(path.join(contentDir, "articles", slug)))
      linkSync(path.join(contentDir, "articles", slug, file), path.join(articles, slug, file));
  }
  const layouts = path.join(siteDir, "layouts", "_default");
  mkdirSync(layouts, { recursive: true });
  writeFileSync(path.join(layouts, "baseof.html"), BASEOF);
  writeFileSync(path.join(layouts, "single.html"), SINGLE);
  writeFileSync(path.join(layouts, "list.html"), LIST);
  writeFileSync(
    path.join(siteDir, "hugo.toml"),
    `baseURL = "https://phuninh.gov.vn/"\nlanguageCode = "vi"\ntitle = "Phú Ninh"\n[taxonomies]\ntag = "tags"\ncategory = "category"\n`,
  );
  const hugo = await measure(HUGO ?? "hugo", ["--quiet", "--source", siteDir], { cwd: siteDir });
  const pagefind = await indexWithPagefindCli(projectDir, path.join(siteDir, "public"), siteDir);
  return { hugo, pagefind };
}
