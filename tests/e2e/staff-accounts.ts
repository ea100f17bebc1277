import type { Page } from "@playwright/test";
import { generate } from "otplib";

// Created by tests/e2e/server.ts on the throwaway e2e database only. The administrator has
// two-step verification set up with this secret (administrators must), so the tests can make
// the codes an authenticator app would show.
export const ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

export const STAFF_ACCOUNTS = [
  { email: "admin@e2e.example", password: "e2e admin long password", role: "admin" },
  { email: "editor@e2e.example", password: "e2e editor long password", role: "editor" },
  { email: "analyst@e2e.example", password: "e2e analyst long password", role: "analyst" },
] as const;

export type E2ERole = (typeof STAFF_ACCOUNTS)[number]["role"];

/**
 * The next code the administrator's app would show that has not been used yet: the server
 * never accepts a code twice (RFC 6238 §5.2), and accepts the next step's code early, so a
 * second sign-in within 30 seconds uses the next step's code, and a third waits for time to move.
 */
let lastStep = 0;
export async function nextAdminCode(): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / 1000 / 30);
    const step = Math.max(now, lastStep + 1);
    if (step <= now + 1) {
      lastStep = step;
      return generate({ secret: ADMIN_TOTP_SECRET, epoch: step * 30 });
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function signIn(page: Page, role: E2ERole) {
  const account = STAFF_ACCOUNTS.find((a) => a.role === role)!;
  await page.goto("/staff/login");
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (role === "admin") {
    await page.waitForURL(/\/staff\/two-factor/);
    await page.getByLabel("Security code").fill(await nextAdminCode());
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await page.waitForURL(/\/staff(?!\/login|\/two-factor)/);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await page.waitForURL(/\/staff\/login/);
}
