/**
 * `npm run preview [-- --port 8080 --dir _site]`: serves the built site with Netlify's production
 * headers and redirects. Build first (`npm run build`).
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { startPreview } from "../lib/preview/preview.ts";

const { values } = parseArgs({
  options: { port: { type: "string", default: "8080" }, dir: { type: "string", default: "_site" } },
});
if (!existsSync(values.dir)) {
  console.error(`Chưa có ${values.dir}: chạy "npm run build" trước (build the site first).`);
  process.exit(1);
}
const preview = await startPreview(values.dir, Number(values.port));
console.log(`Xem thử (preview, headers và chuyển hướng như Netlify): ${preview.url}/`);
