import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./staff-accounts";

/**
 * Next year's precept from this year's: an editor copies the open precept consultation as a new
 * draft (questions, routing and ids kept), sets the new year's figures, and is warned that the
 * title names another year, before anything is public.
 */
test("an editor copies last year's precept consultation and sets up the new year, with a warning when the year disagrees with the title", async ({ page }) => {
  const run = Date.now().toString(36);
  await signIn(page, "editor");
  await page.goto("/staff");
  await page.getByRole("table", { name: "All consultations" }).getByRole("link", { name: "Police precept 2027/28 consultation", exact: true }).click();
  await page.getByRole("link", { name: "Copy as a new draft (for next year)" }).click();
  await expect(page.getByLabel("A copy of an existing consultation, with its questions and routing")).toBeChecked();
  await expect(page.getByLabel("Consultation to copy")).toHaveValue(/.+/);
  await page.getByLabel("Title").fill(`Police precept 2031/32 ${run}`);
  await page.getByLabel("Summary").fill("Next year's precept.");
  await page.getByLabel("Precept consultation", { exact: true }).nth(1).check();
  await page.getByLabel("Web address").fill(`precept-copy-${run}`);
  await page.getByLabel("Financial year").fill("2030/32");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter the financial year as two years that follow each other, like 2028/29");
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter this year's Band D precept");
  await expectNoAxeViolations(page);

  await page.getByLabel("Financial year").fill("2030/31");
  await page.getByLabel("This year's Band D precept").fill("£305.24");
  await page.getByLabel("Proposed increase", { exact: true }).fill("15");
  await page.getByLabel("Another proposed increase (optional)").first().fill("20");
  await page.getByLabel("Referendum limit for the year").fill("15");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText("The consultation has been copied as a new draft, with its questions and routing.")).toBeVisible();
  await expect(page.locator("#overview-warnings")).toContainText("The title names 2031/32, but the precept figures are for 2030/31");
  await expectNoAxeViolations(page);

  // The copy has the same questions, with the new year's figures.
  await page.getByRole("link", { name: "Check before you open" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Check before you open" })).toBeVisible();
  const summary = page.locator(".app-check-summary");
  await expect(summary).toContainText("For 2030/31: Band D now £305.24 a year; referendum limit £15.00.");
  await expect(summary).toContainText("An increase of £20.00 a year for a Band D home (needs a local referendum)");
  await expect(summary).toContainText("Questions6");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Change the questions" }).click();
  await expect(page.getByRole("link", { name: "Edit question Which of these would you like to see investment in?" })).toBeVisible();
});
