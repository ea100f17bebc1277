import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./staff-accounts";

/**
 * What a screen reader hears when the page changes (issue 13, point 1). A page load announces
 * the new title and starts at the top. With JavaScript on, the resident journey still loads whole
 * pages; anywhere else Remix swaps the page in place, and focus then moves to the new page's h1
 * (or its error summary) and the new title is put in a live region.
 */

const SLUG = "police-precept-2027-28";
const CONSULTATION = "Police precept 2027/28 consultation";

/**
 * A mark on the current document: gone after a page load, still there after a client-side
 * navigation. Made once the page's scripts have run: before that, a link loads a whole page.
 */
async function mark(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
}
const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? { tag: el.tagName.toLowerCase(), text: (el.textContent ?? "").trim().slice(0, 80), className: el.className, inMain: Boolean(el.closest("main")) } : null;
  });

/** After a page load the next Tab goes to the top of the page: the skip link, not the footer. */
async function expectStartsAtTheTop(page: Page) {
  await page.keyboard.press("Tab");
  expect(await focused(page)).toMatchObject({ tag: "a", text: "Skip to main content" });
  // A focused skip link shows at the top and pushes the page down; put it away again before clicking.
  await page.evaluate(() => (document.activeElement as HTMLElement).blur());
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`resident journey, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("Continue and Back load the new page: its title is announced and reading starts at the top, or at the errors", async ({ page }) => {
      await page.goto(`/consultations/${SLUG}`);
      if (javaScriptEnabled) await mark(page);
      await page.getByRole("button", { name: "Start now" }).press("Enter");
      await expect(page.getByRole("heading", { level: 1, name: "What matters most to you" })).toBeVisible();
      await expect(page).toHaveTitle(`What matters most to you - ${CONSULTATION} - Your Say`);
      if (javaScriptEnabled) expect(await sameDocument(page), "Start now loads a new document").toBe(false);
      await expectStartsAtTheTop(page);

      // Continue with nothing answered: the error summary has focus (once the script has run) and the title says Error.
      if (javaScriptEnabled) await mark(page);
      await page.getByRole("button", { name: "Continue" }).press("Enter");
      await expect(page).toHaveTitle(`Error: What matters most to you - ${CONSULTATION} - Your Say`);
      if (javaScriptEnabled) {
        expect(await sameDocument(page)).toBe(false);
        await expect.poll(async () => (await focused(page))?.className).toContain("govuk-error-summary");
      } else {
        await expectStartsAtTheTop(page);
      }

      await page.getByLabel("Neighbourhood Policing").check();
      await page.getByLabel("High priority").check();
      if (javaScriptEnabled) await mark(page);
      await page.getByRole("button", { name: "Continue" }).press("Enter");
      await expect(page).toHaveTitle(`The policing part of your council tax - ${CONSULTATION} - Your Say`);
      if (javaScriptEnabled) expect(await sameDocument(page), "Continue loads a new document").toBe(false);
      await expectStartsAtTheTop(page);

      if (javaScriptEnabled) await mark(page);
      await page.getByRole("link", { name: "Back", exact: true }).press("Enter");
      await expect(page).toHaveTitle(`What matters most to you - ${CONSULTATION} - Your Say`);
      if (javaScriptEnabled) expect(await sameDocument(page), "Back loads a new document").toBe(false);
      await expectStartsAtTheTop(page);
      await expect(page.getByLabel("High priority")).toBeChecked();
    });
  });
}

test.describe("client-side navigation, JavaScript on", () => {
  test("a public link moves focus to the new page's h1 and announces its title", async ({ page }) => {
    await page.goto("/consultations");
    await mark(page);
    await page.getByRole("contentinfo").getByRole("link", { name: "Cookies" }).press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Cookies" })).toBeVisible();
    expect(await sameDocument(page), "the footer link is a client-side navigation").toBe(true);
    await expect(page).toHaveTitle("Cookies - Your Say");
    await expect.poll(() => focused(page)).toMatchObject({ tag: "h1", text: "Cookies", inMain: true });
    await expect(page.locator("#page-change-announcer")).toHaveText("Cookies - Your Say");

    await page.getByRole("banner").getByRole("link", { name: "Consultations" }).press("Enter");
    await page.getByRole("link", { name: CONSULTATION }).press("Enter");
    await expect(page).toHaveTitle(`${CONSULTATION} - Your Say`);
    expect(await sameDocument(page)).toBe(true);
    await expect.poll(() => focused(page)).toMatchObject({ tag: "h1", text: CONSULTATION });
    await expect(page.locator("#page-change-announcer")).toHaveText(`${CONSULTATION} - Your Say`);
    // The next Tab continues from the new page's heading, not from the link pressed on the last page.
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "a", text: "privacy notice", inMain: true });

    // The skip link only moves within the page: nothing is announced and focus goes where it points.
    await page.goto("/consultations");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatchObject({ tag: "main" });
    await expect(page.locator("#page-change-announcer")).toHaveText("");
  });

  test("staff navigation does the same", async ({ page }) => {
    await signIn(page, "analyst");
    await mark(page);
    await page.getByRole("navigation", { name: "Staff workspace" }).getByRole("link", { name: "Evidence" }).press("Enter");
    await expect(page).toHaveURL(/\/staff\/evidence$/);
    expect(await sameDocument(page)).toBe(true);
    const title = await page.title();
    expect(title).toMatch(/ - Staff - Your Say$/);
    await expect.poll(async () => (await focused(page))?.tag).toBe("h1");
    await expect(page.locator("#page-change-announcer")).toHaveText(title);
  });
});
