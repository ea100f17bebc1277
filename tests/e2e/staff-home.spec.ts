import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./staff-accounts";

test.describe("the staff home", () => {
  test("an analyst sees each consultation's status, responses by channel, and what needs attention", async ({ page }) => {
    await signIn(page, "analyst");
    await page.goto("/staff");
    const table = page.getByRole("table", { name: "All consultations" });
    await expect(table.getByRole("columnheader")).toHaveText(["Consultation", "Status", "Closes", "Responses", "Online", "Paper", "Event", "Phone"]);
    const precept = table.getByRole("row").filter({ has: page.getByRole("link", { name: "Police precept 2022/23 consultation", exact: true }) });
    const cells = (await precept.getByRole("cell").allInnerTexts()).map((t) => t.trim());
    const [total, ...channels] = cells.slice(3).map((t) => Number(t.replace(/,/g, "")));
    expect(total).toBeGreaterThanOrEqual(500);
    // The channels add up to the total, and this one had paper responses as well as online.
    expect(channels.reduce((a, b) => a + b, 0)).toBe(total);
    expect(channels[1]).toBeGreaterThan(0);

    // Every closed consultation without published results is listed as needing attention, and the
    // one that is forthcoming in forty days is not.
    const attention = page.getByRole("list", { name: "Needs attention" });
    const closed = await table.getByRole("row").filter({ hasText: /Closed/ }).getByRole("link").allInnerTexts();
    expect(closed.length).toBeGreaterThan(0);
    for (const title of closed) await expect(attention.getByRole("listitem").filter({ hasText: title })).toContainText("Closed: results not yet published");
    await expect(attention).not.toContainText("Rural crime consultation");
    await expectNoAxeViolations(page);
  });

  test("an editor in the builder is warned before the idle timeout and can stay signed in", async ({ page }) => {
    await page.clock.install();
    await signIn(page, "editor");
    await page.goto("/staff");
    await page.getByRole("table", { name: "All consultations" }).getByRole("link", { name: "Police precept 2027/28 consultation", exact: true }).click();
    await page.getByRole("link", { name: /Edit questions/ }).click();
    await expect(page.getByText("For security you are signed out after 30 minutes")).toBeVisible();
    await page.clock.fastForward("25:30");
    const warning = page.getByRole("alert").filter({ hasText: "You will be signed out in 5 minutes" });
    await expect(warning).toBeVisible();
    await expectNoAxeViolations(page);
    await warning.getByRole("button", { name: "Stay signed in" }).click();
    await expect(warning).toHaveCount(0);
    await expect(page.getByText("For security you are signed out after 30 minutes")).toBeVisible();
  });
});
