/**
 * Short plain-text excerpts for meta descriptions and lists.
 */

/**
 * Cuts text to at most `max` characters at a word boundary, adding "…" when cut.
 * @example excerpt("Tập trung thực hiện quyết liệt", 20) === "Tập trung thực hiện…"
 */
export function excerpt(text: string, max = 160): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "")}…`;
}
