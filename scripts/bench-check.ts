/**
 * `npm run bench:check [-- --articles 500]`: how long `npm run check` takes on a content folder of
 * N articles made from the seed (with a body photo and links between them). Prints the figures.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkContent } from "../lib/authoring/check.ts";
import { projectDir } from "../lib/build.ts";
import { splitFrontMatter } from "../lib/content/front-matter.ts";
import { articleUrl } from "../lib/content/url-scheme.ts";

const { values } = parseArgs({ options: { articles: { type: "string", default: "500" } } });
const count = Number(values.articles);
const seed = path.join(
  projectDir,
  "content",
  "articles",
  "huyen-uy-phu-ninh-chu-trong-cong-tac-dao-tao-boi-duong-quy-hoach-can-bo-lanh-dao-cac-cap",
);
const { body } = splitFrontMatter(readFileSync(path.join(seed, "index.md"), "utf8"));
const photo = readFileSync(path.join(seed, "anh-minh-hoa.jpg"));

const root = mkdtempSync(path.join(os.tmpdir(), "phuninh-bench-check-"));
const content = path.join(root, "content");
cpSync(path.join(projectDir, "content", "_data"), path.join(content, "_data"), { recursive: true });
for (let i = 0; i < count; i++) {
  const dir = path.join(content, "articles", `bai-viet-so-${i}`);
  mkdirSync(dir, { recursive: true });
  const front = [
    `title: "Bài viết số ${i}: Huyện ủy Phú Ninh chú trọng công tác cán bộ"`,
    `date: 2018-06-${String((i % 28) + 1).padStart(2, "0")}T08:00`,
    `author: "Tác giả ${i % 40}"`,
    `unit: "Đơn vị ${i % 25}"`,
    "category: xay-dung-dang",
    `tags: ["cán bộ", "đào tạo", "thẻ ${i % 60}"]`,
    `aliases: ["/old/${i}.html"]`,
  ].join("\n");
  const link = `\n\nXem thêm [bài trước](${articleUrl(`bai-viet-so-${Math.max(i - 1, 0)}`)}).\n`;
  writeFileSync(path.join(dir, "index.md"), `---\n${front}\n---\n${body}${link}`);
  writeFileSync(path.join(dir, "anh-minh-hoa.jpg"), photo);
}

// Wall time and this process's CPU time: on a shared machine the wall time mostly measures the queue.
const runs: number[] = [];
const cpu: number[] = [];
let problems = 0;
for (let run = 0; run < 5; run++) {
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  problems = checkContent(content, root).problems.length;
  runs.push(performance.now() - started);
  const used = process.cpuUsage(startedCpu);
  cpu.push((used.user + used.system) / 1000);
}
if (!process.env.KEEP) rmSync(root, { recursive: true, force: true });
else console.log(content);
const ms = (n: number | undefined): string => `${(n ?? 0).toFixed(0)} ms`;
console.log(`check: ${count} bài, ${problems} vấn đề`);
console.log(`  lần đầu (nguội): ${ms(runs[0])} thực, ${ms(cpu[0])} CPU`);
const warm = runs.slice(1).sort((a, b) => a - b);
const warmCpu = cpu.slice(1).sort((a, b) => a - b);
console.log(`  các lần sau: trung vị ${ms(warm[1])} thực, ${ms(warmCpu[1])} CPU`);
