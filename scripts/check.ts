/**
 * `npm run check`: validates every article without building and lists every problem at once, as
 * `file:line`, in Vietnamese. Exits 1 when there is an error, 0 with warnings only.
 */
import { parseArgs } from "node:util";
import path from "node:path";
import { checkContent } from "../lib/authoring/check.ts";
import { formatProblem } from "../lib/content/problems.ts";

const { values } = parseArgs({ options: { content: { type: "string", default: "content" } } });
const started = performance.now();
const { problems, fileCount } = checkContent(path.resolve(values.content));
for (const problem of problems) console.log(formatProblem(problem));
const errors = problems.filter((p) => p.severity === "error").length;
const warnings = problems.length - errors;
const ms = Math.round(performance.now() - started);
console.log(`Đã kiểm tra ${fileCount} bài trong ${ms} ms: ${errors} lỗi, ${warnings} cảnh báo.`);
if (errors > 0) process.exitCode = 1;
