/**
 * Real builds of fixture content: aliases become 301s in `_redirects`, served by the preview as Netlify
 * would; a clash (one old URL claimed twice, or an alias hiding a real page) fails the build, naming
 * the files and the field, and publishes nothing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPreview, type Preview } from "../../lib/preview/preview.ts";
import {
  addSeed,
  articleMarkdown,
  makeContentDir,
  runBuild,
  SEED_SLUG,
  seedMarkdown,
  writeArticle,
} from "../support/fixture.ts";
import { runScript } from "../authoring/run-script.ts";

/** Test-only old addresses: the seed's real old URL is unknown, so none is invented for real content. */
const LEGACY = "/webcenter/portal/phuninh/pages_tin-tuc/chi-tiet?dDocName=PORTAL000001";
const OLD_SLUG = "/tin-tuc/huyen-uy-chu-trong-dao-tao-can-bo/";

function withAliases(markdown: string, aliases: string[]): string {
  const list = aliases.map((alias) => `  - "${alias}"`).join("\n");
  return markdown.replace(/\n---\n/, `\naliases:\n${list}\n---\n`);
}

const second = (aliases: string[]) =>
  articleMarkdown({
    title: "Phú Ninh tổ chức Hội nghị tổng kết công tác đào tạo",
    date: "2018-07-02T08:30",
    author: "Lê Thị Hoà",
    unit: "Văn phòng Huyện ủy",
    category: "xay-dung-dang",
    aliases,
  });

