/**
 * Vietnamese alphabetical order (a ă â b c d đ e ê …), which code-point order gets wrong.
 */
const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

/** Compares two strings in Vietnamese collation order. */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Returns a new array sorted by the Vietnamese collation of `key(item)`. */
export function sortVietnamese<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareVietnamese(key(a), key(b)));
}
