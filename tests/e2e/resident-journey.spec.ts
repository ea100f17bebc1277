import { expect, test, type Page } from "@playwright/test";
import { expectFitsEveryWidth, expectNoAxeViolations } from "./axe";
import { signIn } from "./staff-accounts";

const SLUG = "police-precept-2027-28";
// Every page is scanned at two widths, and each journey counts responses twice as staff.
test.describe.configure({ timeout: 180_000 });

/** Counted responses as an analyst sees them on the staff results page (results are not public until published). */
async function countedResponses(page: Page): Promise<number> {
  // A separate browser context, so the resident's own session never carries a staff cookie.
  const context = await page.context().browser()!.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}` });
  const staff = await context.newPage();
  try {
    await signIn(staff, "analyst");
    await staff.goto("/staff");
    await staff.getByRole("table", { name: "All consultations" }).getByRole("link", { name: "Police precept 2027/28 consultation", exact: true }).click();
    await staff.waitForURL(/\/staff\/consultations\/[^/]+$/);
    await staff.goto(`${new URL(staff.url()).pathname}/results`);
    const text = (await staff.locator("#response-count").textContent()) ?? "";
    return Number(text.replace(/,/g, ""));
  } finally {
    await context.close();
  }
}

/** Answers the precept consultation up to check-your-answers. axe needs JavaScript in the page, so it
 * scans on the JavaScript-on run; the markup is the same server-rendered HTML either way. */
async function answerToCheckPage(page: Page, javaScript = true) {
  const scan = async () => {
    if (javaScript) await expectNoAxeViolations(page);
    else await expectFitsEveryWidth(page);
  };
  await page.goto("/consultations");
  await scan();
  await page.getByRole("link", { name: "Police precept 2027/28 consultation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Police precept 2027/28 consultation" })).toBeVisible();
  await expect(page.getByText("we do not keep your IP address")).toBeVisible();
  await scan();
  await page.getByRole("button", { name: "Start now" }).click();

  // Section 1: submitting nothing shows the error summary and keeps us on the page.
  await expect(page.getByText("Section 1 of 4")).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveTitle(/^Error: What matters most to you/);
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Select which of these you would like to see investment in" })).toBeVisible();
  await scan();
  // The summary link leads to the first checkbox of the question.
  await summary.getByRole("link", { name: "Select how much of a priority tackling anti-social behaviour should be" }).click();
  await expect(page).toHaveURL(/#asb_priority$/);

  await page.getByLabel("Neighbourhood Policing").check();
  // "None of these" cannot be combined with other answers.
  await page.getByLabel("None of these").check();
  await page.getByLabel("High priority").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText('Select "None of these" on its own');
  // Answers are kept on an error.
  await expect(page.getByLabel("High priority")).toBeChecked();
  await page.getByLabel("None of these").uncheck();
  await page.getByLabel("An increase in the number of police officers").check();
  await page.getByRole("button", { name: "Continue" }).click();

  // Section 2: the precept. Every band's figures, worked out from Band D, with a way to find your band.
  await expect(page.getByText("Section 2 of 4")).toBeVisible();
  await expect(page.getByRole("row", { name: /^A £9\.33 18p £202\.83$/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "check your Council Tax band on GOV.UK (opens in new tab)" })).toHaveAttribute("href", "https://www.gov.uk/council-tax-bands");
  await scan();
  // The resident chooses their band (or could skip it) and sees its change a year and a week.
  await page.getByLabel("Band B", { exact: true }).check();
  if (!javaScript) await page.getByRole("button", { name: "Show the change for my band" }).click();
  const yours = page.getByText("Your Band B home would pay £10.89 more a year, 21p a week");
  await expect(yours).toBeVisible();
  await expect(page.getByText("£236.63 a year for policing instead of £225.74.")).toBeVisible();
  // The full A to H table stays, with their band marked.
  await expect(page.getByRole("row")).toHaveCount(9);
  await expect(page.getByRole("row", { name: /^B \(your band\) £10\.89 21p £236\.63$/ })).toBeVisible();
  await scan();
  // An error keeps the band.
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Select whether you would support this increase in the policing precept");
  await expect(yours).toBeVisible();
  await expect(page.getByLabel("Band B", { exact: true })).toBeChecked();
  await page.getByLabel("I support this increase").check();
  await page.getByRole("button", { name: "Continue" }).click();

  // Section 3: optional questions, with a malformed postcode first.
  await expect(page.getByText("Section 3 of 4")).toBeVisible();
  await page.getByLabel("What is your postcode? (optional)").fill("not a postcode");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter a real postcode, like DH1 3HP");
  await page.getByLabel("What is your postcode? (optional)").fill("dh1 3hp");
  await page.getByRole("button", { name: "Continue" }).click();

  // Section 4: free text with personal data, which is redacted before storage.
  await expect(page.getByText("Section 4 of 4")).toBeVisible();
  await page.getByLabel(/Is there anything else/).fill("Ring me on 07700 900123 or email jo@example.com about the speeding");
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { name: "Check your answers before submitting" })).toBeVisible();
  await expect(page.getByText("Ring me on [redacted] or email [redacted] about the speeding")).toBeVisible();
  await expect(page.getByText("We have replaced some details in what you typed")).toBeVisible();
  await expect(page.getByText("DH1 (Durham County Council, Durham City)")).toBeVisible();
  // The answer in the words the resident chose.
  await expect(page.locator(".govuk-summary-list__row", { hasText: "Would you support this increase" }).locator(".govuk-summary-list__value")).toHaveText("I support this increase");
  await scan();
}

for (const javaScriptEnabled of [false, true]) {
  test.describe(`resident journey, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("answers, changes an answer, submits once, and is counted", async ({ page }) => {
      const before = await countedResponses(page);
      await answerToCheckPage(page, javaScriptEnabled);

      // Change an answer from check-your-answers: back to the page, then straight back.
      await page.getByRole("link", { name: "Change your answer to: How much of a priority should tackling anti-social behaviour be?" }).click();
      await expect(page.getByLabel("High priority")).toBeChecked();
      await page.getByLabel("Medium priority").check();
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page.getByRole("heading", { name: "Check your answers before submitting" })).toBeVisible();
      await expect(page.locator(".govuk-summary-list__row", { hasText: "anti-social behaviour" })).toContainText("Medium priority");

      await page.getByRole("button", { name: "Submit your response" }).click();
      await expect(page.getByRole("heading", { name: "Response submitted" })).toBeVisible();
      await expect(page.getByRole("main")).toContainText("The Police and Crime Panel reviews the Commissioner's proposal");
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      // Going back and submitting again (a refresh or double submit) records nothing more.
      if (!javaScriptEnabled) {
        await page.goBack();
        if (await page.getByRole("button", { name: "Submit your response" }).isVisible()) {
          await page.getByRole("button", { name: "Submit your response" }).click();
        }
      }
      expect(await countedResponses(page)).toBe(before + 1);
      if (javaScriptEnabled) await expectNoAxeViolations(page);
    });
  });
}

