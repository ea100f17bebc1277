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
  // The header offers the workspace, not a sign-in, to someone signed in, on public pages too.
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: "Staff workspace" })).toBeVisible();
  await header.getByRole("link", { name: "Consultations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Have your say/ })).toBeVisible();
  await expect(header.getByRole("link", { name: "Staff workspace" })).toBeVisible();
  await expect(header.getByRole("link", { name: "Staff sign in" })).toHaveCount(0);
  await header.getByRole("link", { name: "Staff workspace" }).click();
    // __Host- prefix in production: only ever sent to this origin, over a secure connection.
  const cookie = (await context.cookies()).find((c) => c.name === "__Host-yoursay_staff");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  expect(cookie?.secure).toBe(true);
  expect(cookie?.path).toBe("/");

  await signOut(page);
  await expect(header.getByRole("link", { name: "Staff sign in" })).toBeVisible();
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

test("a staff member changes their own password: errors first, then every other session ends", async ({ page, browser, baseURL }) => {
  // A fresh account, so the shared ones keep their passwords for the other tests.
  const email = `changer-${Date.now().toString(36)}@e2e.example`;
  const first = "first long password given";
  const second = "second long password chosen";
  await signIn(page, "admin");
  await page.goto("/staff/accounts");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("radio", { name: "Analyst" }).check();
  await page.getByLabel("Initial password").fill(first);
  await page.getByRole("button", { name: "Add staff member" }).click();
  await expect(page.getByText("The staff member has been added.")).toBeVisible();
  await signOut(page);

  const signInAs = async (p: typeof page, password: string) => {
    await p.goto("/staff/login");
    await p.getByLabel("Email address").fill(email);
    await p.getByLabel("Password").fill(password);
    await p.getByRole("button", { name: "Sign in" }).click();
  };
  // Signed in on another device too.
  const elsewhere = await browser.newContext({ baseURL });
  const other = await elsewhere.newPage();
  await signInAs(other, first);
  await expect(other.getByText(`Signed in as ${email}`)).toBeVisible();

  await signInAs(page, first);
  await page.getByRole("link", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { name: "Change your password" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Each mistake is named, and nothing is changed.
  await page.getByLabel("Current password").fill(first);
  await page.getByLabel("New password", { exact: true }).fill("too short");
  await page.getByLabel("Type the new password again").fill("too short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveTitle(/^Error: Change your password/);
  await expect(page.locator(".govuk-error-summary")).toContainText("Password must be 12 characters or more");
  await expectNoAxeViolations(page);
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password", { exact: true }).fill(second);
  await page.getByLabel("Type the new password again").fill(second);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Your current password is not right");
  await page.getByRole("link", { name: "Your current password is not right" }).click();
  await expect(page.getByLabel("Current password")).toBeFocused();

  await page.getByLabel("Current password").fill(first);
  await page.getByLabel("New password", { exact: true }).fill(second);
  await page.getByLabel("Type the new password again").fill(second);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();
  await expectNoAxeViolations(page);

  // The other device is signed out; this one carries on.
  await other.goto("/staff");
  await expect(other).toHaveURL(/\/staff\/login/);
  await elsewhere.close();
  await page.goto("/staff");
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await signOut(page);

  // The old password no longer works; the new one does.
  await signInAs(page, first);
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter a correct email address and password");
  await signInAs(page, second);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();

  // Forgotten after all: an administrator sets a new one, and the staff member is signed out.
  const adminContext = await browser.newContext({ baseURL });
  const admin = await adminContext.newPage();
  await signIn(admin, "admin");
  await admin.goto("/staff/accounts");
  await admin.getByRole("link", { name: `Set a new password for ${email}` }).click();
  await expect(admin.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await expectNoAxeViolations(admin);
  await admin.getByLabel("New password").fill("password1234");
  await admin.getByRole("button", { name: "Set new password" }).click();
  await expect(admin.locator(".govuk-error-summary")).toContainText("Password is too common");
  await expectNoAxeViolations(admin);
  const third = "third long password reset";
  await admin.getByLabel("New password").fill(third);
  await admin.getByRole("button", { name: "Set new password" }).click();
  await expect(admin.getByText("The new password has been set, and the account signed out everywhere.")).toBeVisible();
  await admin.goto("/staff/audit?action=staff.password_reset");
  await expect(admin.locator(".app-audit-table")).toContainText(`new password set for ${email}`);
  await admin.goto("/staff/audit?action=staff.password_changed");
  await expect(admin.locator(".app-audit-table")).toContainText(email);
  await adminContext.close();

  await page.goto("/staff");
  await expect(page).toHaveURL(/\/staff\/login/);
  await signInAs(page, third);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
});
