import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { signIn, signOut } from "./staff-accounts";

test("an editor replaces the postcode lookup from CSV; a bad file changes nothing", async ({ page }) => {
  await signIn(page, "editor");
  await page.getByRole("link", { name: "Postcode areas" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Postcode areas" })).toBeVisible();
  await expect(page.getByRole("row", { name: /DL3 Darlington Borough Council Darlington west/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // One bad line: a clear message per line, and the table is untouched.
  await page.getByLabel("Or paste the CSV").fill("outward,authority,area\nDH1,durham,Durham City\nXX,durham,Nowhere\nDL1,yorkshire,Darlington");
  await page.getByRole("button", { name: "Replace the lookup" }).click();
  await expect(page).toHaveTitle(/^Error: Postcode areas/);
  await expect(page.locator(".govuk-error-summary")).toContainText('Line 3: "XX" is not an outward code');
  await expect(page.locator(".govuk-error-summary")).toContainText('Line 4: authority "yorkshire" must be one of');
  await expect(page.getByRole("row", { name: /DL3 Darlington Borough Council/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // A good file (uploaded) replaces the whole table, and the audit trail records it.
  await page.getByLabel("Or paste the CSV").fill("");
  await page.getByLabel("Upload a CSV file").setInputFiles({
    name: "districts.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("outward,authority,area\nDH1,durham,Durham City centre\nDL3,darlington,West End\n"),
  });
  await page.getByRole("button", { name: "Replace the lookup" }).click();
  await expect(page.getByText("The lookup now has 2 postcode districts.")).toBeVisible();
  await expect(page.getByRole("row", { name: /DL3 Darlington Borough Council West End/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /DH8/ })).toHaveCount(0);

  // Put the shipped lookup back for the specs that run after this one.
  await page.getByLabel("Or paste the CSV").fill(fs.readFileSync("db/postcode-districts.csv", "utf8"));
  await page.getByRole("button", { name: "Replace the lookup" }).click();
  await expect(page.getByText("The lookup now has 32 postcode districts.")).toBeVisible();
  await expect(page.getByRole("row", { name: /DH8 Durham County Council Consett/ })).toBeVisible();

  // Analysts cannot reach it.
  // Signed out for certain before signing in again (the sign-in page sends a live session on).
  await signOut(page);
  await signIn(page, "analyst");
  await expect(page.getByRole("link", { name: "Postcode areas" })).toHaveCount(0);
  const response = await page.goto("/staff/districts");
  expect(response?.status()).toBe(403);
});
