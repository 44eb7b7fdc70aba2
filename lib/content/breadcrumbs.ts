/**
 * The breadcrumb trail of a page: from the home page to the page itself, the page last. The visible
 * breadcrumb (layouts/partials/breadcrumb.njk) and the BreadcrumbList JSON-LD (lib/seo/json-ld.ts)
 * both render this one list, so what a reader sees and what a search engine reads cannot disagree.
 *
 * Why the page itself is in it: schema.org's BreadcrumbList ends with the current page, and a reader
 * who lands from a search engine sees where the page sits; it is shown unlinked with
 * `aria-current="page"` (GOV.UK Frontend's form for a current item), never a link to itself.
 */
import type { Article } from "./article.ts";
import { ROUTES, taxonUrl, type Link } from "./url-scheme.ts";

const HOME: Link = Object.freeze({ name: "Trang chủ", url: ROUTES.home });

/**
 * The trail of a page reached from the home page through `path` (the page itself last).
 * @example breadcrumbTrail({ name: "Thẻ", url: "/the/" }) // [Trang chủ, Thẻ]
 */
export function breadcrumbTrail(...path: readonly Link[]): Link[] {
  return [HOME, ...path.map(({ name, url }) => ({ name, url }))];
}

/** An article's trail: home, its category, the article. */
export function articleTrail(article: Pick<Article, "title" | "url" | "category">): Link[] {
  return breadcrumbTrail(
    { name: article.category.name, url: taxonUrl("category", article.category.slug) },
    { name: article.title, url: article.url },
  );
}
