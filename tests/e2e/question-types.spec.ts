import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { expectFitsEveryWidth, expectNoAxeViolations } from "./axe";

/**
 * A new resident answers tests/fixtures/all-question-types.json (loaded by tests/e2e/server.ts)
 * on a 320px-wide phone, with JavaScript off and on: every question type, every error message,
 * the victim → reported → why not branch taken and then undone, check your answers, submit, and
 * what ends up stored.
 */

const SLUG = "all-question-types";
const WIDTH = 320;

/** This server's SQLite file (tests/e2e/server.ts writes where it is), opened read-only. */
function storedResponses(): { id: string; answers: Record<string, unknown>; questions: string[] }[] {
  const file = fs.readFileSync(path.join(os.tmpdir(), `yoursay-e2e-${process.env.E2E_PORT ?? "3100"}.db-path`), "utf8");
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare("SELECT r.id, r.answers_json FROM responses r JOIN consultations c ON c.id = r.consultation_id WHERE c.slug = ?")
      .all(SLUG) as { id: string; answers_json: string }[];
    const questions = db.prepare("SELECT DISTINCT question_id FROM answers WHERE response_id = ? ORDER BY question_id");
    return rows.map((r) => ({
      id: r.id,
      answers: JSON.parse(r.answers_json),
      questions: (questions.all(r.id) as { question_id: string }[]).map((q) => q.question_id),
    }));
  } finally {
    db.close();
  }
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
const group = (page: Page, name: string) => page.getByRole("group", { name, exact: true });
const proceed = (page: Page) => page.getByRole("button", { name: "Continue" }).click();

const T = {
  findOut: "How do you usually find out about policing in your area?",
  concerns: "Which of these are a problem where you live?",
  asb: "How much of a priority should tackling anti-social behaviour be?",
  matrix: "How much of a priority should each of these be?",
  plan: "Which three parts of the plan matter most to you?",
  victim: "Have you been a victim of crime in the last 12 months?",
  reported: "Did you report it to the police?",
  whyNot: "Why did you not report it?",
  advice: 'How far do you agree: "I receive regular crime prevention advice"?',
  confidence: "How confident are you that the police would deal with a crime you reported?",
  years: "How many years have you lived in County Durham or Darlington?",
  safer: "What one thing would make you feel safer where you live?",
};

