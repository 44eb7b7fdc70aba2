/**
 * Turns a page scraped from the old portal into an article bundle, word for word.
 *
 * The old pages look like: a banner marker line (`bannergis`), the title, paragraphs, photo markers
 * (`anhamy`: the name the old CMS gave a photo that was not kept), a closing byline
 * "Name- Unit", then the portal's own footer lines. Nothing is invented: an unknown date or photo
 * is written so that `npm run check` keeps reporting it until a person fills it in.
 */
import { stringify } from "yaml";
import { toNFC } from "../text/nfc.ts";
import { slugify } from "../text/slug.ts";
import { toVietnamISO } from "../text/date.ts";
import { PLACEHOLDER_ALT } from "../content/body-refs.ts";
import type { SiteConfig } from "../content/site.ts";

/** Written into `dateNote` when the source has no date; `check` warns while it is there. */
export const IMPORT_DATE_NOTE = "CHƯA RÕ NGÀY ĐĂNG";

export type LegacyBlock =
  { readonly kind: "text"; readonly text: string } | { readonly kind: "image"; readonly marker: string };

export interface LegacyPage {
  readonly title: string;
  readonly blocks: readonly LegacyBlock[];
  readonly author?: string;
  readonly unit?: string;
}

/**
 * True for a photo marker: one lower-case ASCII token (letters and digits, optionally joined by
 * `-` or `_`), 3 to 40 characters. A sentence has spaces, capitals, diacritics or punctuation;
 * a number starts with a digit. So "anhamy" is a marker; "Ảnh", "2018", "Phuninh.gov.vn" are not.
 */
export function isImageMarker(paragraph: string): boolean {
  const text = paragraph.trim();
  return text.length >= 3 && text.length <= 40 && /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/.test(text);
}

/**
 * Splits a closing byline "Name- Unit" (or "Name – Unit") at its first dash. A byline is short, its
 * name part is 1 to 6 capitalised words and it does not end a sentence.
 * @example splitByline("Ngô Mỹ- Trung tâm Bồi dưỡng chính trị huyện") // { author: "Ngô Mỹ", unit: "Trung tâm…" }
 */
export function splitByline(line: string): { author: string; unit: string } | undefined {
  const match = /^([^-–]+?)\s*(?:-|–)\s*(\S.*)$/.exec(line.trim());
  if (!match || line.length > 160 || /[.!?]$/.test(line.trim())) return undefined;
  const author = (match[1] ?? "").trim();
  const words = author.split(/\s+/);
  if (words.length > 6 || !words.every((word) => /^\p{Lu}/u.test(word))) return undefined;
  return { author, unit: (match[2] ?? "").trim() };
}

/** Parses a legacy page. `footerLines` are the portal's own lines to drop (its name and tagline). */
export function parseLegacyPage(source: string, footerLines: readonly string[]): LegacyPage {
  const footer = new Set(footerLines.map((line) => toNFC(line).trim().toLowerCase()));
  const lines = toNFC(source).replace(/\r\n?/g, "\n").split("\n");
  while (
    lines.length > 0 &&
    ((lines.at(-1) ?? "").trim() === "" || footer.has((lines.at(-1) ?? "").trim().toLowerCase()))
  )
    lines.pop();
  const paragraphs = lines
    .join("\n")
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ""))
    .filter((p) => p.trim() !== "");
  if (paragraphs.length > 0 && isImageMarker(paragraphs[0] ?? "")) paragraphs.shift();
  const title = (paragraphs.shift() ?? "").trim();
  if (title === "") throw new Error("trang không có tiêu đề");
  const byline = splitByline(paragraphs.at(-1) ?? "");
  if (byline) paragraphs.pop();
  const blocks = paragraphs.map((p): LegacyBlock =>
    isImageMarker(p) ? { kind: "image", marker: p.trim() } : { kind: "text", text: p },
  );
  return { title, blocks, ...(byline ?? {}) };
}

/** A photo to put where a marker stood. */
export interface ImageMapping {
  readonly src: string;
  readonly alt: string;
  readonly caption?: string;
}

export interface ImportOptions {
  /** ISO date of publication; without it the import day is written, marked, and the article is a draft. */
  readonly date?: string;
  readonly category?: string;
  readonly author?: string;
  readonly unit?: string;
  readonly images?: ReadonlyMap<string, ImageMapping>;
  readonly now?: Date;
}

export interface ImportedArticle {
  readonly slug: string;
  readonly markdown: string;
  /** Things a person must still do, in Vietnamese. */
  readonly warnings: readonly string[];
}

const escapeTitle = (text: string): string => text.replace(/["\\]/g, "\\$&");

/** The Markdown line for a photo marker. */
function imageLine(marker: string, mapping: ImageMapping | undefined): string {
  const image = mapping ?? { src: `${marker}.jpg`, alt: PLACEHOLDER_ALT };
  const caption = image.caption ? ` "${escapeTitle(image.caption)}"` : "";
  return `![${image.alt.replace(/[[\]]/g, "\\$&")}](${image.src}${caption})`;
}

/** Builds the article bundle's `index.md` from a parsed page. */
export function legacyArticle(
  page: LegacyPage,
  site: SiteConfig,
  options: ImportOptions = {},
): ImportedArticle {
  const warnings: string[] = [];
  const category = options.category ?? defaultCategory(site);
  if (!options.category) warnings.push(`chưa chọn chuyên mục: tạm xếp vào "${category}" (dùng --category)`);
  const author = options.author ?? page.author;
  const unit = options.unit ?? page.unit;
  if (!author || !unit)
    warnings.push('không tìm thấy dòng tác giả "Tên- Đơn vị" ở cuối bài (dùng --author và --unit)');
  const fields: Record<string, unknown> = { title: page.title };
  if (options.date) fields.date = options.date;
  else {
    fields.date = toVietnamISO(options.now ?? new Date()).slice(0, 10);
    fields.dateNote = `${IMPORT_DATE_NOTE}: bản lưu gốc không ghi ngày; ngày trên là ngày nhập, cần sửa`;
    fields.draft = true;
    warnings.push(
      "bản gốc không ghi ngày: bài được lưu dạng nháp (draft) với ngày nhập; hãy sửa date rồi bỏ draft",
    );
  }
  Object.assign(fields, { author: author ?? "", unit: unit ?? "", category });
  const markers = page.blocks.filter((b) => b.kind === "image").map((b) => b.marker);
  for (const marker of markers.filter((m) => !options.images?.has(m))) {
    warnings.push(`ảnh "${marker}" chưa có tệp: đặt ${marker}.jpg vào thư mục bài và viết mô tả (alt)`);
  }
  const body = page.blocks.map((b) =>
    b.kind === "text" ? b.text : imageLine(b.marker, options.images?.get(b.marker)),
  );
  const markdown = `---\n${stringify(fields, { lineWidth: 0 })}---\n\n${body.join("\n\n")}\n`;
  return { slug: slugify(page.title), markdown, warnings };
}

/** The catch-all news category when the site has one, else the last configured. */
function defaultCategory(site: SiteConfig): string {
  return (site.categories.find((c) => c.slug === "tin-tuc-su-kien") ?? site.categories.at(-1))?.slug ?? "";
}
