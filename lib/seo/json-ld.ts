/**
 * JSON-LD (schema.org) for search engines: NewsArticle, BreadcrumbList, WebSite with SearchAction.
 * Built as objects and serialised in one escaping function, never assembled in templates.
 */
import type { Article } from "../content/article.ts";
import type { SiteConfig } from "../content/site.ts";
import { toVietnamISO } from "../text/date.ts";
import { absoluteUrl, articleImageUrl, LOGO } from "./urls.ts";
import { ROUTES } from "../content/url-scheme.ts";
import { SHARE_SIZE } from "../images/settings.ts";

/**
 * JSON for a `<script type="application/ld+json">` block: `<` becomes `\u003c` so a `</script>` in a
 * title cannot end the block, and U+2028/U+2029 are escaped for old parsers. Still valid JSON.
 * @example jsonLdScript({ a: "</script>" }) === '{"a":"\\u003c/script>"}'
 */
export function jsonLdScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function publisher(site: SiteConfig): Record<string, unknown> {
  return {
    "@type": "GovernmentOrganization",
    name: site.publisher,
    url: absoluteUrl("/", site.url),
    logo: {
      "@type": "ImageObject",
      url: absoluteUrl(LOGO.path, site.url),
      width: LOGO.width,
      height: LOGO.height,
    },
  };
}

/**
 * NewsArticle for one article; `authorUrl` is the author's page, `image` its share image (absolute
 * URL and size; the article's own share image's address when not given).
 */
export function newsArticle(
  article: Article,
  site: SiteConfig,
  authorUrl?: string,
  image: { url: string; width: number; height: number } = {
    url: articleImageUrl(article, site.url),
    ...SHARE_SIZE,
  },
): Record<string, unknown> {
  const url = absoluteUrl(article.url, site.url);
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    description: article.summary,
    datePublished: toVietnamISO(article.date.instant),
    dateModified: toVietnamISO((article.updated ?? article.date).instant),
    author: {
      "@type": "Person",
      name: article.author,
      ...(authorUrl ? { url: absoluteUrl(authorUrl, site.url) } : {}),
      affiliation: { "@type": "Organization", name: article.unit },
    },
    publisher: publisher(site),
    image: [{ "@type": "ImageObject", url: image.url, width: image.width, height: image.height }],
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    articleSection: article.category.name,
    ...(article.tags.length ? { keywords: article.tags.join(", ") } : {}),
    inLanguage: "vi",
  };
}

/** BreadcrumbList from site-relative links, first one the home page. */
export function breadcrumbList(
  crumbs: readonly { name: string; url: string }[],
  site: SiteConfig,
): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((crumb, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: crumb.name,
      item: absoluteUrl(crumb.url, site.url),
    })),
  };
}

/**
 * WebSite with a SearchAction pointing at the search page, for the home page. Without the
 * `query-input` property: schema.org's current form is the `{search_term_string}` placeholder in
 * `urlTemplate` alone (Google retired the sitelinks search box that read it).
 */
export function webSite(site: SiteConfig): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    name: site.name,
    alternateName: site.shortName,
    url: absoluteUrl("/", site.url),
    inLanguage: "vi",
    publisher: publisher(site),
    potentialAction: {
      "@type": "SearchAction",
      target: {
        "@type": "EntryPoint",
        urlTemplate: `${absoluteUrl(ROUTES.search, site.url)}?q={search_term_string}`,
      },
    },
  };
}
