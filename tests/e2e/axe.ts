import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** A 320px phone (WCAG 1.4.10 Reflow's width) and a desktop. */
export const WIDTHS = [320, 1280] as const;

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];

/**
 * The page as it stands, at 320 and 1280 px wide: zero axe violations, with the best-practice
 * rules as well as WCAG 2.2 A and AA (landmarks, heading order, focusable scroll regions…), and
 * nothing wider than the screen. The viewport is put back afterwards.
 */
export async function expectNoAxeViolations(page: Page) {
  await atEachWidth(page, async (width) => {
    await expectNoHorizontalOverflow(page, width);
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    expect(summary, `axe violations on ${page.url()} at ${width}px`).toEqual([]);
  });
}

/** For pages seen without JavaScript, where axe cannot run: nothing wider than the screen at either width. */
export async function expectFitsEveryWidth(page: Page) {
  await atEachWidth(page, (width) => expectNoHorizontalOverflow(page, width));
}

/**
 * Nothing scrolls sideways: the document is no wider than the viewport, so no content is cut off
 * (WCAG 1.4.10). Checked until it settles (up to 3 s): after a resize, charts redraw for the new
 * width a frame or two later.
 */
export async function expectNoHorizontalOverflow(page: Page, width?: number) {
  const measure = () =>
    page.evaluate(() => {
      const root = document.documentElement;
      if (root.scrollWidth <= root.clientWidth) return "";
      // Say what overflows: the element reaching furthest right that no scroll area of its own contains.
      const clipped = (el: Element) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true;
        return false;
      };
      let widest = `the page is ${root.scrollWidth - root.clientWidth}px too wide`;
      let right = root.clientWidth;
      for (const el of Array.from(document.body.querySelectorAll("*"))) {
        const r = el.getBoundingClientRect().right;
        if (r > right + 0.5 && (!clipped(el) || getComputedStyle(el).position === "absolute")) {
          right = r;
          const classes = typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
          widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${classes} (${Math.round(r - root.clientWidth)}px over)`;
        }
      }
      return widest;
    });
  await expect.poll(measure, { message: `${page.url()} is wider than the screen${width ? ` at ${width}px` : ""}`, timeout: 3_000 }).toBe("");
}

async function atEachWidth(page: Page, check: (width: number) => Promise<void>) {
  const original = page.viewportSize();
  try {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: original?.height ?? 800 });
      await check(width);
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
}
