/**
 * Draws the two placeholder images the seed article needs, since neither original survives:
 * the district banner (where `bannergis` stood; a decorative background) and a photo placeholder (where
 * `anhamy` stood).
 * Both are our own drawings, labelled as placeholders, so no third-party file of unknown licence ships.
 * Run once with `npx tsx scripts/make-placeholders.ts`; the outputs are committed.
 */
import sharp from "sharp";

// Decoration only: the portal's name and managing unit are real text in the header
// (layouts/partials/header.njk), so they grow with the reader's text size and are read aloud.
const banner = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="240" viewBox="0 0 1600 240">
  <defs>
    <linearGradient id="bg" x1="0" x2="1"><stop offset="0" stop-color="#7f1d1d"/><stop offset="0.6" stop-color="#a11b1b"/><stop offset="1" stop-color="#7f1d1d"/></linearGradient>
    <linearGradient id="lake" x1="0" x2="0" y1="0" y2="1"><stop offset="0" stop-color="#f4c95d" stop-opacity="0.35"/><stop offset="1" stop-color="#f4c95d" stop-opacity="0"/></linearGradient>
  </defs>
  <rect width="1600" height="240" fill="url(#bg)"/>
  <path d="M900 240 C1000 120 1100 150 1180 100 C1260 60 1340 120 1420 90 C1500 60 1560 100 1600 80 L1600 240 Z" fill="#000" fill-opacity="0.12"/>
  <path d="M1000 240 C1080 170 1200 200 1300 160 C1400 125 1500 170 1600 150 L1600 240 Z" fill="url(#lake)"/>
</svg>`;

const photo = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1067" viewBox="0 0 1600 1067">
  <defs>
    <linearGradient id="sky" x1="0" x2="0" y1="0" y2="1"><stop offset="0" stop-color="#9cc9e8"/><stop offset="1" stop-color="#e9f2f7"/></linearGradient>
    <linearGradient id="water" x1="0" x2="0" y1="0" y2="1"><stop offset="0" stop-color="#4f8fb5"/><stop offset="1" stop-color="#2c5d7c"/></linearGradient>
  </defs>
  <rect width="1600" height="1067" fill="url(#sky)"/>
  <circle cx="1260" cy="210" r="90" fill="#fff3c4"/>
  <path d="M0 620 C200 420 380 460 560 540 C740 620 900 400 1100 430 C1300 460 1450 560 1600 520 L1600 720 L0 720 Z" fill="#5f8f5a"/>
  <path d="M0 680 C260 560 520 640 800 600 C1080 560 1300 650 1600 610 L1600 760 L0 760 Z" fill="#3f6f45"/>
  <rect y="740" width="1600" height="327" fill="url(#water)"/>
  <g fill="#fff" fill-opacity="0.35"><rect x="200" y="800" width="260" height="6"/><rect x="700" y="860" width="340" height="6"/><rect x="1150" y="930" width="220" height="6"/></g>
  <rect x="400" y="380" width="800" height="260" rx="24" fill="#000" fill-opacity="0.55"/>
  <g font-family="Noto Sans, DejaVu Sans, sans-serif" fill="#fff" text-anchor="middle">
    <text x="800" y="480" font-size="64" font-weight="700">ẢNH MINH HỌA</text>
    <text x="800" y="550" font-size="34">Ảnh gốc của bài viết không còn lưu giữ</text>
    <text x="800" y="600" font-size="28" fill-opacity="0.85">(hình vẽ thay thế, không phải ảnh thật)</text>
  </g>
</svg>`;

await sharp(Buffer.from(banner)).png({ compressionLevel: 9 }).toFile("assets/images/banner.png");
await sharp(Buffer.from(photo))
  .jpeg({ quality: 88, mozjpeg: true })
  .toFile(
    "content/articles/huyen-uy-phu-ninh-chu-trong-cong-tac-dao-tao-boi-duong-quy-hoach-can-bo-lanh-dao-cac-cap/anh-minh-hoa.jpg",
  );
