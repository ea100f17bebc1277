import type { Page } from "@playwright/test";

// Created by tests/e2e/server.ts on the throwaway e2e database only.
export const STAFF_ACCOUNTS = [
  { email: "admin@e2e.example", password: "e2e admin long password", role: "admin" },
  { email: "editor@e2e.example", password: "e2e editor long password", role: "editor" },
  { email: "analyst@e2e.example", password: "e2e analyst long password", role: "analyst" },
] as const;

export type E2ERole = (typeof STAFF_ACCOUNTS)[number]["role"];

export async function signIn(page: Page, role: E2ERole) {
  const account = STAFF_ACCOUNTS.find((a) => a.role === role)!;
  await page.goto("/staff/login");
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/staff(?!\/login)/);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/staff\/login/);
}
