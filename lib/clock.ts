/**
 * The build's clock: the moment that decides which dated articles are out and what the news
 * sitemap holds. `PORTAL_NOW` (an ISO 8601 instant) sets it, so a test can build the day an
 * article's date is reached without waiting for it; read once, when the build starts.
 */
const fixed = process.env.PORTAL_NOW;
const fixedNow = fixed === undefined || fixed === "" ? undefined : new Date(fixed);
if (fixedNow !== undefined && Number.isNaN(fixedNow.getTime()))
  throw new Error(`PORTAL_NOW is not an ISO 8601 instant: ${fixed}`);

/** The moment of this build: `PORTAL_NOW` when set, else the current time. */
export function buildNow(): Date {
  return fixedNow === undefined ? new Date() : new Date(fixedNow.getTime());
}
