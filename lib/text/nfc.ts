/**
 * Unicode NFC for everything an author can type.
 *
 * Why: macOS keyboards and some Word exports produce NFD (decomposed) Vietnamese; markdown-it and
 * Eleventy pass it through untouched, and NFD breaks search, sorting and some fonts' rendering.
 */

/** Returns the NFC form of a string. @example toNFC("Phu\u0301") === "Phú" */
export function toNFC(text: string): string {
  return text.normalize("NFC");
}

/** True when the string is already in NFC. */
export function isNFC(text: string): boolean {
  return text === text.normalize("NFC");
}

/** Deeply NFC-normalises every string in a JSON-like value (front matter). */
export function deepNFC<T>(value: T): T {
  if (typeof value === "string") return toNFC(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => deepNFC(item)) as T;
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[toNFC(key)] = deepNFC(item);
    return out as T;
  }
  return value;
}
