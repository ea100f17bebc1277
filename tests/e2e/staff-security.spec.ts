import { expect, test } from "@playwright/test";
import { generate } from "otplib";
import { expectNoAxeViolations } from "./axe";
import { nextAdminCode, signIn, signOut, STAFF_ACCOUNTS } from "./staff-accounts";

/**
 * Two-step sign-in, re-authentication and sessions in a real browser (with JavaScript, and
 * each page checked with axe); the same forms work without it (tests/integration/security.test.ts
 * drives them over plain HTTP).
 */

test("an administrator signs in with a code; the second-step and account security pages pass axe", async ({ page }) => {
  const admin = STAFF_ACCOUNTS[0];
  await page.goto("/staff/login");
  await page.getByLabel("Email address").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Enter your security code" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Security code").fill("000000");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveTitle(/^Error: Enter your security code/);
  await expectNoAxeViolations(page);
  await page.getByLabel("Security code").fill(await nextAdminCode());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Consultations" })).toBeVisible();

  await page.getByRole("link", { name: "Account security" }).click();
  await expect(page.getByRole("heading", { name: "Your account security" })).toBeVisible();
  await expect(page.getByText("This session")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/staff/confirm?redirectTo=%2Fstaff%2Fsecurity");
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Your password").fill(admin.password);
  await page.getByLabel("Security code").fill(await nextAdminCode());
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/staff\/security$/);
  await signOut(page);
});

test("an editor sets up two-step verification with the QR code page, saves recovery codes, then turns it off", async ({ page }) => {
  await signIn(page, "editor");
  await page.goto("/staff/security");
  await page.getByRole("link", { name: "Set up two-step verification" }).click();
  await expect(page.getByRole("heading", { name: "Set up two-step verification" })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const secret = (await page.locator("#setup-key").textContent())!.replace(/\s/g, "");
  await page.getByLabel("Code from the app").fill("12345");
  await page.getByRole("button", { name: "Turn on two-step verification" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter the 6-digit code");
  await expectNoAxeViolations(page);
  await page.getByLabel("Code from the app").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Turn on two-step verification" }).click();
  await expect(page.getByRole("heading", { name: "Two-step verification is on" })).toBeVisible();
  await expect(page.locator(".app-recovery-codes li")).toHaveCount(10);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "I have saved my recovery codes" }).click();
  await expect(page.getByText(/You have 10 unused recovery codes/)).toBeVisible();
  // Not required for editors: they may turn it off again (just signed in, so no re-confirmation).
  await page.getByRole("button", { name: "Turn off two-step verification" }).click();
  await expect(page.getByText("Two-step verification is off for your account.")).toBeVisible();
  await signOut(page);
});

test("a form posted from another site gets a clear 403 page that passes axe", async ({ page, baseURL }) => {
  // A page of no origin (Origin: null) posting to the start page, as a hostile site's form would.
  await page.setContent(`<form method="post" action="${baseURL}/consultations/police-precept-2027-28"><button>Send</button></form>`);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("heading", { name: "This form did not come from this website" })).toBeVisible();
  await expect(page.getByText("Nothing has been saved or changed.")).toBeVisible();
  await expectNoAxeViolations(page);
});