test("two simultaneous submits of the same form record one response", async ({ page }) => {
  const before = await countedResponses(page);
  await answerToCheckPage(page);
  const token = await page.locator('input[name="_token"]').inputValue();
  // Fired from the page itself, as a double click would be, with the browser's own cookies.
  const statuses = await page.evaluate(async ({ url, token }) => {
    const send = () =>
      fetch(url, { method: "POST", body: new URLSearchParams({ _token: token, _website: "" }), redirect: "manual" }).then((r) => r.type);
    return Promise.all([send(), send()]);
  }, { url: `/consultations/${SLUG}/check`, token });
  expect(statuses).toEqual(["opaqueredirect", "opaqueredirect"]);
  expect(await countedResponses(page)).toBe(before + 1);
});

test("a forged token stores nothing and says why", async ({ page }) => {
  const before = await countedResponses(page);
  await answerToCheckPage(page);
  const response = await page.request.post(`/consultations/${SLUG}/check`, { form: { _token: "forged.token", _website: "" } });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("nothing has been saved");
  expect(await countedResponses(page)).toBe(before);
});

test("a closed consultation cannot be answered", async ({ page }) => {
  await page.goto("/consultations/police-precept-2022-23");
  await expect(page.getByText("This consultation has closed")).toBeVisible();
  await expect(page.getByRole("button", { name: /Start/ })).toHaveCount(0);
  const response = await page.request.post("/consultations/police-precept-2022-23", { form: {} });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("no longer taking responses");
  await expectNoAxeViolations(page);
});

test("the thank-you page comes from the consultation: its own words, or its kind's", async ({ page }) => {
  // The survey's definition has its own "what happens next".
  await page.goto("/consultations/police-and-crime-survey-2026/done");
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1, name: "Response submitted" })).toBeVisible();
  await expect(main).toContainText("Thank you for taking part in the Police and Crime Survey 2026");
  await expect(main).toContainText("you can still report it: call 101, or 999 in an emergency");
  await expect(main).toContainText(/The survey closes on \d+ \w+ \d{4}\./);
  await expect(main).not.toContainText(/precept|Police and Crime Panel/);
  await expect(main.getByRole("link", { name: /You said, we did/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  // A precept consultation without its own words gets the precept's.
  await page.goto(`/consultations/${SLUG}/done`);
  await expect(page.getByRole("main")).toContainText("The Police and Crime Panel reviews the Commissioner's proposal");
  await expect(page.getByRole("main")).toContainText(/The consultation closes on/);
});

test("site pages every public body must have", async ({ page }) => {
  for (const [path, heading] of [
    ["/privacy", "Privacy notice"],
    ["/accessibility", "Accessibility statement for Your Say"],
    ["/cookies", "Cookies"],
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

test("no request ever goes to another origin", async ({ page }) => {
  const origins = new Set<string>();
  page.on("request", (r) => origins.add(new URL(r.url()).origin));
  await page.goto("/consultations");
  await page.getByRole("link", { name: "Police and Crime Survey 2026" }).click();
  await page.getByRole("button", { name: "Start now" }).click();
  await expect(page.getByText("Section 1 of")).toBeVisible();
  expect([...origins]).toEqual([new URL(page.url()).origin]);
});
