import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, expectNoHorizontalOverflow } from "./axe";
import { signIn, signOut } from "./staff-accounts";

/**
 * Coding written answers, on the seeded demo (the Police and Crime Survey's comments, partly
 * coded, with a double-coding sample): an analyst codes with the keyboard and without
 * JavaScript, an editor codes the sample blind, the analyst reads reliability and settles a
 * disagreement, marks a quote that an editor approves, and the approved quote appears on the
 * public results page once they are published (then unpublished again, for the specs after).
 * Every page visited is scanned with axe, and none scrolls sideways at 320 px.
 */

const SURVEY = "Police and Crime Survey";

async function codingBase(page: Page): Promise<string> {
  await page.goto("/staff");
  // The staff home can list it twice (its table, and "Needs attention" when closed without results).
  await page.getByRole("table", { name: "All consultations" }).getByRole("link", { name: SURVEY, exact: true }).click();
  await page.waitForURL(/\/staff\/consultations\/[^/]+$/);
  await page.getByRole("link", { name: "Code written answers (themes)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Coding written answers" })).toBeVisible();
  return new URL(page.url()).pathname;
}

async function fitsAt320(page: Page) {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 800 });
  // Measured until it settles: a page with charts redraws them for the new width a frame or two after the resize.
  await expectNoHorizontalOverflow(page, 320);
  await page.setViewportSize(size);
}

