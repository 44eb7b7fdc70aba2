/**
 * `npm run bench:search`: search at scale. Generates 1,000 and 10,000 articles from the seed's real
 * sentences (deterministic), runs the production build on each in a child process, and prints the
 * index build time, the peak memory of the build (Node + Pagefind's service, sampled as a process
 * tree), the index size, and the bytes a reader's browser downloads for a first query.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, cpSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { projectDir } from "../../lib/build.ts";
import { serveStatic } from "../../lib/preview/server.ts";
import { launchBrowser } from "../../tests/support/browser.ts";
import { seedMarkdown } from "../../tests/support/fixture.ts";
import { startSampling } from "./process-tree.ts";
import { ROUTES } from "../../lib/content/url-scheme.ts";

const SIZES = (process.env.BENCH_SIZES ?? "1000,10000").split(",").map(Number);
const QUERIES = ["can bo", "dang uy"];
const CATEGORIES = [
  "xay-dung-dang",
  "chinh-quyen",
  "kinh-te",
  "van-hoa-xa-hoi",
  "quoc-phong-an-ninh",
  "tin-tuc-su-kien",
];
const UNITS = [
  "Ban Tuyên giáo Huyện ủy",
  "Văn phòng HĐND và UBND huyện",
  "Phòng Văn hóa và Thông tin",
  "Công an huyện",
];
const AUTHORS = ["Ngô Mỹ", "Trần Thị Hoà", "Nguyễn Văn Minh", "Lê Thu Hương", "Phạm Thuý Hằng", "Đỗ Đức Đạt"];

/** A small deterministic PRNG (mulberry32), so every run indexes the same text. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedSentences(): string[] {
  const body = seedMarkdown().split("---").slice(2).join("---");
  return body
    .split(/\n\n+/)
    .filter((p) => p.trim() && !p.startsWith("!"))
    .flatMap((p) => p.split(/(?<=[.;])\s+/))
    .map((s) => s.trim())
    .filter((s) => s.split(" ").length > 6);
}

/** Writes `count` articles of 4–8 paragraphs recombined from the seed's sentences. */
function generate(count: number): string {
  const content = path.join(mkdtempSync(path.join(os.tmpdir(), "phuninh-bench-")), "content");
  cpSync(path.join(projectDir, "content", "_data"), path.join(content, "_data"), { recursive: true });
  const sentences = seedSentences();
  const next = random(count);
  const pick = (): string => sentences[Math.floor(next() * sentences.length)] ?? "";
  for (let i = 0; i < count; i++) {
    const title = pick()
      .split(" ")
      .slice(0, 8 + (i % 6))
      .join(" ")
      .replace(/[,.;:]+$/, "");
    const paragraphs = Array.from({ length: 4 + (i % 5) }, () => Array.from({ length: 3 }, pick).join(" "));
    const date = new Date(Date.UTC(2015, 0, 1) + i * 6 * 3600 * 1000).toISOString().slice(0, 16);
    const dir = path.join(content, "articles", `bai-${String(i).padStart(5, "0")}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, "index.md"),
      `---\ntitle: ${JSON.stringify(`${title} (${i})`)}\ndate: ${date}\nauthor: ${JSON.stringify(AUTHORS[i % AUTHORS.length])}\n` +
        `unit: ${JSON.stringify(UNITS[i % UNITS.length])}\ncategory: ${CATEGORIES[i % CATEGORIES.length]}\n---\n\n${paragraphs.join("\n\n")}\n`,
    );
  }
  return content;
}

interface BuildFigures {
  readonly output: string;
  readonly buildSeconds: number;
  readonly indexSeconds: number;
  readonly peakTreeMiB: number;
  readonly peakPagefindMiB: number;
}

/** Runs the production build in a child process, sampling its process tree's memory every 200 ms. */
async function build(content: string): Promise<BuildFigures> {
  const output = path.join(path.dirname(content), "_site");
  const started = performance.now();
  const child = spawn(
    path.join(projectDir, "node_modules", ".bin", "tsx"),
    ["scripts/build.ts", "--input", content, "--output", output],
    {
      cwd: projectDir,
      // A cold index: empty caches of partial indexes and of loaded articles, beside the generated content.
      env: {
        ...process.env,
        SEARCH_CACHE_DIR: mkdtempSync(path.join(path.dirname(content), "search-cache-")),
        CONTENT_CACHE_DIR: mkdtempSync(path.join(path.dirname(content), "content-cache-")),
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  // The same whole-tree sampling as `npm run bench` (process-tree.ts): Pagefind's indexer included.
  const sampling = startSampling(child.pid ?? 0, 200);
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
  const tree = sampling.stop();
  const pagefindKb = Math.max(
    0,
    ...tree.processes.filter((p) => p.comm.startsWith("pagefind")).map((p) => p.peakKb),
  );
  if (code !== 0) throw new Error(`build failed (exit ${code})\n${stdout}`);
  const indexed = /Chỉ mục tìm kiếm: \d+ bài trong ([\d.]+) s/.exec(stdout);
  return {
    output,
    buildSeconds: (performance.now() - started) / 1000,
    indexSeconds: Number(indexed?.[1] ?? NaN),
    peakTreeMiB: tree.peakTreeBytes / 1024 / 1024,
    peakPagefindMiB: pagefindKb / 1024,
  };
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, entry) =>
      sum +
      (entry.isDirectory()
        ? folderBytes(path.join(dir, entry.name))
        : statSync(path.join(dir, entry.name)).size),
    0,
  );
}

/** Bytes served for one query typed on a fresh /tim-kiem/ (empty cache), counted at the server. */
async function firstQueryBytes(
  site: string,
  query: string,
  listFiles = false,
  params = "",
): Promise<{ search: number; pagefind: number; files: number; byKind: Record<string, number> }> {
  const served: string[] = [];
  const { server, url } = await serveStatic(site, 0, {
    headers: (urlPath) => {
      served.push(urlPath);
      return {};
    },
  });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`${url}${ROUTES.search}?q=${encodeURIComponent(query)}${params}`);
    await page.waitForFunction(
      () => document.querySelector("[data-search-status]")?.textContent !== "",
      null,
      {
        timeout: 120_000,
      },
    );
    await page.waitForLoadState("networkidle");
  } finally {
    await browser.close();
    server.close();
  }
  const size = (urlPath: string): number => {
    try {
      return statSync(path.join(site, decodeURIComponent(urlPath))).size;
    } catch {
      return 0;
    }
  };
  const searchFiles = served.filter((p) => p.startsWith("/pagefind/") || /\/assets\/js\/search/.test(p));
  if (listFiles) for (const p of searchFiles) console.error(`${size(p)}\t${p}`);
  const byKind: Record<string, number> = {};
  for (const p of searchFiles) byKind[fileKind(p)] = (byKind[fileKind(p)] ?? 0) + size(p);
  return {
    search: searchFiles.reduce((sum, p) => sum + size(p), 0),
    pagefind: served.filter((p) => p.startsWith("/pagefind/")).reduce((sum, p) => sum + size(p), 0),
    files: searchFiles.length,
    byKind,
  };
}

/** What a downloaded search file is, so the report can say which kind dominates. */
function fileKind(urlPath: string): string {
  const ext = /\.(pf_meta|pf_filter|pf_index|pf_fragment)$/.exec(urlPath);
  if (ext) return ext[1] as string;
  if (urlPath.startsWith("/pagefind/")) return "library";
  return "our scripts";
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

// `npm run bench` measures the site it has just built: `--site DIR --json` prints the first query's
// bytes (the first of QUERIES) as `{"firstQueryBytes": n}`, and those of the same query over every
// year (`scope=all`: the recent bundle and the archive, lib/search/tiers.ts) as `allYearsBytes`, and
// builds nothing.
const { values: args } = parseArgs({
  options: {
    site: { type: "string" },
    json: { type: "boolean", default: false },
    // Each downloaded file and its size on stderr, in the order they were requested.
    list: { type: "boolean", default: false },
  },
});
if (args.site) {
  const query = QUERIES[0] ?? "can bo";
  const bytes = await firstQueryBytes(path.resolve(args.site), query, args.list);
  // Over every year of a very large archive the browser may not answer in time: that is a figure too.
  const allYears = await firstQueryBytes(path.resolve(args.site), query, args.list, "&scope=all").catch(
    (error: unknown) => {
      console.error(`every year: ${String(error).split("\n")[0]}`);
      return undefined;
    },
  );
  console.log(
    args.json
      ? JSON.stringify({
          firstQueryBytes: bytes.search,
          pagefindBytes: bytes.pagefind,
          files: bytes.files,
          byKind: bytes.byKind,
          allYearsBytes: allYears?.search ?? null,
          allYearsByKind: allYears?.byKind ?? null,
        })
      : `${kb(bytes.search)} (${bytes.files} files); every year ${allYears ? `${kb(allYears.search)} (${allYears.files} files)` : "no answer in 120 s"}`,
  );
  process.exit(0);
}

const rows: string[][] = [];
for (const count of SIZES) {
  const content = generate(count);
  try {
    const figures = await build(content);
    const index = folderBytes(path.join(figures.output, "pagefind"));
    const row = [
      String(count),
      `${figures.indexSeconds.toFixed(1)} s`,
      `${figures.buildSeconds.toFixed(1)} s`,
      `${figures.peakTreeMiB.toFixed(0)} MiB`,
      `${figures.peakPagefindMiB.toFixed(0)} MiB`,
      kb(index),
    ];
    for (const query of QUERIES) {
      const bytes = await firstQueryBytes(figures.output, query);
      row.push(`${kb(bytes.search)} (${bytes.files} files)`);
    }
    rows.push(row);
    console.log(row.join(" | "));
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(path.dirname(content), { recursive: true, force: true });
    else console.log(`kept ${path.dirname(content)}`);
  }
}

const header = [
  "articles",
  "index time",
  "build time",
  "peak RSS (tree)",
  "peak RSS (Pagefind)",
  "index size",
  ...QUERIES.map((q) => `first query “${q}”`),
];
console.log(`\n| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
