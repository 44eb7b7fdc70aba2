/**
 * `npm run check`: every content problem an author can fix, found without building. It adds to the
 * loader's checks (schema, NFC, unsafe HTML, photos, links between articles) what compares articles:
 * old addresses claimed twice or shadowing a route of the site (the build's check), duplicate titles,
 * one name spelled two ways.
 */
import path from "node:path";
import { deepNFC } from "../text/nfc.ts";
import { nameKey } from "../text/fold.ts";
import { loadArticles, type ArticleSource } from "../content/load.ts";
import type { Problem } from "../content/problems.ts";
import { IMPORT_DATE_NOTE } from "./legacy-import.ts";
import { aliasError, aliasProblems } from "../content/aliases.ts";
import { articleUrl } from "../content/url-scheme.ts";
import { siteRoutes } from "../publish/routes.ts";

export interface CheckResult {
  readonly problems: readonly Problem[];
  readonly fileCount: number;
}

/** What the cross-article checks need from one file, valid or not. */
interface Entry {
  readonly file: string;
  readonly slug: string;
  /** Absolute path of the article folder. */
  readonly dir: string;
  readonly data: Record<string, unknown>;
  readonly lines: ReadonlyMap<string, number>;
}

/** Checks a content folder; problems are sorted by file and line. */
export function checkContent(contentDir: string, projectDir = process.cwd()): CheckResult {
  const sources: ArticleSource[] = [];
  const loaded = loadArticles(contentDir, projectDir, { observe: (source) => sources.push(source) });
  const problems: Problem[] = [...loaded.problems];
  const entries: Entry[] = [];
  for (const { file, relative, split } of sources) {
    const data = (split.data && typeof split.data === "object" ? deepNFC(split.data) : {}) as Record<
      string,
      unknown
    >;
    entries.push({
      file: relative,
      dir: path.dirname(file),
      slug: path.basename(path.dirname(file)),
      data,
      lines: split.lines,
    });
    if (typeof data.dateNote === "string" && data.dateNote.includes(IMPORT_DATE_NOTE)) {
      problems.push({
        file: relative,
        line: split.lines.get("dateNote") ?? 1,
        field: "dateNote",
        message: "ngày đăng chưa được xác định (bài nhập từ cổng cũ): hãy sửa date và dateNote",
        severity: "warning",
      });
    }
  }
  // Old addresses: the build's own check (lib/content/aliases.ts) against the routes the site serves.
  // Every file's aliases, valid article or not, so one run lists all; malformed ones the schema named.
  const aliased = entries.map((entry) => ({
    inputPath: entry.file,
    url: articleUrl(entry.slug),
    dir: entry.dir,
    aliases: strings(entry.data.aliases).filter((alias) => aliasError(alias) === undefined),
  }));
  problems.push(...aliasProblems(aliased, siteRoutes()));
  problems.push(...duplicateTitles(entries), ...nameVariants(entries));
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { problems, fileCount: sources.length };
}

const strings = (value: unknown): string[] =>
  typeof value === "string"
    ? [value]
    : Array.isArray(value)
      ? value.filter((v): v is string => typeof v === "string")
      : [];

function duplicateTitles(entries: readonly Entry[]): Problem[] {
  const seen = new Map<string, Entry>();
  const problems: Problem[] = [];
  for (const entry of entries) {
    for (const title of strings(entry.data.title)) {
      const first = seen.get(nameKey(title));
      if (!first) seen.set(nameKey(title), entry);
      else
        problems.push({
          file: entry.file,
          line: entry.lines.get("title") ?? 1,
          field: "title",
          message: `tiêu đề trùng với bài ${first.file}`,
          severity: "warning",
        });
    }
  }
  return problems;
}

const NAME_FIELDS = ["tags", "author", "unit"] as const;

/** The same name written with two tone placements (hoà/hòa) or cases splits its tag or author page. */
function nameVariants(entries: readonly Entry[]): Problem[] {
  const problems: Problem[] = [];
  for (const field of NAME_FIELDS) {
    const byKey = new Map<string, Map<string, Entry[]>>();
    for (const entry of entries) {
      for (const name of strings(entry.data[field])) {
        const spellings = byKey.get(nameKey(name)) ?? new Map<string, Entry[]>();
        byKey.set(nameKey(name), spellings.set(name, [...(spellings.get(name) ?? []), entry]));
      }
    }
    for (const spellings of byKey.values()) {
      if (spellings.size < 2) continue;
      const [main, ...others] = [...spellings].sort((a, b) => b[1].length - a[1].length);
      for (const [spelling, users] of others) {
        for (const entry of users) {
          problems.push({
            file: entry.file,
            line: entry.lines.get(field) ?? 1,
            field,
            message: `"${spelling}" là cách viết khác của "${main?.[0]}" (dùng trong ${main?.[1][0]?.file}): hãy thống nhất một cách viết`,
            severity: "warning",
          });
        }
      }
    }
  }
  return problems;
}