test.describe("coding written answers", () => {
  // Every page is scanned by axe at two widths: on a loaded two-core machine a story takes minutes.
  test.describe.configure({ mode: "serial", timeout: 240_000 });

  test("an analyst codes with the keyboard: number keys, type-ahead, save, undo, next", async ({ page }) => {
    await signIn(page, "analyst");
    await codingBase(page);
    await expect(page.locator("#coding-questions")).toContainText("Is there anything else you would like to tell the Commissioner?");
    await expectNoAxeViolations(page);
    await fitsAt320(page);
    await page.getByRole("link", { name: "Is there anything else you would like to tell the Commissioner?", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Code answers/ })).toBeVisible();
    // The type-ahead appears once JavaScript has taken over the page.
    await expect(page.locator("#code-finder")).toBeVisible();
    await expect(page.locator("#suggestions")).toContainText("confident, because of");
    await expectNoAxeViolations(page);
    await fitsAt320(page);

    await page.locator("#answer-text").click();
    await page.keyboard.press("5");
    await expect(page.locator('input[data-code-number="5"]')).toBeChecked();
    await expect(page.locator("#coding-announcer")).toHaveText("Applied Violence against women and girls");
    await page.keyboard.press("/");
    await expect(page.locator("#code-finder")).toBeFocused();
    await page.keyboard.type("speeding");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("checkbox", { name: /Speeding and road safety/ })).toBeChecked();
    await page.locator("#answer-text").click();
    await page.keyboard.press("s");
    await expect(page.getByRole("heading", { name: "Saved" })).toBeVisible();
    const saved = new URL(page.url()).searchParams.get("saved");
    expect(saved).toBeTruthy();
    expect(new URL(page.url()).searchParams.get("r")).not.toBe(saved);
    await expect(page.locator("#coding-progress")).toContainText("157 of 260 answers coded");

    // u undoes the save: the answer is uncoded again.
    await page.locator("#answer-text").click();
    await page.keyboard.press("u");
    await expect(page.getByText("Your last save was undone: the answer is as it was before.")).toBeVisible();
    await expect(page.locator("#coding-progress")).toContainText("156 of 260 answers coded");
    await expect(page.locator('input[data-code-number="5"]')).not.toBeChecked();

    // n moves on; p comes back.
    const at = new URL(page.url()).searchParams.get("r");
    await page.locator("#answer-text").click();
    await page.keyboard.press("n");
    await expect(page).not.toHaveURL(new RegExp(`r=${at}`));
    await page.locator("#answer-text").click();
    await page.keyboard.press("p");
    await expect(page).toHaveURL(new RegExp(`r=${at}`));
  });

  test("an analyst codes without JavaScript, and filters and searches with a GET form", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const page = await context.newPage();
    // axe needs JavaScript: these pages are scanned in the tests with it on.
    await signIn(page, "analyst");
    const base = await codingBase(page);
    await page.goto(`${base}/questions/comments`);
    await expect(page.locator("#code-finder")).toHaveCount(0);
    await page.getByRole("checkbox", { name: /Drugs/ }).check();
    await page.getByRole("checkbox", { name: /Evidence-rich/ }).check();
    await page.getByRole("button", { name: "Save and next" }).click();
    await expect(page.getByRole("heading", { name: "Saved" })).toBeVisible();
    await expect(page.locator("#coding-progress")).toContainText("157 of 260 answers coded");

    await page.getByText("Filter and search answers").click();
    await page.getByLabel("Show").selectOption("all");
    await page.getByLabel("Search the answers").fill("speed*");
    await page.getByRole("button", { name: "Show answers" }).click();
    await expect(page.locator("#answer-text")).toContainText(/speed/i);
    await expect(page.locator("#answer-position")).toContainText(/Answer 1 of \d+/);
    await page.getByRole("link", { name: "Next answer" }).click();
    await expect(page.locator("#answer-text")).toContainText(/speed/i);
    await context.close();
  });

  test("an editor codes the double-coding sample blind, seeing no one else's coding", async ({ page }) => {
    await signIn(page, "editor");
    const base = await codingBase(page);
    await page.goto(`${base}/questions/comments/blind`);
    await expect(page.getByRole("heading", { level: 1, name: /^Double coding/ })).toBeVisible();
    await expect(page.locator("#blind-progress")).toContainText("The sample has 50 answers. You have coded 0 of the 6 you can code blind");
    await expect(page.locator("#suggestions")).toHaveCount(0);
    await expect(page.locator("input[name=codes]:checked")).toHaveCount(0);
    await expectNoAxeViolations(page);
    await fitsAt320(page);
    await page.getByRole("checkbox", { name: /Anti-social behaviour/ }).check();
    await page.getByRole("button", { name: "Save and next" }).click();
    await expect(page.locator("#blind-progress")).toContainText("You have coded 1 of the 6");
    await signOut(page);
  });

  test("an analyst sees reliability, with a provisional code, and settles a disagreement", async ({ page }) => {
    await signIn(page, "analyst");
    const base = await codingBase(page);
    await page.goto(`${base}/questions/comments/reliability`);
    await expect(page.locator("#reliability-summary")).toContainText("45 answers have been coded by two analysts independently");
    const response = page.locator("#reliability-table").getByRole("row", { name: /Response times/ });
    await expect(response).toContainText("Provisional");
    await expect(page.locator("#reliability-table").getByRole("row", { name: /Speeding and road safety/ })).not.toContainText("Provisional");
    await expect(page.locator("#model-agreement")).toContainText("Suggestions overall: F1");
    await expectNoAxeViolations(page);
    await fitsAt320(page);
    const before = await page.locator("#disagreements li").count();
    expect(before).toBeGreaterThan(0);
    await page.locator("#disagreements a").first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Settle a disagreement" })).toBeVisible();
    await expect(page.locator("#both-codings")).toContainText("Blind coding");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Settle" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Reliability/ })).toBeVisible();
    await expect(page.locator("#disagreements li")).toHaveCount(before - 1);

    // Themes: figures with bases, intervals and the reliability of each code.
    await page.goto(`${base}/questions/comments/themes`);
    await expect(page.locator("#themes-table").getByRole("row", { name: /Anti-social behaviour/ })).toContainText("%");
    await expect(page.locator("#theme-statements")).toContainText("of respondents who commented mentioned");
    await expect(page.locator("#themes-table")).toContainText("Provisional");
    await expectNoAxeViolations(page);
    await fitsAt320(page);
    for (const path of ["/codebook", "/questions/comments/candidates", "/questions/comments/quotes"]) {
      await page.goto(`${base}${path}`);
      await expectNoAxeViolations(page);
      await fitsAt320(page);
    }
    await page.goto(`${base}/codebook`);
    await page.getByRole("link", { name: "Parking", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Parking/ })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("an analyst marks a quote, an editor approves it, and it is published with the results", async ({ page, browser, baseURL }) => {
    // Two staff, two browsers and a publication with its confirmation: over two minutes on a loaded machine.
    test.setTimeout(240_000);
    await signIn(page, "analyst");
    const base = await codingBase(page);
    await page.goto(`${base}/questions/comments`);
    await page.getByText("Filter and search answers").click();
    await page.getByLabel("Show").selectOption("coded");
    await page.getByLabel("With code").selectOption({ label: "Crime and disorder › Anti-social behaviour" });
    await page.getByRole("button", { name: "Show answers" }).click();
    await expect(page.getByRole("checkbox", { name: /Anti-social behaviour/ })).toBeChecked();
    const text = (await page.locator("#answer-text").innerText()).trim();
    const excerpt = text.split(/(?<=[.!?])\s/)[0];
    await page.getByText("Mark a possible quote").click();
    await page.getByLabel("Excerpt, copied exactly from the answer").fill(excerpt);
    await page.getByLabel("Propose it as a quote for the code").selectOption({ label: "Crime and disorder › Anti-social behaviour" });
    await page.getByRole("button", { name: "Save and next" }).click();
    await expect(page.getByRole("heading", { name: "Saved" })).toBeVisible();
    await page.goto(`${base}/questions/comments/quotes`);
    const mine = page.locator("#proposed-quotes li", { hasText: excerpt });
    await expect(mine).toContainText("Another analyst must approve your quote");
    await signOut(page);

    const editorContext = await browser.newContext({ baseURL });
    const editor = await editorContext.newPage();
    await signIn(editor, "editor");
    await editor.goto(`${base}/questions/comments/quotes`);
    const theirs = editor.locator("#proposed-quotes > li", { hasText: excerpt });
    await theirs.getByText("The whole answer").click();
    await expect(theirs).toContainText("Nothing was removed by machine");
    await expectNoAxeViolations(editor);
    await theirs.getByRole("button", { name: /^Approve/ }).click();
    await expect(editor.getByText("The quote is approved.")).toBeVisible();
    await expect(editor.locator("#approved-list")).toContainText(excerpt);

    // Published with the results: the coded themes and the approved quote, disclosure-controlled.
    const consultation = base.replace(/\/coding$/, "");
    await editor.goto(consultation);
    // Typed only once the page's scripts have run: text typed into a box before hydration can be lost.
    await editor.waitForLoadState("networkidle");
    await editor.getByLabel("What we did").fill("The Commissioner asked neighbourhood teams to tackle anti-social behaviour and speeding first.");
    await editor.getByRole("button", { name: "Publish results" }).click();
    // Publishing is public: the overview asks first.
    await expect(editor.getByRole("heading", { level: 1, name: /Are you sure you want to publish the results/ })).toBeVisible();
    await editor.getByRole("button", { name: "Yes, publish the results" }).click();
    // Publishing on a loaded two-core CI machine has taken over 10 s once: allow 30.
    await expect(editor.getByText("The results are published.")).toBeVisible({ timeout: 30_000 });

    await page.goto("/consultations/police-and-crime-survey-2021/results");
    await expect(page.locator("#coded-themes")).toContainText("What people wrote: themes");
    await expect(page.locator("#coded-themes")).toContainText(excerpt);
    // Parking was mentioned by fewer than 10 respondents: withheld.
    await expect(page.locator("#coded-themes").getByRole("row", { name: /Parking/ })).toContainText("[c]");
    await expectNoAxeViolations(page);
    await fitsAt320(page);

    // Unpublished again, as the other specs expect the survey's results to be unpublished.
    await editor.goto(consultation);
    await editor.getByRole("button", { name: "Unpublish results" }).click();
    await editor.getByRole("button", { name: "Yes, unpublish the results" }).click();
    await expect(editor.getByText("The results are no longer published.")).toBeVisible({ timeout: 30_000 });
    await editorContext.close();
  });

  test("where a question asks for a view, an analyst records a stance and the themes page shows it as figures with a base", async ({ page }) => {
    await signIn(page, "editor");
    const base = await codingBase(page);
    await page.getByRole("checkbox", { name: "Is there anything else you would like to tell the Commissioner?" }).check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("checkbox", { name: "Is there anything else you would like to tell the Commissioner?" })).toBeChecked();
    await signOut(page);

    await signIn(page, "analyst");
    await page.goto(`${base}/questions/comments?status=coded`);
    await page.getByRole("radio", { name: "Support" }).check();
    await page.getByRole("button", { name: "Save and next" }).click();
    await expect(page.getByRole("heading", { name: "Saved" })).toBeVisible();
    await page.goto(`${base}/questions/comments/themes`);
    await expect(page.locator("#stance-table").getByRole("row", { name: /Support/ })).toContainText("100%");
    await expect(page.locator("#stance-table")).toContainText("Provisional");
    await expect(page.getByText("Base: respondents whose answer has been coded with a stance, n=1")).toBeVisible();
    await expect(page.locator("#theme-statements")).toContainText("of respondents who commented supported it (n = 1 of 1 whose view was coded");
    await expectNoAxeViolations(page);
    await fitsAt320(page);
    await page.goto(`${base}/questions/comments/themes?by=${encodeURIComponent("_channel|")}`);
    await expect(page.locator("#stance-breakdown")).toContainText("Support");
    await expectNoAxeViolations(page);
  });
});
