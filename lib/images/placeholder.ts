/**
 * The placeholder shown while a photo loads: its mean colour, as a class from a fixed palette.
 *
 * Why a class and not an inline blurred thumbnail: the site's Content-Security-Policy has no
 * 'unsafe-inline' for styles, which blocks `style="background-image:…"` attributes; a per-image rule
 * in a shared stylesheet would grow with the archive. 64 classes (4 levels per channel, ~1 KB gzipped)
 * cover every photo with no JavaScript, no extra request and no data: URL in `img-src`.
 */
const LEVELS = [40, 100, 160, 220] as const;

const nearest = (value: number): number => {
  let best = 0;
  for (let i = 1; i < LEVELS.length; i++) {
    if (Math.abs((LEVELS[i] as number) - value) < Math.abs((LEVELS[best] as number) - value)) best = i;
  }
  return best;
};

/**
 * The palette class for a mean colour.
 * @example placeholderClass([30, 110, 250]) // "ph-013"
 */
export function placeholderClass(colour: readonly [number, number, number]): string {
  return `ph-${colour.map(nearest).join("")}`;
}

/** The stylesheet rules for every palette class (kept in site.css; a test checks they match). */
export function placeholderCss(): string {
  const rules: string[] = [];
  LEVELS.forEach((r, i) =>
    LEVELS.forEach((g, j) =>
      LEVELS.forEach((b, k) => rules.push(`.ph-${i}${j}${k}{background-color:rgb(${r} ${g} ${b});}`)),
    ),
  );
  return rules.join("\n");
}