describe("a build with aliases", () => {
  let output = "";
  let preview: Preview;

  beforeAll(async () => {
    const content = makeContentDir();
    // A configured CMS repository, so the build's only possible warnings would be about aliases.
    const settings = path.join(content, "_data", "site.json");
    writeFileSync(
      settings,
      readFileSync(settings, "utf8").replace("OWNER/phuninh-portal", "ubnd-phuninh/portal"),
    );
    // As an author pastes it from the old portal: with the session parameters of that visit.
    const pasted = `${LEGACY}&_afrLoop=1234567890&_adf.ctrl-state=abc12_4&_afrWindowMode=0`;
    addSeed(content, withAliases(seedMarkdown(), [pasted, OLD_SLUG]));
    writeArticle(content, "hoi-nghi-tong-ket", second(["/?dDocName=PORTAL000002", "/tin-tức/hội-nghị/"]));
    const run = await runBuild(content);
    // No warnings; Eleventy's own "[11ty] Benchmark" timing notices on a busy machine are not ours.
    const ours = run.stderr.split("\n").filter((line) => line.trim() && !line.includes("[11ty] Benchmark"));
    expect(ours).toEqual([]);
    expect(run.code).toBe(0);
    output = run.output;
    preview = await startPreview(output, 0);
  });
  afterAll(() => preview?.close());

  it("writes one forced 301 per alias, legacy query strings in Netlify's syntax, session parameters dropped", () => {
    const text = readFileSync(path.join(output, "_redirects"), "utf8");
    expect(text).not.toMatch(/_afr|_adf/);
    const lines = text.split("\n");
    expect(lines).toContain(
      `/webcenter/portal/phuninh/pages_tin-tuc/chi-tiet dDocName=PORTAL000001 /tin-tuc/${SEED_SLUG}/ 301!`,
    );
    expect(lines).toContain(`${OLD_SLUG} /tin-tuc/${SEED_SLUG}/ 301!`);
    expect(lines).toContain("/ dDocName=PORTAL000002 /tin-tuc/hoi-nghi-tong-ket/ 301!");
  });

  it.each([
    [LEGACY, `/tin-tuc/${SEED_SLUG}/`],
    // Another visit's session parameters: only dDocName has to match.
    [`${LEGACY.replace("?", "?_afrLoop=42&")}&_adf.ctrl-state=zz_9`, `/tin-tuc/${SEED_SLUG}/`],
    [OLD_SLUG, `/tin-tuc/${SEED_SLUG}/`],
    [OLD_SLUG.slice(0, -1), `/tin-tuc/${SEED_SLUG}/`],
    ["/?dDocName=PORTAL000002", "/tin-tuc/hoi-nghi-tong-ket/"],
    [encodeURI("/tin-tức/hội-nghị/"), "/tin-tuc/hoi-nghi-tong-ket/"],
  ])("answers %s with 301 to its article, under the production headers", async (alias, target) => {
    const response = await fetch(preview.url + alias, { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(new URL(response.headers.get("location") ?? "", preview.url).pathname).toBe(target);
    // netlify.toml's headers on every answer; the CSP comes with the page the redirect leads to (an old
    // path outside the site's sections has none of its own: a 301 renders nothing).
    expect(response.headers.get("strict-transport-security")).toContain("preload");
    const page = await fetch(new URL(response.headers.get("location") ?? "", preview.url));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("answers a legacy id no article claims with 404, and the home path without it normally", async () => {
    const legacy = `${preview.url}/webcenter/portal/phuninh/pages_tin-tuc/chi-tiet?dDocName=PORTAL9`;
    expect((await fetch(legacy, { redirect: "manual" })).status).toBe(404);
    expect(
      (await fetch(`${preview.url}/tin-tuc/hoi-nghi-tong-ket/?dDocName=PORTAL000002`, { redirect: "manual" }))
        .status,
    ).toBe(200);
  });
});

describe("a build whose aliases clash", () => {
  it("fails when two articles claim one old URL, naming both files and aliases, publishing nothing", async () => {
    const content = makeContentDir();
    addSeed(content, withAliases(seedMarkdown(), [LEGACY]));
    writeArticle(content, "hoi-nghi-tong-ket", second([LEGACY.replace("?", "/?")]));
    const run = await runBuild(content);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${SEED_SLUG}/index.md`);
    expect(run.stderr).toContain("hoi-nghi-tong-ket/index.md");
    expect(run.stderr).toMatch(/index\.md:\d+ +\[lỗi\] aliases: .*PORTAL000001.*index\.md/);
    expect(run.stderr).toContain("PORTAL000001");
    expect(existsSync(run.output)).toBe(false);
    expect(readdirSync(path.dirname(run.output)).filter((name) => name.startsWith("_site"))).toEqual([]);
  });

  it("fails when an alias shadows a real page", async () => {
    const content = makeContentDir();
    addSeed(content);
    writeArticle(
      content,
      "hoi-nghi-tong-ket",
      second([`/tin-tuc/${SEED_SLUG}`, "/assets/images/banner.png"]),
    );
    const run = await runBuild(content);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/hoi-nghi-tong-ket\/index\.md:\d+ +\[lỗi\] aliases: .*\/tin-tuc\/huyen-uy/);
    expect(run.stderr).toContain("banner.png");
    expect(existsSync(run.output)).toBe(false);
  });

  it("fails when an alias is not a site-relative path, through the schema", async () => {
    const content = makeContentDir();
    writeArticle(content, "hoi-nghi-tong-ket", second(["https://phuninh.gov.vn/tin-tuc/cu/"]));
    const run = await runBuild(content);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/hoi-nghi-tong-ket\/index\.md:\d+ +\[lỗi\] aliases: .*bắt đầu bằng .*"\/"/);
  });
});

/** One article per class of hostile alias: encoded wildcard, placeholder, host, `..`, double encoding. */
const MALFORMED = ["/%2A", "/x%3Aid", "/%2F%2Fevil.com", "/a/../b", "/%252A"];
/** And aliases that would take over what the site serves. */
const SHADOWING = [
  "/pagefind/pagefind.js",
  "/assets/css/site.css",
  "/img/site/banner.jpg",
  "/admin/",
  `/tin-tuc/${SEED_SLUG}/`,
  "/chuyen-muc/xay-dung-dang/",
  "/tim-kiem/",
  "/robots.txt",
  "/news-sitemap.xml",
  "/feed.xml",
];

describe("hostile aliases", () => {
  const article = (title: string, aliases: string[]) =>
    withAliases(
      articleMarkdown({
        title,
        date: "2019-03-04T09:00",
        author: "Trần Văn An",
        unit: "Văn phòng Huyện ủy",
        category: "xay-dung-dang",
      }),
      aliases,
    );
  /** The seed, and one article holding `aliases`, by slug; each file's path and the line of an alias. */
  const fixture = (articles: Record<string, string[]>) => {
    const content = makeContentDir();
    addSeed(content);
    const files = Object.entries(articles).map(([slug, aliases]) => {
      const file = path.join(writeArticle(content, slug, article(`Bài ${slug}`, aliases)), "index.md");
      const lines = readFileSync(file, "utf8").split("\n");
      const lineOf = (alias: string) => lines.findIndex((line) => line.includes(`"${alias}"`)) + 1;
      return { rel: path.relative(process.cwd(), file), lineOf };
    });
    return { content, files };
  };
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  it("are each refused by npm run check at their own line, in Vietnamese", async () => {
    // Two articles: one whose aliases the schema refuses, one whose aliases take the site's routes.
    const { content, files } = fixture({ "bai-thu-ba": MALFORMED, "bai-thu-tu": SHADOWING });
    const [malformed, shadowing] = files as [(typeof files)[0], (typeof files)[0]];
    const run = await runScript("check", ["--content", content]);
    expect(run.code).toBe(1);
    for (const alias of SHADOWING)
      expect(run.stdout).toContain(`${shadowing.rel}:${shadowing.lineOf(alias)}  [lỗi] aliases: "${alias}"`);
    // The schema reports malformed aliases at the `aliases:` line, each named.
    const at = new RegExp(`^${escape(malformed.rel)}:\\d+  \\[lỗi\\] aliases: "(.*?)"`, "gm");
    expect([...run.stdout.matchAll(at)].map((m) => m[1])).toEqual(MALFORMED);
  });

  it.each([
    ["malformed", MALFORMED],
    ["shadowing", SHADOWING],
  ])("are each refused by the build (%s), the file named, nothing written", async (_kind, aliases) => {
    const { content, files } = fixture({ "bai-thu-ba": aliases });
    const rel = files[0]?.rel ?? "";
    const run = await runBuild(content);
    expect(run.code).not.toBe(0);
    for (const alias of aliases)
      expect(run.stderr).toMatch(new RegExp(`${escape(rel)}:\\d+ +\\[lỗi\\] aliases: "${escape(alias)}"`));
    expect(existsSync(run.output)).toBe(false);
    expect(readdirSync(path.dirname(run.output)).filter((name) => name.startsWith("_site"))).toEqual([]);
  });
});
