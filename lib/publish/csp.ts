/**
 * The Content-Security-Policy of every public page: only our own files. Pagefind compiles its
 * WebAssembly ('wasm-unsafe-eval', not 'unsafe-eval') and may run in a worker it builds from a blob:;
 * no inline script or style anywhere. The CMS under /admin/ has its own policy (lib/admin/csp.ts).
 */

/** Directive → sources; an empty list is a directive without sources. */
const PUBLIC_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "'wasm-unsafe-eval'"],
  "worker-src": ["'self'", "blob:"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "font-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
  "upgrade-insecure-requests": [],
};

/** The policy as a header value. */
export function publicCsp(): string {
  return Object.entries(PUBLIC_CSP_DIRECTIVES)
    .map(([directive, sources]) => [directive, ...sources].join(" "))
    .join("; ");
}
