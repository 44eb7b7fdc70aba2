import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectDir } from "../../lib/build.ts";
import { placeholderClass, placeholderCss } from "../../lib/images/placeholder.ts";

describe("placeholder colours", () => {
  it("rounds a mean colour to the nearest of four levels per channel", () => {
    expect(placeholderClass([30, 110, 250])).toBe("ph-013");
    expect(placeholderClass([128, 128, 128])).toBe("ph-111");
  });

  it("has every palette class in site.css, since inline styles are blocked by the CSP", () => {
    const squash = (css: string) => css.replace(/\s+/g, "");
    const siteCss = squash(readFileSync(path.join(projectDir, "assets", "css", "site.css"), "utf8"));
    for (const rule of placeholderCss().split("\n")) expect(siteCss).toContain(squash(rule));
    expect(placeholderCss().split("\n")).toHaveLength(64);
  });
});
