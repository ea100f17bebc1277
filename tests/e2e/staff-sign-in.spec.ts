import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { signIn, signOut, STAFF_ACCOUNTS } from "./staff-accounts";

test("staff pages send anonymous visitors to sign in, and back afterwards", async ({ page }) => {
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/staff\/login\?redirectTo=%2Fstaff/);
  await expect(page.getByRole("heading", { name: "Staff sign in" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Wrong password: a generic message that does not say whether the email exists.
  await page.getByLabel("Email address").fill(STAFF_ACCOUNTS[0].email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveTitle(/^Error: Staff sign in/);
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter a correct email address and password");
  await expectNoAxeViolations(page);
  await page.getByLabel("Email address").fill("nobody@e2e.example");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter a correct email address and password");
});

test("signing in sets a session cookie that is HttpOnly and SameSite, and signing out ends it server-side", async ({ page, context }) => {
  await signIn(page, "analyst");
  await expect(page.getByRole("heading", { name: "Consultations" })).toBeVisible();
  await expect(page.getByText("Signed in as analyst@e2e.example (Analyst)")).toBeVisible();
  await expectNoAxeViolations(page);
  const cookie = (await context.cookies()).find((c) => c.name === "yoursay_staff");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  expect(cookie?.secure).toBe(true);

  await signOut(page);
  // Replaying the old cookie after sign-out gets nowhere: the session is gone from the database.
  await context.addCookies([cookie!]);
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/staff\/login/);
});

test("a form without the session's CSRF token changes nothing", async ({ page }) => {
  await signIn(page, "analyst");
  // Sent from the signed-in page itself, so the browser attaches the session cookie.
  const status = await page.evaluate(() => fetch("/staff/logout", { method: "POST", body: new URLSearchParams({ _csrf: "wrong" }) }).then((r) => r.status));
  expect(status).toBe(403);
  await page.goto("/staff");
  await expect(page.getByRole("heading", { name: "Consultations" })).toBeVisible();
});
