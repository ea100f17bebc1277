import fs from "node:fs";
import { expect, test, type Download, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { expectNoAxeViolations, expectNoHorizontalOverflow } from "./axe";
import { signIn } from "./staff-accounts";

/**
 * Population figures, who responded and weighted results through the browser, on the seeded
 * demo: an editor loads figures (a wrong file changes nothing), an analyst weights the survey's
 * results and downloads them, and the public page shows who responded. Every page passes axe,
 * works without JavaScript and fits a 320px-wide screen.
 */

const SHIPPED = fs.readFileSync("db/population-figures.csv", "utf8");
const DARLINGTON_SEX = `${SHIPPED.trimEnd()}\nE06000005,sex,female,55000,"Test figures, not for publication",2021-03-21,All usual residents\nE06000005,sex,male,52836,"Test figures, not for publication",2021-03-21,All usual residents\n`;

async function fitsOnAPhone(page: Page) {
  await page.setViewportSize({ width: 320, height: 800 });
  // The page itself never scrolls sideways (charts redraw for the new width a frame or two
  // later); a wide table scrolls inside its own region.
  await expectNoHorizontalOverflow(page, 320);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function download(page: Page, name: RegExp): Promise<string> {
  const [file]: [Download, void] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return fs.readFileSync((await file.path())!, "utf8");
}

test.describe("population figures, who responded and weighting", () => {
  test.describe.configure({ mode: "serial" });

  test("an editor loads population figures without JavaScript; a wrong file changes nothing", async ({ page: withScripts, browser }) => {
    // axe runs in the page, so it looks at the page with JavaScript on; the rest is done without.
    await signIn(withScripts, "editor");
    await withScripts.goto("/staff/population");
    await expect(withScripts.getByRole("heading", { level: 1, name: "Population figures" })).toBeVisible();
    await expectNoAxeViolations(withScripts);
    await fitsOnAPhone(withScripts);

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "editor");
    await page.getByRole("link", { name: "Population figures" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Population figures" })).toBeVisible();
    await expect(page.locator("#population-version")).toContainText("Version 1, shipped with Your Say");
    await expect(page.locator("#population-missing")).toContainText("Age: none loaded");
    await expect(page.locator("#population-missing")).toContainText("Sex: none for Darlington");
    await expect(page.getByRole("row", { name: /County Durham \(E06000047\) Sex Female 266,901/ })).toBeVisible();

    await page.getByLabel("Or paste the CSV").fill(`${SHIPPED.trimEnd()}\nE06000005,sex,female,"55,000",Test,2021-03-21,All\nE06000005,sex,dog,1,Test,21 March 2021,All\n`);
    await page.getByRole("button", { name: "Load the figures" }).click();
    await expect(page).toHaveTitle(/^Error: Population figures/);
    await expect(page.locator(".govuk-error-summary")).toContainText('Line 8: count "55,000" must be a whole number');
    await expect(page.locator(".govuk-error-summary")).toContainText('Line 9: category "dog" of sex must be one of female, male');
    await expect(page.locator("#population-version")).toContainText("Version 1");

    await page.getByLabel("Or paste the CSV").fill(DARLINGTON_SEX);
    await page.getByRole("button", { name: "Load the figures" }).click();
    await expect(page.getByText("Version 2 of the population figures is now in use.")).toBeVisible();
    await expect(page.locator("#population-missing")).not.toContainText("Sex: none");
    await expect(page.getByRole("row", { name: /Darlington \(E06000005\) Sex Male 52,836/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "Versions" })).toContainText("editor@e2e.example");

    // The shipped figures back, as version 3, for what follows.
    await page.getByLabel("Or paste the CSV").fill(SHIPPED);
    await page.getByRole("button", { name: "Load the figures" }).click();
    await expect(page.getByText("Version 3 of the population figures is now in use.")).toBeVisible();
    await context.close();
  });

  test("an analyst sees who responded, weights the survey's results and downloads them", async ({ page }) => {
    await signIn(page, "analyst");
    await page.goto("/staff");
    await page.getByRole("table", { name: "All consultations" }).getByRole("link", { name: "Police and Crime Survey", exact: true }).click();
    await page.waitForURL(/\/staff\/consultations\/[^/]+$/);
    await page.goto(`${new URL(page.url()).pathname}/results`);
    const where = page.locator("#who-authority");
    await expect(where.getByRole("row", { name: /^County Durham/ })).toBeVisible();
    await expect(where.getByRole("row", { name: /^Not answered/ })).toBeVisible();
    await expect(page.locator("#who-responded")).toContainText("Chi-square goodness of fit");
    await expect(page.locator("#who-responded-notes")).toContainText("No population figures: Age: none loaded.");

    await page.getByLabel("Local authority (from the postcode)").check();
    await page.getByRole("button", { name: "Update results" }).click();
    await expect(page.locator("#weighting-caveat")).toContainText("cannot make them a random sample");
    await expect(page.locator("#weighting-diagnostics")).toContainText("Yes, after");
    await expect(page.locator("#weighting-diagnostics")).toContainText("Design effect (Kish)");
    await expect(page.locator("#table-victim").getByRole("columnheader", { name: "Weighted %" })).toBeVisible();
    await expect(page.getByText("margin of error")).toHaveCount(0);
    await expectNoAxeViolations(page);
    await fitsOnAPhone(page);

    const results: Record<string, string>[] = parse(await download(page, /^Results \(CSV\)/), { columns: true, bom: true });
    const yes = results.find((r) => r.question_id === "victim" && r.option_id === "yes")!;
    expect(Number(yes.weighted_percent)).toBeGreaterThan(0);
    expect(Number(yes.weighted_effective_n)).toBeGreaterThan(0);
    const weights: Record<string, string>[] = parse(await download(page, /^Weights \(CSV\)/), { columns: true, bom: true });
    expect(weights).toHaveLength(600);
    const mean = weights.reduce((s, w) => s + Number(w.weight), 0) / weights.length;
    expect(mean).toBeCloseTo(1, 3);
  });

  test("the public results page says who responded, with small numbers withheld", async ({ page }) => {
    // The demo seeds the precept consultation's results as published.
    const response = await page.goto("/consultations/police-precept-2022-23/results");
    expect(response?.status()).toBe(200);
    await expect(page.locator("#who-responded")).toContainText("Where respondents live");
    await expect(page.locator("#who-authority").getByRole("row", { name: /^Darlington/ })).toBeVisible();
    await expect(page.locator("#who-responded-notes")).toContainText("which staff see in their working figures only");
    await expectNoAxeViolations(page);
    await fitsOnAPhone(page);
  });
});