for (const javaScriptEnabled of [false, true]) {
  test.describe(`every question type on a ${WIDTH}px phone, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled, viewport: { width: WIDTH, height: 800 } });

    test("answers every type, meets every error, takes the branch and undoes it", async ({ page }, testInfo) => {
      test.setTimeout(240_000);
      const mode = javaScriptEnabled ? "js" : "nojs";
      /** Every page: nothing wider than the phone, axe (needs JavaScript in the page), a screenshot to look at. */
      const checkPage = async (name: string) => {
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `${name} overflows a ${WIDTH}px screen`).toBeLessThanOrEqual(WIDTH);
        if (javaScriptEnabled) await expectNoAxeViolations(page);
        else await expectFitsEveryWidth(page);
        await page.screenshot({ path: testInfo.outputPath(`${mode}-${name}.png`), fullPage: true });
      };
      /** The error summary lists exactly these, each shown again by its field, and the title says Error. */
      const expectErrors = async (messages: string[]) => {
        await expect(page).toHaveTitle(/^Error: /);
        await expect(page.locator(".govuk-error-summary__list a")).toHaveText(messages);
        for (const m of messages) await expect(page.locator(".govuk-error-message", { hasText: m }).first()).toBeVisible();
      };
      /** A submission no form of ours sends: refused with a 400 page saying why; nothing saved. */
      const postInvalid = async (pageId: string, form: [string, string][], message: string) => {
        // The draft cookie is Secure; the browser sends it to 127.0.0.1, the request API needs it handed over.
        const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
        const response = await page.request.post(`/consultations/${SLUG}/questions/${pageId}`, {
          data: new URLSearchParams(form).toString(),
          headers: { "content-type": "application/x-www-form-urlencoded", cookie },
          maxRedirects: 0,
        });
        expect(response.status(), message).toBe(400);
        expect(await response.text()).toContain(escapeHtml(message));
      };
      const before = new Set(storedResponses().map((r) => r.id));

      await page.goto(`/consultations/${SLUG}`);
      await expect(page.getByRole("heading", { level: 1, name: "All question types (test)" })).toBeVisible();
      await checkPage("start");
      await page.getByRole("button", { name: "Start now" }).click();

      // 1. Single choice with "Other", multiple choice with limits and an exclusive option.
      await expect(page.getByText("Section 1 of 8")).toBeVisible();
      await checkPage("your-area");
      await proceed(page);
      await expectErrors(["Select how you usually find out about policing in your area", "Select which of these are a problem where you live"]);
      await expect(group(page, T.findOut)).toHaveAttribute("aria-describedby", "find_out-error");
      await checkPage("your-area-errors");
      await page.getByLabel("Other (please specify)", { exact: true }).check();
      await page.getByLabel("Anti-social behaviour").check();
      await proceed(page);
      await expectErrors(["Tell us how you usually find out about policing in your area", "Select at least 2 answers to say which of these are a problem where you live"]);
      await expect(page.getByLabel("Anti-social behaviour")).toBeChecked();
      await page.getByLabel(/please tell us more/).fill("x".repeat(201));
      for (const label of ["Drug dealing", "Speeding", "Burglary"]) await page.getByLabel(label).check();
      await proceed(page);
      await expectErrors(["Your answer must be 200 characters or fewer", "Select up to 3 answers to say which of these are a problem where you live"]);
      await page.getByLabel(/please tell us more/).fill("Ask jo@example.com");
      for (const label of ["Drug dealing", "Burglary"]) await page.getByLabel(label).uncheck();
      await page.getByLabel("None of these").check();
      await proceed(page);
      await expectErrors(['Select "None of these" on its own, or untick it to choose other answers']);
      await page.getByLabel("None of these").uncheck();
      await postInvalid("your-area", [["find_out", "carrier_pigeon"], ["concerns", "asb"], ["concerns", "speeding"]], "Select how you usually find out about policing in your area from the options shown");
      await postInvalid("your-area", [["find_out", "social_media"], ["concerns", "asb"], ["concerns", "martians"]], "Select which of these are a problem where you live from the options shown");
      await postInvalid("your-area", [["find_out", "social_media"], ["concerns", "asb"], ["concerns", "asb"]], "Select each option only once to say which of these are a problem where you live");
      await postInvalid("your-area", [["find_out", "social_media"], ["find_out", "local_news"], ["concerns", "asb"], ["concerns", "speeding"]], "The form sent more than one answer where one is expected (find_out). Reload the page and try again");
      await proceed(page);

      // 2. A scale and a matrix, each matrix row its own fieldset.
      await expect(page.getByText("Section 2 of 8")).toBeVisible();
      await checkPage("priorities");
      await proceed(page);
      // One message for the whole matrix, not one per row.
      await expectErrors(["Select how much of a priority tackling anti-social behaviour should be", "Select how much of a priority each of these should be"]);
      await expect(group(page, T.matrix)).toHaveAttribute("aria-describedby", "issue_priorities-error");
      await checkPage("priorities-errors");
      await page.locator(".govuk-error-summary").getByRole("link", { name: "Select how much of a priority each of these should be" }).click();
      await expect(page).toHaveURL(/#issue_priorities-asb$/);
      await group(page, T.asb).getByLabel("High priority").check();
      const rows = { "Anti-social behaviour": "High priority", "Drug dealing": "High priority", "Fly-tipping": "Low priority" };
      for (const [item, answer] of Object.entries(rows)) await group(page, T.matrix).getByRole("group", { name: item, exact: true }).getByLabel(answer).check();
      await proceed(page);
      // Then it names the rows still to answer, and leads to the first of them.
      await expectErrors(["Select how much of a priority each of these should be for Speeding and Burglary"]);
      await expect(group(page, "Drug dealing").getByLabel("High priority")).toBeChecked();
      await page.locator(".govuk-error-summary").getByRole("link").click();
      await expect(page).toHaveURL(/#issue_priorities-speeding$/);
      await group(page, "Speeding").getByLabel("Medium priority").check();
      await postInvalid("priorities", [["asb_priority", "urgent"], ...["asb", "drug_dealing", "speeding", "fly_tipping", "burglary"].map((item): [string, string] => [`issue_priorities.${item}`, "high"])], "Select how much of a priority tackling anti-social behaviour should be from the options shown");
      await postInvalid("priorities", [["asb_priority", "high"], ["issue_priorities.asb", "high"], ["issue_priorities.drug_dealing", "high"], ["issue_priorities.speeding", "fast"], ["issue_priorities.fly_tipping", "low"], ["issue_priorities.burglary", "low"]], "Select one of the options shown for Speeding");
      await group(page, "Burglary").getByLabel("Don't know").check();
      await proceed(page);

      // 3. Ranking without drag and drop: a select per item.
      await expect(page.getByText("Section 3 of 8")).toBeVisible();
      await checkPage("plan");
      await proceed(page);
      await expectErrors(["Rank your top 3 to say which three parts of the plan matter most to you"]);
      const duplicate = "You have given more than one item rank 1. Give each rank to one item only";
      if (javaScriptEnabled) {
        // A rank chosen on a slow line before the page's scripts have run is kept once they run:
        // the next choice swaps with it and says so, rather than the scripts undoing it.
        let release = () => {};
        const held = new Promise<void>((resolve) => (release = resolve));
        await page.route("**/build/**/*.js", async (route) => {
          await held;
          await route.continue();
        });
        // Not waiting for "load" or DOMContentLoaded: both wait for the held module scripts.
        await page.goto(`/consultations/${SLUG}/questions/plan`, { waitUntil: "commit" });
        await page.getByLabel("Safer Roads").selectOption("1");
        release();
        await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
        await page.unroute("**/build/**/*.js");
        await page.getByLabel("Safer People").selectOption("1");
        await expect(page.getByLabel("Safer Roads")).toHaveValue("");
        await expect(page.locator('[aria-live="polite"]', { hasText: "Safer Roads is now not ranked" })).toBeAttached();
      }
      await page.getByLabel("Safer Roads").selectOption("1");
      await page.getByLabel("Safer People").selectOption("1");
      if (javaScriptEnabled) {
        // The enhancement swaps ranks instead, and tells a screen reader what moved.
        await expect(page.getByLabel("Safer Roads")).toHaveValue("");
        await expect(page.locator('[aria-live="polite"]', { hasText: "Safer Roads is now not ranked" })).toBeAttached();
        await postInvalid("plan", [["plan_sections.safer_roads", "1"], ["plan_sections.safer_people", "1"]], duplicate);
        await page.getByLabel("Safer Roads").selectOption("1");
        await expect(page.getByLabel("Safer People")).toHaveValue("");
      } else {
        await proceed(page);
        await expectErrors([duplicate]);
        await expect(page.getByLabel("Safer Roads")).toHaveAttribute("aria-invalid", "true");
      }
      await page.getByLabel("Safer People").selectOption("2");
      await proceed(page);
      await expectErrors(["Give rank 3 to an item (rank your top 3)"]);
      await checkPage("plan-errors");
      await postInvalid("plan", [["plan_sections.safer_roads", "7"]], "Choose a rank from 1 to 3 for Safer Roads");
      await page.getByLabel("Safer Communities").selectOption("3");
      await proceed(page);

      // 4. The branch: a victim, who did not report it, and why.
      await expect(page.getByText("Section 4 of 8")).toBeVisible();
      await checkPage("experience");
      await proceed(page);
      await expectErrors(["Select whether you have been a victim of crime in the last 12 months"]);
      await postInvalid("experience", [["victim", "yes"], ["reported", "no"]], "The form sent a field this page does not ask for (reported). Reload the page and try again");
      await page.getByLabel("Yes").check();
      await proceed(page);
      await expect(page.getByText("Section 5 of 9")).toBeVisible();
      await expect(page.getByRole("heading", { level: 1, name: "Reporting the crime" })).toBeVisible();
      await checkPage("reporting");
      // The definition words this one itself (errorMessage).
      await proceed(page);
      await expectErrors(["Select yes if you reported it to the police, or no if you did not"]);
      await page.getByLabel("No").check();
      await proceed(page);
      await expect(page.getByText("Section 6 of 10")).toBeVisible();
      await checkPage("why-not-reported");
      await proceed(page);
      await expectErrors(["Select why you did not report it"]);
      await page.getByLabel("I was worried about what might happen if I did").check();
      await proceed(page);
      await expect(page.getByText("Section 7 of 10")).toBeVisible();

      // Back along the branch, then change "victim" to no: the reporting answers go.
      for (const [heading, checked] of [
        ["Why it was not reported", "I was worried about what might happen if I did"],
        ["Reporting the crime", "No"],
        ["Your experience of crime", "Yes"],
      ]) {
        await page.getByRole("link", { name: "Back" }).click();
        await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
        await expect(page.getByLabel(checked, { exact: true })).toBeChecked();
      }
      await page.getByLabel("No", { exact: true }).check();
      await proceed(page);
      await expect(page.getByRole("heading", { level: 1, name: "Confidence in the police" })).toBeVisible();
      await expect(page.getByText("Section 5 of 8")).toBeVisible();
      // Back now skips the pages the answers route around.
      await page.getByRole("link", { name: "Back" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Your experience of crime" })).toBeVisible();
      await proceed(page);
      await expect(page.getByText("Section 5 of 8")).toBeVisible();

      // 5. Three scales; "satisfaction" is asked only of those who reported a crime.
      await checkPage("contact");
      await expect(page.getByText("How satisfied were you")).toHaveCount(0);
      await proceed(page);
      await expectErrors(["Select how far you agree that you receive regular crime prevention advice", "Select how confident you are that the police would deal with a crime you reported"]);
      await expect(group(page, T.confidence).getByLabel("Don't know")).toHaveCount(0);
      await page.getByLabel("Tend to disagree").check();
      await page.getByLabel("Fairly confident").check();
      await proceed(page);

      // 6. The precept: each option's effect on every band, then support or oppose each.
      await expect(page.getByText("Section 6 of 8")).toBeVisible();
      await expect(page.getByText("Homes pay from £153.49 a year (Band A) to £460.48 a year (Band H) for policing now.")).toBeVisible();
      // Each proposal's table is named for it, so their scroll regions can be told apart.
      const tables = page.getByRole("table", { name: /: what it means for each council tax band$/ });
      await expect(tables).toHaveCount(2);
      await expect(page.getByRole("region", { name: "An increase of £14 a year for a Band D home: what it means for each council tax band" })).toBeVisible();
      await expect(tables.nth(0).getByRole("row", { name: /^A £6\.67 13p £160\.16$/ })).toBeVisible();
      await expect(tables.nth(0).getByRole("row", { name: /^D £10\.00 19p £240\.24$/ })).toBeVisible();
      await expect(tables.nth(1).getByRole("row", { name: /^A £9\.33 18p £162\.83$/ })).toBeVisible();
      await expect(tables.nth(1).getByRole("row", { name: /^H £28\.00 54p £488\.48$/ })).toBeVisible();
      // The band tables fit the phone without scrolling sideways.
      for (const table of await tables.all()) expect(await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth)).toBe(0);
      await checkPage("precept");
      await proceed(page);
      const ten = "An increase of £10 a year for a Band D home";
      const fourteen = "An increase of £14 a year for a Band D home";
      await expectErrors(["Select whether you support an increase of £10 a year for a Band D home", "Select whether you support an increase of £14 a year for a Band D home"]);
      // The resident's own band: each proposal's figures for it, and its row marked.
      await page.getByLabel("Band C", { exact: true }).check();
      if (!javaScriptEnabled) await page.getByRole("button", { name: "Show the change for my band" }).click();
      await expect(page.getByText("Your Band C home would pay £8.89 more a year, 17p a week")).toBeVisible();
      await expect(page.getByText("Your Band C home would pay £12.44 more a year, 24p a week")).toBeVisible();
      await expect(tables.nth(1).getByRole("row", { name: /^C \(your band\) £12\.44 24p £217\.10$/ })).toBeVisible();
      await checkPage("precept-band");
      await postInvalid("precept", [["precept_support.increase_10", "maybe"], ["precept_support.increase_14", "support"]], "Select support, oppose or don't know");
      await group(page, `Would you support this increase? (${ten})`).getByLabel("I support this increase").check();
      await group(page, `Would you support this increase? (${fourteen})`).getByLabel("I do not support this increase").check();
      await proceed(page);

      // 7. Where you live, a number, and "about you".
      await expect(page.getByText("Section 7 of 8")).toBeVisible();
      await checkPage("about-you");
      const postcode = page.getByLabel("What is your postcode? (optional)");
      const years = page.getByLabel(T.years);
      await postcode.fill("not a postcode");
      await proceed(page);
      const yearsWhat = "how many years you have lived in County Durham or Darlington";
      await expectErrors(["Enter a real postcode, like DH1 3HP", `Enter ${yearsWhat}`]);
      await expect(years).toHaveAttribute("aria-describedby", "years_lived-hint years_lived-error");
      await checkPage("about-you-errors");
      for (const [typed, message] of [
        ["ten", `Enter ${yearsWhat} as a number, like 12`],
        ["2.5", `Enter ${yearsWhat} as a whole number`],
        ["200", "Enter a number between 0 and 110"],
        ["1234567890123456", `Enter ${yearsWhat} as a number with 15 digits or fewer`],
      ]) {
        await years.fill(typed);
        await proceed(page);
        await expectErrors(["Enter a real postcode, like DH1 3HP", message]);
      }
      await postInvalid("about-you", [["postcode", "DH1 3HP"], ["years_lived", "23"], ["about_you.age", "42"]], "Select your age from the options shown");
      await postcode.fill("dh1 3hp");
      await years.fill("23");
      await group(page, "What is your age? (optional)").getByLabel("35 to 44").check();
      await group(page, "What is your ethnic group? (optional)").getByLabel("Prefer not to say").check();
      await proceed(page);

      // 8. Free text: a limit shown by a count, enforced by the server; personal data redacted.
      await expect(page.getByText("Section 8 of 8")).toBeVisible();
      await checkPage("anything-else");
      const safer = page.getByLabel(T.safer);
      await expect(safer).not.toHaveAttribute("maxlength", /.*/);
      await proceed(page);
      await expectErrors(["Tell us what one thing would make you feel safer where you live"]);
      await safer.fill("y".repeat(201));
      if (javaScriptEnabled) await expect(page.getByText("You have 1 character too many")).toBeVisible();
      else await expect(page.getByText("You can enter up to 200 characters")).toBeVisible();
      await proceed(page);
      await expectErrors(["Your answer must be 200 characters or fewer"]);
      await safer.fill("Patrols near DH1 3HP; ring 07700 900123");
      await proceed(page);

      // Check your answers: every type read back, the redacted text explained, no hidden answers.
      await expect(page.getByRole("heading", { level: 1, name: "Check your answers before submitting" })).toBeVisible();
      await checkPage("check");
      const row = (title: string) => page.locator(".govuk-summary-list__row", { has: page.getByText(title, { exact: true }) });
      await expect(row(T.findOut)).toContainText("Other (please specify): Ask [redacted]");
      await expect(row(T.concerns)).toContainText("Anti-social behaviour");
      await expect(row(T.concerns)).toContainText("Speeding");
      await expect(row(T.asb)).toContainText("High priority");
      await expect(row(T.matrix)).toContainText("Burglary: Don't know");
      await expect(row(T.plan).locator("li")).toHaveText(["1. Safer Roads", "2. Safer People", "3. Safer Communities"]);
      await expect(row(T.victim)).toContainText("No");
      await expect(row(T.advice)).toContainText("Tend to disagree");
      await expect(row(T.confidence)).toContainText("Fairly confident");
      // The words the resident chose, not an internal "Oppose".
      await expect(row("Would you support this increase?")).toContainText(`${fourteen}: I do not support this increase`);
      await expect(row("What is your postcode?")).toContainText("DH1 (Durham County Council, Durham City)");
      await expect(row(T.years)).toContainText("23 years");
      await expect(row("Your background")).toContainText("What is your age? 35 to 44");
      await expect(row(T.safer)).toContainText("Patrols near [redacted]; ring [redacted]");
      await expect(page.getByText("We have replaced some details in what you typed with [redacted]")).toBeVisible();
      await expect(page.getByText(T.reported)).toHaveCount(0);
      await expect(page.getByText(T.whyNot)).toHaveCount(0);

      await page.getByRole("button", { name: "Submit your response" }).click();
      await expect(page.getByRole("heading", { name: "Response submitted" })).toBeVisible();
      // A survey's thank-you page says what happens to a survey, not to the precept.
      await expect(page.getByRole("main")).toContainText("uses what people tell us in the survey");
      await expect(page.getByRole("main")).not.toContainText(/precept|Police and Crime Panel/);
      await checkPage("done");

      // What is stored: this one response, by id, with the branch's answers gone and text redacted.
      // Its answer rows follow the submit within moments: the server writes them in the background.
      await expect.poll(() => storedResponses().find((r) => !before.has(r.id))?.questions.length ?? 0).toBeGreaterThan(0);
      const added = storedResponses().filter((r) => !before.has(r.id));
      expect(added).toHaveLength(1);
      const [stored] = added;
      expect(stored.questions).toEqual(
        ["about_you", "asb_priority", "concerns", "confidence", "feel_safer", "find_out", "issue_priorities", "plan_sections", "postcode", "precept_support", "prevention_advice", "victim", "years_lived"].sort(),
      );
      expect(stored.answers).toMatchObject({
        victim: { type: "single_choice", option: "no" },
        find_out: { type: "single_choice", option: "other", other: "Ask [redacted]" },
        plan_sections: { type: "ranking", ranks: { safer_roads: 1, safer_people: 2, safer_communities: 3 } },
        postcode: { type: "postcode", outward: "DH1", authority: "durham", area: "Durham City" },
        precept_support: { type: "precept", items: { increase_10: "support", increase_14: "oppose" } },
        feel_safer: { type: "free_text", text: "Patrols near [redacted]; ring [redacted]" },
      });
      expect(JSON.stringify(stored.answers)).not.toMatch(/jo@example|07700|3HP/);
    });
  });
}

test("changing an answer from check your answers asks newly opened questions, then returns", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`/consultations/${SLUG}`);
  await page.getByRole("button", { name: "Start now" }).click();
  // Wait for each page's heading: with JavaScript on, navigation is client-side.
  const on = (heading: string) => expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await on("Your area");
  await page.getByLabel("Other (please specify)", { exact: true }).check();
  await page.getByLabel(/please tell us more/).fill("The parish newsletter, or text 07700 900123");
  await page.getByLabel("Anti-social behaviour").check();
  await page.getByLabel("Speeding").check();
  await proceed(page);
  await on("Priorities");
  await group(page, T.asb).getByLabel("Low priority").check();
  for (const item of ["Anti-social behaviour", "Drug dealing", "Speeding", "Fly-tipping", "Burglary"]) await group(page, item).getByLabel("Not a priority").check();
  await proceed(page);
  await on("The Police and Crime Plan");
  for (const [item, rank] of [["Safer Online", "1"], ["Safer Business", "2"], ["Safer Countryside", "3"]]) await page.getByLabel(item).selectOption(rank);
  // With JavaScript, moving Safer Countryside to 1 moves Safer Online to its old rank, 3.
  await page.getByLabel("Safer Countryside").selectOption("1");
  await expect(page.getByLabel("Safer Online")).toHaveValue("3");
  await expect(page.locator('[aria-live="polite"]', { hasText: "Safer Online is now ranked 3" })).toBeAttached();
  await proceed(page);
  await on("Your experience of crime");
  await page.getByLabel("No", { exact: true }).check();
  await proceed(page);
  await on("Confidence in the police");
  await page.getByLabel("Strongly agree").check();
  await page.getByLabel("Very confident", { exact: true }).check();
  await proceed(page);
  await on("The policing part of your council tax");
  await page.getByLabel("Don't know").first().check();
  await page.getByLabel("Don't know").last().check();
  await proceed(page);
  await on("About you");
  await page.getByLabel(T.years).fill("4");
  await proceed(page);
  await on("Anything else");
  await page.getByLabel(T.safer).fill("Street lights");
  await proceed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Check your answers before submitting" })).toBeVisible();
  // Redaction in "Other" text alone is explained too.
  await expect(page.getByText("Other (please specify): The parish newsletter, or text [redacted]")).toBeVisible();
  await expect(page.getByText("We have replaced some details in what you typed with [redacted]")).toBeVisible();

  // Now a victim who reported it: the reporting page, then the satisfaction question, then back to check.
  await page.getByRole("link", { name: `Change your answer to: ${T.victim}` }).click();
  await page.getByLabel("Yes", { exact: true }).check();
  await proceed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Reporting the crime" })).toBeVisible();
  await page.getByLabel("Yes", { exact: true }).check();
  await proceed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Confidence in the police" })).toBeVisible();
  await expect(page.getByLabel("Strongly agree")).toBeChecked();
  await proceed(page);
  await expect(page.locator(".govuk-error-summary__list a")).toHaveText(["Select how satisfied you were with how the police dealt with the crime you reported"]);
  await page.getByLabel("Very satisfied").check();
  await proceed(page);
  await expect(page.getByRole("heading", { level: 1, name: "Check your answers before submitting" })).toBeVisible();
  await expect(page.locator(".govuk-summary-list__row", { hasText: T.reported })).toContainText("Yes");
  await expect(page.locator(".govuk-summary-list__row", { hasText: "How satisfied were you" })).toContainText("Very satisfied");
  await expect(page.locator(".govuk-summary-list__row", { hasText: T.plan }).locator("li")).toHaveText(["1. Safer Countryside", "2. Safer Business", "3. Safer Online"]);
});
