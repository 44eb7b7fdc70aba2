/**
 * Keyboard and zoom checks a person relies on: a skip link first, Tab in DOM order through the search
 * box and every link, a visible focus ring, and text at 200% without horizontal scroll or clipping.
 * Each check returns a list of problems (empty when it passes), so a failure says what and where.
 */
import type { Page } from "playwright-core";

/** What the browser puts in the Tab sequence by default (plus anything given a tabindex ≥ 0). */
const FOCUSABLE = [
  "a[href]",
  "area[href]",
  "button:not([disabled])",
  'input:not([disabled]):not([type="hidden"])',
  "select:not([disabled])",
  "textarea:not([disabled])",
  "details > summary:first-of-type",
  "audio[controls]",
  "video[controls]",
  "iframe",
  '[contenteditable=""], [contenteditable="true"]',
  '[tabindex]:not([tabindex="-1"])',
].join(", ");

/** First Tab reaches a visible skip link; following it moves focus into `<main>`. */
export async function checkSkipLink(page: Page): Promise<string[]> {
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return undefined;
    const box = element.getBoundingClientRect();
    return {
      tag: element.tagName.toLowerCase(),
      href: element.getAttribute("href") ?? "",
      text: element.textContent?.trim() ?? "",
      visible: box.width > 1 && box.height > 1 && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight,
    };
  });
  if (!first) return ["first Tab focused nothing"];
  const problems: string[] = [];
  if (first.tag !== "a" || !first.href.startsWith("#"))
    return [`first Tab reached <${first.tag} href="${first.href}"> «${first.text}», not a skip link to #…`];
  if (!first.visible) problems.push(`skip link «${first.text}» is focused but not visible on screen`);
  await page.keyboard.press("Enter");
  const inMain = await page.evaluate(() => Boolean(document.activeElement?.closest("main")));
  if (!inMain) problems.push(`following the skip link (${first.href}) did not move focus into <main>`);
  return problems;
}

/**
 * Tabs from the top through every focusable element; each must come in DOM order (the search box and
 * every link among them), each with a visible focus indicator (outline or box-shadow).
 */
export async function checkTabOrder(page: Page): Promise<string[]> {
  const expected = await page.evaluate((selector) => {
    // checkVisibility: the content of a closed <details> keeps its layout boxes (Chromium hides it
    // with content-visibility), but is out of the Tab order.
    const visible = Array.from(document.querySelectorAll<HTMLElement>(selector)).filter(
      (e) => e.checkVisibility() && (e.offsetParent !== null || getComputedStyle(e).position === "fixed"),
    );
    return visible.map((e, index) => {
      e.dataset.tabCheck = String(index);
      const text = (e.textContent ?? "").trim().slice(0, 40);
      return `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${e.getAttribute("type") === "search" ? "[search]" : ""} «${text}»`;
    });
  }, FOCUSABLE);
  const problems: string[] = [];
  const searchBoxes = await page.locator('input[type="search"]').count();
  if (searchBoxes > 0 && !expected.some((e) => e.includes("[search]")))
    problems.push("the search box is hidden from keyboard users");
  for (let index = 0; index < expected.length; index++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return undefined;
      const style = getComputedStyle(element);
      const ring =
        (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
      const text = (element.textContent ?? "").trim().slice(0, 40);
      return { index: element.dataset.tabCheck, name: `${element.tagName.toLowerCase()} «${text}»`, ring };
    });
    const want = expected[index];
    if (!focused || focused.index !== String(index)) {
      problems.push(`Tab #${index + 1} reached ${focused?.name ?? "nothing"}, expected ${want} (DOM order)`);
      break;
    }
    if (!focused.ring) problems.push(`${want} has no visible focus ring (outline none, no box-shadow)`);
  }
  return problems;
}

/**
 * With the root font size at 200%, the page must not scroll sideways and no text box may clip its
 * text (content wider or taller than an `overflow: hidden/clip` box).
 */
export async function checkTextZoom(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    document.documentElement.style.fontSize = "200%";
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth)
      problems.push(
        `horizontal scroll at 200% text: page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window`,
      );
    for (const element of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      const style = getComputedStyle(element);
      const clips =
        /hidden|clip/.test(style.overflowX + style.overflowY) || /ellipsis/.test(style.textOverflow);
      if (!clips || !element.textContent?.trim()) continue;
      // Visually-hidden text (1×1 px, clipped on purpose for screen readers) is not lost text.
      if (element.clientWidth <= 1 || element.clientHeight <= 1) continue;
      if (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1)
        problems.push(
          `text clipped at 200%: <${element.tagName.toLowerCase()} class="${element.className}"> ${element.scrollWidth}×${element.scrollHeight} in ${element.clientWidth}×${element.clientHeight}`,
        );
    }
    root.style.fontSize = "";
    return problems;
  });
}
