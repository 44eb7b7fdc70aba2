/**
 * The validated, typed article that every later stage (collections, layouts, feeds, search) reads.
 */
import type { PortalDate } from "../text/date.ts";
import type { Category } from "./site.ts";
import type { Attachment } from "./inventory.ts";

export interface ArticleImage {
  /** Absolute path of the source file. */
  readonly path: string;
  /** As written in front matter, relative to the article folder. */
  readonly src: string;
  readonly alt: string;
  readonly caption?: string;
  /** Line of the `image` key in the Markdown file, for messages. */
  readonly line: number;
}

/** An image shown in the body, `![alt](src "title")`, as lib/images/references.ts lists it. */
export interface BodyImage {
  /** As written, percent-escapes decoded (`ảnh.jpg`). */
  readonly src: string;
  readonly alt: string;
  readonly title: string;
  /** 1-based line in the Markdown file. */
  readonly line: number;
  /** Absolute path of the source file, once the loader resolved it; absent for external (`https:`, `/…`) sources. */
  readonly path?: string;
}

export interface Article {
  readonly slug: string;
  /** Site-relative URL, e.g. `/tin-tuc/<slug>/`. Stable for decades: derived only from the folder name. */
  readonly url: string;
  /** Project-relative path of the Markdown file, for messages. */
  readonly inputPath: string;
  /** Absolute path of the article folder (its images live here). */
  readonly dir: string;
  readonly title: string;
  readonly date: PortalDate;
  readonly updated?: PortalDate;
  /** Shown beside the date, e.g. when an archived article's date is an estimate. */
  readonly dateNote?: string;
  readonly author: string;
  readonly unit: string;
  readonly category: Category;
  readonly tags: readonly string[];
  readonly summary: string;
  /** True when the author wrote a summary (shown as the lead); false when it is the first paragraph. */
  readonly hasOwnSummary: boolean;
  readonly image?: ArticleImage;
  /** The body's images in reading order. */
  readonly bodyImages: readonly BodyImage[];
  /** Documents the body links to (PDF, office files), published as they are under `url`. */
  readonly attachments: readonly Attachment[];
  readonly draft: boolean;
  readonly aliases: readonly string[];
  /** Markdown body in NFC. */
  readonly body: string;
}
