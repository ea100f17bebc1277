import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import SQLite from "better-sqlite3";
import { expectNoAxeViolations } from "./axe";
import { headingsAtFoot, printToPdf, readPdf } from "./pdf";
import { signIn } from "./staff-accounts";

/**
 * Paper, out: an editor prints the questionnaire made from the definition, with the return
 * address they set, and the PDF Chromium prints holds the questions, the routing in words, the
 * precept band table and the privacy notice, numbered pages, and no site chrome.
 */

async function openConsultation(page: Page, title: string) {
  await page.goto("/staff");
  await page.getByRole("table", { name: "All consultations" }).getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

const headingTexts = (page: Page) => page.locator(".app-questionnaire").locator("h1, h2, h3").allInnerTexts();

test.describe("the paper questionnaire", () => {
  test("an editor sets the return address and prints the survey, routing in words", async ({ page }) => {
    await signIn(page, "editor");
    await openConsultation(page, "Police and Crime Survey 2026");
    await page.getByRole("link", { name: "Print the paper questionnaire" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Police and Crime Survey 2026" })).toBeVisible();
    await expect(page.getByText("Set the return address before printing")).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Save the return address" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText("Enter the address completed forms go back to");
    await expectNoAxeViolations(page);
    await page.getByLabel("Return address").fill("Freepost YOUR SAY\nOffice of the Police and Crime Commissioner\nDurham DH1 5TT");
    await page.getByRole("button", { name: "Save the return address" }).click();
    await expect(page.getByText("The return address has been saved.")).toBeVisible();

    // Routing as instructions, numbered through the form.
    const q3 = page.locator("#question-3");
    await expect(q3).toContainText("Have you been a victim of crime in the last 12 months?");
    await expect(q3).toContainText("No → Go to question 6");
    await expect(q3.locator(".app-questionnaire__routing")).toHaveText("If No, go to question 6. If Prefer not to say, go to question 6.");
    await expect(page.getByText('Answer this section only if you answered "Yes" at question 3.')).toBeVisible();

    const pdf = await readPdf(await printToPdf(page));
    const text = pdf.map((lines) => lines.map((l) => l.text).join("\n"));
    expect(pdf.length).toBeGreaterThanOrEqual(3);
    // Every page numbered "Page n of N".
    text.forEach((t, i) => expect(t).toContain(`Page ${i + 1} of ${pdf.length}`));
    const all = text.join("\n");
    expect(all).toContain("If No, go to question 6.");
    expect(all).toContain("How we use your answers");
    expect(all).toContain("Freepost YOUR SAY");
    // No staff chrome, no site header or footer, and nothing of the settings form.
    for (const chrome of ["Signed in as", "Sign out", "Back to the consultation", "Save the return address", "Accessibility statement", "Set the return address"]) expect(all).not.toContain(chrome);
    // No heading left alone at the foot of a page.
    expect(headingsAtFoot(pdf, await headingTexts(page))).toEqual([]);
  });

  test("the precept questionnaire prints the band table for the proposal", async ({ page }) => {
    await signIn(page, "editor");
    await openConsultation(page, "Police precept 2027/28 consultation");
    await page.getByRole("link", { name: "Print the paper questionnaire" }).click();
    await expect(page.getByRole("table", { name: "What this means for each council tax band" })).toBeVisible();
    await expectNoAxeViolations(page);
    const pdf = await readPdf(await printToPdf(page));
    const all = pdf.flat().map((l) => l.text).join("\n");
    expect(all).toContain("A Band D home currently pays £290.24 a year for policing.");
    // Band A: 6/9 of a £14 Band D rise is £9.33 a year; Band H, twice Band D, £28.00.
    expect(all).toMatch(/A £193\.49 £9\.33 18p £202\.83/);
    expect(all).toMatch(/H £580\.48 £28\.00 54p £608\.48/);
    // The answer grid's columns (the header wraps "Don't know" round the others).
    expect(all).toContain("Support Oppose");
    expect(headingsAtFoot(pdf, await headingTexts(page))).toEqual([]);
  });
});

/** The paper responses stored for a consultation, newest last, read straight from this server's SQLite file. */
function paperResponses(slug: string): Record<string, unknown>[] {
  const file = fs.readFileSync(path.join(os.tmpdir(), `yoursay-e2e-${process.env.E2E_PORT ?? "3100"}.db-path`), "utf8");
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare("SELECT r.answers_json FROM responses r JOIN consultations c ON c.id = r.consultation_id WHERE c.slug = ? AND r.channel = 'paper' ORDER BY r.rowid")
      .all(slug) as { answers_json: string }[];
    return rows.map((r) => JSON.parse(r.answers_json));
  } finally {
    db.close();
  }
}

test.describe("paper, in", () => {
  test('an editor records questions left blank as "Not answered", and the channel is kept for the next form', async ({ page }) => {
    const before = paperResponses("police-precept-2027-28").length;
    await signIn(page, "editor");
    await openConsultation(page, "Police precept 2027/28 consultation");
    await page.getByRole("link", { name: "Enter paper, event and phone responses" }).click();
    await page.getByLabel("On paper").check();
    await page.getByRole("button", { name: "Start entering a response" }).click();

    // The form left the first question blank and answered the second.
    await expect(page.getByText("Section 1 of 4")).toBeVisible();
    await page.getByLabel("High priority").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText("Select which of these you would like to see investment in");
    // Each question has its own box, described by the question it is about.
    const box = page.getByRole("checkbox", { name: "Not answered on the form" }).first();
    await expect(box).toHaveAccessibleDescription("About: Which of these would you like to see investment in?");
    await box.check();
    await expectNoAxeViolations(page);
    // Both an answer and "Not answered" is refused: nothing is recorded that the form did not say.
    await page.getByLabel("Neighbourhood Policing").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText("is marked as not answered but has an answer too");
    await page.getByLabel("Neighbourhood Policing").uncheck();
    await page.getByRole("button", { name: "Continue" }).click();

    await expect(page.getByText("Section 2 of 4")).toBeVisible();
    await page.getByRole("checkbox", { name: /^Not answered, or only partly answered, on the form/ }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText("Section 3 of 4")).toBeVisible();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText("Section 4 of 4")).toBeVisible();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "Check answers" })).toBeVisible();
    const investment = page.locator(".govuk-summary-list__row").filter({ hasText: "Which of these would you like to see investment in?" });
    await expect(investment.locator(".govuk-summary-list__value")).toHaveText("Not answered");
    await page.getByRole("button", { name: "Submit paper response" }).click();
    await expect(page.getByText("The paper response has been recorded and counted.")).toBeVisible();
    // The next form is on paper too unless changed.
    await expect(page.getByLabel("On paper")).toBeChecked();
    await expectNoAxeViolations(page);

    const stored = paperResponses("police-precept-2027-28");
    expect(stored).toHaveLength(before + 1);
    const answers = stored[stored.length - 1];
    expect(Object.keys(answers).sort()).toEqual(["asb_priority"]);
    expect(answers.asb_priority).toEqual({ type: "scale", option: "high" });
  });

  test("an editor imports a spreadsheet of paper responses: all or nothing, with line numbers", async ({ page }) => {
    await signIn(page, "editor");
    await openConsultation(page, "Police precept 2027/28 consultation");
    await page.getByRole("link", { name: "Enter paper, event and phone responses" }).click();
    const tally = () => page.getByRole("table", { name: "Running tally of responses counted" }).getByRole("row").nth(1).innerText();
    const before = await tally();
    await page.getByRole("link", { name: "Import responses from a spreadsheet (CSV)" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Import paper, event and phone responses" })).toBeVisible();
    await expectNoAxeViolations(page);

    const header = "channel,investment.neighbourhood_policing,investment.more_officers,asb_priority,precept_support.increase_14";
    const bad = `${header}\npaper,1,0,High priority,Support\nphone,1,1,urgent,Oppose\n`;
    await page.getByLabel("CSV file of responses").setInputFiles({ name: "responses.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
    await page.getByRole("button", { name: "Import responses" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText('Line 3: "urgent" is not an answer to "How much of a priority should tackling anti-social behaviour be?"');
    await expect(page).toHaveTitle(/^Error: Import responses/);
    await expectNoAxeViolations(page);

    const good = `\uFEFF${header}\npaper,1,0,High priority,Support\nphone,1,1,low,Not answered\n`;
    await page.getByLabel("CSV file of responses").setInputFiles({ name: "responses.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
    await page.getByRole("button", { name: "Import responses" }).click();
    await expect(page.getByText("2 responses have been imported and counted.")).toBeVisible();
    // Nothing from the refused file; both of the accepted one, each on its channel.
    const [online, paperBefore, event, phoneBefore] = before.split(/\s+/).map((n) => Number(n.replace(/,/g, "")));
    expect((await tally()).split(/\s+/).map((n) => Number(n.replace(/,/g, "")))).toEqual([online, paperBefore + 1, event, phoneBefore + 1]);
  });
});
