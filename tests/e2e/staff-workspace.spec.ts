import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { signIn, signOut } from "./staff-accounts";

/**
 * The staff workspace as staff use it: an editor creates a consultation from the precept template
 * and opens it, a resident answers it, the editor types in two paper-channel responses, an analyst
 * sees the three with the channel breakdown but cannot reach the builder, and an administrator
 * finds each of those actions in the audit trail. Every staff page visited is scanned by axe.
 */

const run = Date.now().toString(36);
const TITLE = `E2E precept consultation ${run}`;
const SLUG = `e2e-precept-${run}`;
let consultationUrl = "";

/** A closing date a month ahead, as UK day/month/year. */
function monthAhead() {
  const d = new Date(Date.now() + 30 * 86_400_000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
}

async function fillDate(page: Page | Locator, legend: string | RegExp, date: { day: string; month: string; year: string }, time = "17:00") {
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(date.day);
  await group.getByLabel("Month").fill(date.month);
  await group.getByLabel("Year").fill(date.year);
  await group.getByLabel("Time (24-hour)").fill(time);
}

/** Answers the precept template's four pages (as the resident journey does) and returns at check answers. */
async function answerPrecept(page: Page, scan: boolean) {
  await expect(page.getByText("Section 1 of 4")).toBeVisible();
  await page.getByLabel("Neighbourhood Policing").check();
  await page.getByLabel("High priority").check();
  if (scan) await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Section 2 of 4")).toBeVisible();
  await page.getByLabel("I support this increase").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Section 3 of 4")).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Section 4 of 4")).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
}

