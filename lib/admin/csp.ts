/**
 * The Content-Security-Policy the CMS pages under `/admin/` need: looser than the public pages',
 * because Sveltia CMS injects styles and talks to GitHub from the browser. The build's `_headers`
 * (lib/publish/headers.ts) sends it for `/admin/*` instead of the public policy: this is its one source.
 */

/** Directive → sources, verified at load by the browser test; the editor after sign-in may need more. */
const ADMIN_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  // Svelte components set inline styles.
  "style-src": ["'self'", "'unsafe-inline'"],
  // Sveltia's fonts and icons are served from the CMS folder (lib/admin/self-host.ts): no font CDN.
  "font-src": ["'self'"],
  // Previews of photos being uploaded are blob: and data: URLs; GitHub avatars and raw files.
  "img-src": ["'self'", "data:", "blob:", "https://*.githubusercontent.com"],
  "media-src": ["'self'", "blob:"],
  // The GitHub API (content); Sveltia's languages, libraries and status file are our own files.
  "connect-src": ["'self'", "blob:", "data:", "https://api.github.com"],
  "frame-src": ["'self'", "blob:"],
  "worker-src": ["'self'", "blob:"],
};

/** The policy as a header value. */
export function adminCsp(): string {
  return Object.entries(ADMIN_CSP_DIRECTIVES)
    .map(([directive, sources]) => `${directive} ${sources.join(" ")}`)
    .join("; ");
}

/**
 * Cross-Origin-Opener-Policy of the CMS: Sveltia signs in to GitHub in a popup (its authenticator, on
 * another origin) that posts the token back to `window.opener`; the public pages' `same-origin` would
 * cut that link, `same-origin-allow-popups` keeps it for popups the CMS opens.
 */
export const ADMIN_OPENER_POLICY = "same-origin-allow-popups";