test.describe.serial("staff workspace", () => {
  // Each page is scanned at two widths.
  test.describe.configure({ timeout: 180_000 });
  test("an editor creates a consultation from the precept template and opens it", async ({ page }) => {
    await signIn(page, "editor");
    await page.getByRole("link", { name: "Create a consultation" }).click();
    await expect(page.getByRole("heading", { name: "New consultation" })).toBeVisible();
    await expectNoAxeViolations(page);

    // Nothing filled in: the error summary names each problem and nothing is created.
    await page.getByRole("button", { name: "Create draft" }).click();
    await expect(page).toHaveTitle(/^Error: New consultation/);
    await expect(page.locator(".govuk-error-summary")).toContainText("Enter a title");
    await expect(page.locator(".govuk-error-summary")).toContainText("Enter a web address of lower-case letters");
    // A precept consultation asks for this year's figures rather than starting from an old year's.
    await expect(page.locator(".govuk-error-summary")).toContainText("Enter this year's Band D precept");
    await expect(page.locator(".govuk-error-summary")).toContainText("Enter the proposed Band D increase");
    await expect(page.locator(".govuk-error-summary")).toContainText("Enter the referendum limit for the year");
    await expectNoAxeViolations(page);

    await page.getByLabel("Precept consultation").first().check();
    await page.getByLabel("This year's Band D precept").fill("290.24");
    await page.getByLabel("Proposed increase", { exact: true }).fill("£14");
    await page.getByLabel("Referendum limit for the year").fill("14");
    await page.getByLabel("Title").fill(TITLE);
    await page.getByLabel("Summary").fill("How much should you pay towards policing next year?");
    await page.getByLabel("Web address").fill(SLUG);
    await fillDate(page, /Closing date/, monthAhead());
    await page.getByRole("button", { name: "Create draft" }).click();

    await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    await expect(page.getByText("The consultation has been created as a draft.")).toBeVisible();
    await expect(page.locator(".govuk-summary-list .govuk-tag")).toHaveText("Draft");
    consultationUrl = new URL(page.url()).pathname;
    await expectNoAxeViolations(page);

    // The closing date is shown with its time zone (GMT or BST).
    await expect(page.locator(".govuk-summary-list")).toContainText(/5:00pm (GMT|BST) on/);
    // Opening is public: first an "Are you sure?" page with the check before opening.
    await page.getByRole("button", { name: "Open now" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Are you sure you want to open "${TITLE}" now?` })).toBeVisible();
    await expect(page.locator(".app-check-summary")).toContainText(/For \d{4}\/\d{2}: Band D now £290\.24 a year; referendum limit £14\.00\./);
    await expect(page.locator(".app-check-summary")).toContainText("An increase of £14.00 a year for a Band D home: £14.00 a year at Band D (4.8%)");
    await expectNoAxeViolations(page);
    // Going back changes nothing.
    await page.getByRole("link", { name: "No, go back", exact: true }).click();
    await expect(page.locator(".govuk-summary-list .govuk-tag")).toHaveText("Draft");
    await page.getByRole("button", { name: "Open now" }).click();
    await page.getByRole("button", { name: "Yes, open it now" }).click();
    await expect(page.getByText("The consultation is open.")).toBeVisible();
    await expect(page.locator(".govuk-summary-list .govuk-tag")).toHaveText("Open");
    await expect(page.locator(".govuk-summary-list")).toContainText("Version 1 is what residents see.");
    await expectNoAxeViolations(page);
  });

  test("a resident answers it", async ({ page }) => {
    await page.goto(`/consultations/${SLUG}`);
    await page.getByRole("button", { name: "Start now" }).click();
    await answerPrecept(page, false);
    await page.getByRole("button", { name: "Submit your response" }).click();
    await expect(page).toHaveURL(new RegExp(`/consultations/${SLUG}/done`));
  });

  test("the editor enters two responses received on paper and at an event", async ({ page }) => {
    await signIn(page, "editor");
    await page.goto(consultationUrl);
    await page.getByRole("link", { name: "Enter paper, event and phone responses" }).click();
    await expect(page.getByRole("table", { name: "Running tally of responses counted" })).toBeVisible();
    await expectNoAxeViolations(page);

    // Choosing no channel is an error.
    await page.getByRole("button", { name: "Start entering a response" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText("Select how the response was received");
    await expectNoAxeViolations(page);

    for (const [i, channel] of [/On paper/, /At an event/].entries()) {
      await page.getByLabel(channel).check();
      await page.getByRole("button", { name: i === 0 ? "Start entering a response" : "Enter the next response" }).click();
      await expect(page.getByText("Section 1 of 4")).toBeVisible();
      // The same validation as online.
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page.locator(".govuk-error-summary")).toContainText("Select which of these you would like to see investment in");
      if (i === 0) await expectNoAxeViolations(page);
      await answerPrecept(page, i === 0);
      await expect(page.getByRole("heading", { name: "Check answers" })).toBeVisible();
      if (i === 0) await expectNoAxeViolations(page);
      await page.getByRole("button", { name: i === 0 ? "Submit paper response" : "Submit event response" }).click();
      await expect(page.getByText(`The ${i === 0 ? "paper" : "event"} response has been recorded and counted.`)).toBeVisible();
    }
    const tally = page.getByRole("table", { name: "Running tally of responses counted" });
    await expect(tally.getByRole("row").nth(1)).toHaveText(/^1\s*1\s*1\s*0$/);
  });

  test("an analyst sees the three responses by channel and cannot open the builder", async ({ page }) => {
    await signIn(page, "analyst");
    await page.goto("/staff");
    await page.getByRole("table", { name: "All consultations" }).getByRole("link", { name: TITLE }).click();
    const table = page.getByRole("table", { name: "Responses counted, by channel" });
    await expect(table.getByRole("row", { name: /^Online 1$/ })).toBeVisible();
    await expect(table.getByRole("row", { name: /^Paper 1$/ })).toBeVisible();
    await expect(table.getByRole("row", { name: /^Event 1$/ })).toBeVisible();
    await expect(table.getByRole("row", { name: /^Phone 0$/ })).toBeVisible();
    await expect(table.getByRole("row", { name: /^All channels 3$/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "Results" })).toBeVisible();
    // No editing links or lifecycle buttons for an analyst.
    await expect(page.getByRole("link", { name: /Edit questions/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Close now" })).toHaveCount(0);
    await expectNoAxeViolations(page);

    const builder = await page.goto(`${consultationUrl}/definition`);
    expect(builder?.status()).toBe(403);
    const paper = await page.goto(`${consultationUrl}/paper`);
    expect(paper?.status()).toBe(403);
    // A forged POST with the analyst's own valid CSRF token is still refused on role.
    await page.goto(consultationUrl);
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const status = await page.evaluate(
      ([url, token]) => fetch(url, { method: "POST", body: new URLSearchParams({ _csrf: token, intent: "close" }) }).then((r) => r.status),
      [consultationUrl, csrf],
    );
    expect(status).toBe(403);
    await page.reload();
    await expect(page.locator(".govuk-summary-list .govuk-tag")).toHaveText("Open");
  });

  test("publishing a change over responses warns what it does", async ({ page }) => {
    await signIn(page, "editor");
    await page.goto(`${consultationUrl}/definition`);
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Edit question Which of these would you like to see investment in?" }).click();
    await expect(page.getByRole("heading", { name: "Edit question" })).toBeVisible();
    // Published ids are fixed.
    await expect(page.getByLabel("Question ID")).toHaveAttribute("readonly", "");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Delete option 4" }).click();
    await expect(page.getByText("Not saved yet")).toBeVisible();
    await page.getByRole("button", { name: "Save question" }).click();
    await expect(page.getByText("Saved to the working copy.")).toBeVisible();

    await expect(page.locator("#changes")).toContainText('the option "Safer roads" is removed: its earlier answers can no longer be compared with new responses.');
    await expect(page.getByText("3 responses have already been given.")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Publish changes as version 2" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText("Confirm that you have read what the changes do");
    await page.getByLabel("I have read what these changes do to the responses already given").check();
    await page.getByRole("button", { name: "Publish changes as version 2" }).click();
    await expect(page.getByText("The changes have been published as a new version.")).toBeVisible();
    await expect(page.locator(".govuk-summary-list")).toContainText("Version 2 is what residents see.");
  });

  test("an administrator sees each of those actions in the audit trail", async ({ page }) => {
    await signIn(page, "admin");
    await page.getByRole("link", { name: "Audit trail" }).click();
    await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel("Consultation").selectOption({ label: TITLE });
    await page.getByRole("button", { name: "Filter" }).click();
    // The filter is a GET form: wait for its page, not the one it replaces.
    await page.waitForURL(/[?&]consultation=/);
    const rows = page.locator(".app-audit-table tbody tr");
    const text = (await rows.allTextContents()).join("\n");
    // Actions in words, not ids.
    for (const action of ["Consultation created", "Consultation opened", "Paper, event or phone responses entered", "Consultation edited", "Changes published as a new version"]) {
      expect(text).toContain(action);
    }
    expect(text).not.toContain("consultation.opened");
    await expect(rows.filter({ hasText: "Paper, event or phone responses entered" })).toHaveCount(2);
    await expect(rows.filter({ hasText: "paper response entered" })).toHaveCount(1);
    await expect(rows.filter({ hasText: "event response entered" })).toHaveCount(1);
    // Who did it, and never what the response said.
    await expect(rows.filter({ hasText: "Consultation opened" })).toContainText("editor@e2e.example");
    expect(text).not.toContain("Neighbourhood Policing");
    await expectNoAxeViolations(page);

    // Filter by person and action: the analyst's sign-in is there.
    await page.goto("/staff/audit");
    await page.getByLabel("Action").selectOption({ label: "Signed in" });
    await page.getByLabel("Who").selectOption("analyst@e2e.example");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/[?&]action=login\.succeeded/);
    await expect(rows.first()).toContainText("analyst@e2e.example");
    expect(new Set(await rows.locator("td:nth-child(3)").allTextContents())).toEqual(new Set(["Signed in"]));
    expect(new Set(await rows.locator("td:nth-child(2)").allTextContents())).toEqual(new Set(["analyst@e2e.example"]));
    // A page number past the end (an old link) shows the last page, with the filters kept.
    await page.goto("/staff/audit?action=login.succeeded&page=999");
    await expect(page.locator(".app-audit-table caption")).toContainText("matching the filters, newest first");
    expect(new Set(await rows.locator("td:nth-child(3)").allTextContents())).toEqual(new Set(["Signed in"]));

    // By date: today's entries, and none from a day long past.
    const today = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" }).formatToParts(new Date());
    const part = (t: string) => today.find((p) => p.type === t)!.value;
    await page.goto("/staff/audit");
    for (const legend of ["From", "To"]) {
      const group = page.getByRole("group", { name: legend });
      await group.getByLabel("Day").fill(part("day"));
      await group.getByLabel("Month").fill(part("month"));
      await group.getByLabel("Year").fill(part("year"));
    }
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.locator(".app-audit-table caption")).toContainText("matching the filters");
    await expect(rows.first()).toBeVisible();
    await page.goto("/staff/audit?from-day=1&from-month=1&from-year=2001&to-day=2&to-month=1&to-year=2001");
    await expect(page.locator(".app-audit-table caption")).toContainText("No entries matching the filters");
    await page.goto("/staff/audit?from-day=31&from-month=2&from-year=2027");
    await expect(page.locator(".govuk-error-summary")).toContainText("The first date must be a real date");
    await expectNoAxeViolations(page);

    // It fits a 1280-pixel screen: nothing scrolls sideways.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/staff/audit");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    const table = await page.locator(".app-audit-table").boundingBox();
    const main = await page.locator("main").boundingBox();
    expect(table!.x + table!.width).toBeLessThanOrEqual(main!.x + main!.width + 1);

    // The CSV download holds the filtered entries, in words, and is itself recorded.
    await page.goto("/staff/audit?action=login.succeeded");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download these entries (CSV)" }).click()]);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.trim().split("\n");
    expect(lines[0]).toContain("when,when_uk,who,action,action_id,consultation,detail");
    expect(lines.slice(1).every((l) => l.includes("Signed in,login.succeeded"))).toBe(true);
    await page.goto("/staff/audit?action=audit.exported");
    await expect(rows.first()).toContainText("Audit trail downloaded");
    await expect(rows.first()).toContainText("action login.succeeded");
    // Read-only: the page has no form that posts.
    await expect(page.locator('form[method="post"]:not([action="/staff/logout"])')).toHaveCount(0);
  });

  test("an administrator adds, promotes and removes staff, but never the last administrator", async ({ page }) => {
    await signIn(page, "admin");
    await page.getByRole("link", { name: "Staff accounts" }).click();
    await expectNoAxeViolations(page);
    const email = `new-${run}@e2e.example`;
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("radio", { name: "Editor" }).check();
    await page.getByLabel("Initial password").fill("password1234");
    await page.getByRole("button", { name: "Add staff member" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText("Password is too common");
    await expect(page).toHaveTitle(/^Error: Staff accounts/);
    await expectNoAxeViolations(page);
    await page.getByLabel("Initial password").fill("correct horse battery staple");
    await page.getByRole("button", { name: "Add staff member" }).click();
    await expect(page.getByText("The staff member has been added.")).toBeVisible();

    // The only administrator cannot demote themselves.
    await page.getByLabel("Role of admin@e2e.example").selectOption("analyst");
    await page.getByRole("button", { name: "Change role of admin@e2e.example" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText("This is the only administrator");

    await page.getByLabel(`Role of ${email}`).selectOption("admin");
    await page.getByRole("button", { name: `Change role of ${email}` }).click();
    await expect(page.getByText("The role has been changed.")).toBeVisible();
    // Removing someone asks first; "No" keeps them.
    await page.getByRole("button", { name: `Remove ${email}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Are you sure you want to remove ${email}?`);
    await expect(page).toHaveTitle(/^Are you sure\?/);
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "No, keep it" }).click();
    await expect(page.getByRole("row", { name: new RegExp(email) })).toHaveCount(1);
    await page.getByRole("button", { name: `Remove ${email}` }).click();
    await page.getByRole("button", { name: "Yes, remove the account" }).click();
    await expect(page.getByText("The account has been removed and signed out.")).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(email) })).toHaveCount(0);

    await page.goto("/staff/audit?action=staff.role_changed");
    await expect(page.locator(".app-audit-table")).toContainText(`${email} changed from editor to administrator`);
    await signOut(page);
  });

  test("builder errors name the question, in the error summary", async ({ page }) => {
    await signIn(page, "editor");
    await page.goto(`${consultationUrl}/definition`);
    // A new question that reuses an id.
    await page.getByText("Add a question to this page").first().click();
    await page.getByLabel("Type").first().selectOption("single_choice");
    await page.getByLabel("Question", { exact: true }).first().fill("Do you feel safe where you live?");
    await page.getByLabel("Question ID (optional)").first().fill("investment");
    await page.getByRole("button", { name: /^Add question to page What matters most/ }).click();
    await expect(page).toHaveTitle(/^Error: Builder/);
    await expect(page.locator(".govuk-error-summary")).toContainText('"investment" is already used by another question');
    await expectNoAxeViolations(page);
    await page.getByLabel("Question ID (optional)").first().fill("feel_safe");
    await page.getByRole("button", { name: /^Add question to page What matters most/ }).click();
    await expect(page.getByText("Saved to the working copy.")).toBeVisible();

    await page.getByRole("link", { name: "Edit question Do you feel safe where you live?" }).click();
    await page.getByLabel("Label").nth(1).fill("");
    await page.getByLabel("ID").nth(2).fill("yes");
    await page.getByRole("button", { name: "Save question" }).click();
    await expect(page).toHaveTitle(/^Error: Edit question/);
    const summary = page.locator(".govuk-error-summary");
    await expect(summary).toContainText('Question "Do you feel safe where you live?" (feel_safe), option 2 (label):');
    await expect(summary).toContainText('Question "Do you feel safe where you live?" (feel_safe), option 2 (ID): "yes" is used twice in this question');
    // The summary links to the field, and what was typed is kept.
    await summary.getByRole("link", { name: /option 2 \(label\)/ }).click();
    await expect(page).toHaveURL(/#options-1-label$/);
    await expect(page.getByLabel("ID").nth(2)).toHaveValue("yes");
    await expectNoAxeViolations(page);

    // The page editor, with a routing condition that names an answer the question does not have.
    await page.goto(`${consultationUrl}/definition`);
    await page.getByRole("link", { name: "Edit page Anything else" }).click();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Add a condition" }).click();
    await page.getByLabel("Earlier question").selectOption({ label: "How much of a priority should tackling anti-social behaviour be?" });
    await page.getByRole("button", { name: "Save page" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText('Page "Anything else", condition 1 (condition\'s values): Tick at least one answer');
    // Its answers to tick, labelled, with the condition in words once one is ticked.
    await page.getByRole("button", { name: "Show its answers for condition 1" }).click();
    await page.getByRole("checkbox", { name: "High priority" }).check();
    await page.getByRole("button", { name: "Show its answers for condition 1" }).click();
    await expect(page.locator(".app-condition-words")).toHaveText('Shown if "How much of a priority should tackling anti-social behaviour be?" is "High priority"');
    await expectNoAxeViolations(page);

    // Title, summary and dates: an impossible date is refused with a clear message.
    await page.goto(`${consultationUrl}/edit`);
    await expectNoAxeViolations(page);
    await page.getByRole("group", { name: "Closing date" }).getByLabel("Day").fill("31");
    await page.getByRole("group", { name: "Closing date" }).getByLabel("Month").fill("2");
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText("The closing date must be a real date");
    await expectNoAxeViolations(page);

    // Deleting the only question on a page is refused, naming it.
    await page.goto(`${consultationUrl}/definition`);
    await page.getByRole("button", { name: "Delete question Is there anything else you would like to tell the Commissioner about policing where you live?" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText("is the only one on page \"Anything else\"; delete the page instead");
    await expectNoAxeViolations(page);

    // Import: a broken definition is refused with the question named; the export downloads.
    await page.goto(`${consultationUrl}/definition`);
    const exported = await page.evaluate((url) => fetch(url).then(async (r) => ({ type: r.headers.get("content-disposition"), body: await r.text() })), `${consultationUrl}/definition.json`);
    expect(exported.type).toBe('attachment; filename="definition.json"');
    const def = JSON.parse(exported.body);
    expect(def.pages[0].questions.map((q: { id: string }) => q.id)).toContain("feel_safe");
    await page.getByRole("link", { name: /Import a definition/ }).click();
    await expectNoAxeViolations(page);
    def.pages[1].questions[0].referendumLimit = 1;
    await page.getByLabel("Or paste the JSON").fill(JSON.stringify(def));
    await page.getByRole("button", { name: "Import into the working copy" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText('Question "Would you support this increase in the policing precept?" (precept_support), proposal 1 (increase):');
    await expectNoAxeViolations(page);
    def.pages[1].questions[0].referendumLimit = 100;
    def.pages[1].title = "Your council tax";
    await page.getByLabel("Or paste the JSON").fill(JSON.stringify(def));
    await page.getByRole("button", { name: "Import into the working copy" }).click();
    await expect(page.getByText("Saved to the working copy.")).toBeVisible();
    await expect(page.getByRole("heading", { name: /Your council tax/ })).toBeVisible();
  });

  test("preview shows the working copy and records nothing", async ({ page }) => {
    await signIn(page, "editor");
    await page.goto(consultationUrl);
    const before = await page.getByRole("table", { name: "Responses counted, by channel" }).textContent();
    await page.getByRole("link", { name: "Preview as a resident will see it" }).click();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Start the preview" }).click();
    // The unpublished question added above is in the preview.
    await expect(page.getByText("Do you feel safe where you live?")).toBeVisible();
    await expect(page.getByText("Nothing you enter is recorded.")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel("Neighbourhood Policing").check();
    await page.getByLabel("High priority").check();
    await page.getByLabel("Yes").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "Your council tax" })).toBeVisible();
    await page.getByLabel("I support this increase").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText("Section 3 of 4")).toBeVisible();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText("Section 4 of 4")).toBeVisible();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "Check answers" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Submit/ })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.goto(consultationUrl);
    expect(await page.getByRole("table", { name: "Responses counted, by channel" }).textContent()).toBe(before);
  });

  test("an editor closes early, publishes results with what we did, unpublishes and reopens", async ({ page }) => {
    await signIn(page, "editor");
    await page.goto(consultationUrl);
    const status = page.locator(".govuk-summary-list .govuk-tag");
    await page.getByRole("button", { name: "Close now" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Are you sure you want to close/ })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Yes, close it now" }).click();
    await expect(page.getByText("The consultation is closed.")).toBeVisible();
    await expect(status).toHaveText("Closed");
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Publish results" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText("Enter what the Commissioner did with the results");
    await page.getByLabel("What we did").fill("The Commissioner set the precept at the proposed level and put more officers into neighbourhood teams.");
    await page.getByRole("button", { name: "Publish results" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Are you sure you want to publish the results/ })).toBeVisible();
    await page.getByRole("button", { name: "Yes, publish the results" }).click();
    await expect(page.getByText("The results are published.")).toBeVisible();
    await expect(status).toHaveText("Results published");
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Unpublish results" }).click();
    await page.getByRole("button", { name: "Yes, unpublish the results" }).click();
    await expect(status).toHaveText("Closed");
    // Papers arrive late: entry stays open after closing.
    await expect(page.getByRole("link", { name: "Enter paper, event and phone responses" })).toBeVisible();

    const until = new Date(Date.now() + 10 * 86_400_000);
    const reopen = page.locator("form").filter({ has: page.getByRole("button", { name: "Reopen" }) });
    await fillDate(reopen, "New closing date", { day: String(until.getUTCDate()), month: String(until.getUTCMonth() + 1), year: String(until.getUTCFullYear()) }, "23:59");
    await page.getByRole("button", { name: "Reopen" }).click();
    await expect(page.getByText("The closing date has been changed.")).toBeVisible();
    await expect(status).toHaveText("Open");

    await signOut(page);
    await signIn(page, "admin");
    await page.goto(`/staff/audit?consultation=${consultationUrl.split("/").pop()}`);
    const table = page.locator(".app-audit-table");
    for (const action of ["Consultation closed", "Results published", "Results unpublished", "Closing date changed"]) await expect(table).toContainText(action);
  });
});

test.describe("the builder without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an editor builds a consultation with pages, options, ordering and routing, then previews it", async ({ page }) => {
    // A long story in one test (build, route, delete, preview, schedule): room for a loaded machine.
    test.setTimeout(180_000);
    await signIn(page, "editor");
    await page.goto("/staff/consultations/new");
    await page.getByLabel("Blank").check();
    await page.getByLabel("Title").fill(`No-JS survey ${run}`);
    await page.getByLabel("Summary").fill("Built without JavaScript.");
    await page.getByLabel("Survey", { exact: true }).check();
    await page.getByLabel("Web address").fill(`no-js-${run}`);
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.getByRole("link", { name: "Edit questions (builder)" }).click();

    // Page 2 with a multiple-choice question, placed before page 1.
    await page.getByLabel("Page title").fill("Your area");
    await page.getByLabel("First question's type").selectOption("multiple_choice");
    await page.getByLabel("First question", { exact: true }).fill("What worries you most?");
    await page.getByLabel("First question's ID (optional)").fill("worries");
    await page.getByRole("button", { name: "Add page" }).click();
    await expect(page.getByText("Saved to the working copy.")).toBeVisible();
    await page.getByRole("button", { name: "Move up page Your area" }).click();
    await expect(page.locator(".app-builder-page h2").first()).toContainText("Your area");

    // Options: rename, add one, make it exclusive, move it up, then save.
    await page.getByRole("link", { name: "Edit question What worries you most?" }).click();
    await page.getByLabel("Label").nth(0).fill("Speeding");
    await page.getByLabel("ID").nth(1).fill("speeding");
    await page.getByRole("button", { name: "Add an option" }).click();
    await expect(page.getByText("Not saved yet")).toBeVisible();
    await expect(page.getByLabel("Label").nth(0)).toHaveValue("Speeding");
    await page.getByLabel("Label").nth(2).fill("Nothing worries me");
    await page.getByLabel("ID").nth(3).fill("nothing");
    await page.getByLabel(/Exclusive/).nth(2).check();
    await page.getByRole("button", { name: "Move up option 3" }).click();
    await expect(page.getByLabel("Label").nth(1)).toHaveValue("Nothing worries me");
    await page.getByRole("button", { name: "Move down option 2" }).click();
    await page.getByLabel("Maximum selections (optional)").fill("2");
    await page.getByRole("button", { name: "Save question" }).click();
    await expect(page.getByText("Saved to the working copy.")).toBeVisible();

    // Deleting a question asks first ("Are you sure?"), without JavaScript too.
    const area = page.locator(".app-builder-page").first();
    await area.locator("summary").filter({ hasText: "Add a question to this page" }).click();
    await area.getByLabel("Question", { exact: true }).fill("A question to delete");
    await area.getByRole("button", { name: /Add question/ }).click();
    await expect(page.getByText("Saved to the working copy.")).toBeVisible();
    await page.getByRole("button", { name: "Delete question A question to delete" }).click();
    await expect(page.getByRole("heading", { level: 1, name: 'Are you sure you want to delete the question "A question to delete"?' })).toBeVisible();
    await page.getByRole("link", { name: "No, keep it" }).click();
    await expect(page.getByText("A question to delete", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Delete question A question to delete" }).click();
    await page.getByRole("button", { name: "Yes, delete it" }).click();
    await expect(page.getByText("Saved to the working copy.")).toBeVisible();
    await expect(page.getByText("A question to delete", { exact: true })).toHaveCount(0);

    // Routing: the free-text page shows only to people who chose "Speeding".
    await page.getByRole("link", { name: "Edit page Your views" }).click();
    // Choose the earlier question, then tick its answers: no ids to type, no JavaScript needed.
    await page.getByRole("button", { name: "Add a condition" }).click();
    await page.getByLabel("Earlier question").selectOption({ label: "What worries you most?" });
    await page.getByRole("button", { name: "Show its answers for condition 1" }).click();
    await expect(page.getByText("Not saved yet")).toBeVisible();
    await page.getByLabel("The answer").selectOption("any_of");
    await page.getByRole("button", { name: "Save page" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText('Page "Your views", condition 1 (condition\'s values): Tick at least one answer');
    await page.getByRole("checkbox", { name: "Speeding" }).check();
    await page.getByRole("button", { name: "Show its answers for condition 1" }).click();
    // The condition in words.
    await expect(page.locator(".app-condition-words")).toHaveText('Shown if "What worries you most?" includes "Speeding"');
    await page.getByRole("button", { name: "Save page" }).click();
    await expect(page.getByText("Saved to the working copy.")).toBeVisible();
    await expect(page.locator(".app-builder-page").nth(1)).toContainText('Shown if "What worries you most?" includes "Speeding"');
    // IDs only when asked for.
    await expect(page.locator(".app-builder-page code")).toHaveCount(0);
    await page.getByRole("link", { name: "Show IDs" }).click();
    await expect(page.locator(".app-builder-page").first().locator("code").first()).toBeVisible();

    // Preview with JavaScript off: choosing "Nothing worries me" routes around the free-text page.
    await page.getByRole("link", { name: "Preview the working copy" }).click();
    await page.getByRole("button", { name: "Start the preview" }).click();
    // The routed page is not counted until an answer leads to it.
    await expect(page.getByText("Section 1 of 1")).toBeVisible();
    await page.getByLabel("Nothing worries me").check();
    await page.getByLabel("Speeding").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.locator(".govuk-error-summary")).toBeVisible();
    await page.getByLabel("Nothing worries me").uncheck();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "Your views" })).toBeVisible();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "Check answers" })).toBeVisible();
    await expect(page.getByText("Speeding")).toBeVisible();

    // Schedule it for the future: it becomes forthcoming, with version 1 published.
    await page.goto("/staff");
    await page.getByRole("table", { name: "All consultations" }).getByRole("link", { name: `No-JS survey ${run}` }).click();
    const schedule = page.locator("form").filter({ has: page.getByRole("button", { name: "Schedule" }) });
    await fillDate(schedule, "Opening date", monthAhead(), "09:00");
    const closes = new Date(Date.now() + 60 * 86_400_000);
    await fillDate(schedule, "Closing date", { day: String(closes.getUTCDate()), month: String(closes.getUTCMonth() + 1), year: String(closes.getUTCFullYear()) }, "17:00");
    await page.getByRole("button", { name: "Schedule" }).click();
    await page.getByRole("button", { name: "Yes, schedule it" }).click();
    await expect(page.getByText("The consultation is scheduled.")).toBeVisible();
    await expect(page.locator(".govuk-summary-list .govuk-tag")).toHaveText("Forthcoming");
  });
});

test("the builder warns about a page that asks too much for a phone", async ({ page }) => {
  await signIn(page, "editor");
  await page.getByRole("table", { name: "All consultations" }).getByRole("link", { name: "All question types (test)", exact: true }).click();
  await page.getByRole("link", { name: /^Edit questions \(builder\)/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Questions" })).toBeVisible();
  // Its "about you" page asks 7 things (a postcode, a number and five "about you" items); no other page asks more than 6.
  const warnings = page.locator(".app-builder-page .govuk-warning-text");
  await expect(warnings).toHaveCount(1);
  await expect(page.locator(".app-builder-page", { has: page.getByRole("heading", { name: /About you/ }) }).locator(".govuk-warning-text")).toContainText(
    "This page asks 7 questions",
  );
  await expectNoAxeViolations(page);
  // The shipped Police and Crime Survey is split so that none of its pages does.
  await page.goto("/staff");
  await page.getByRole("table", { name: "All consultations" }).getByRole("link", { name: "Police and Crime Survey 2026", exact: true }).click();
  await page.getByRole("link", { name: /^Edit questions \(builder\)/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Questions" })).toBeVisible();
  await expect(page.locator(".app-builder-page")).toHaveCount(9);
  await expect(warnings).toHaveCount(0);
});
