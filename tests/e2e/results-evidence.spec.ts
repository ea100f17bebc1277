import fs from "node:fs";
import { expect, test, type Download, type Locator, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { EvidenceApiSchema } from "../../app/evidence/evidence";
import { expectNoAxeViolations } from "./axe";
import { signIn, signOut } from "./staff-accounts";

/**
 * Results and evidence through the browser, on the seeded demo data: an analyst reads results,
 * filters and breaks them down, downloads every export and defines evidence indicators; a
 * resident sees results only once they are published. Figures are read out of the pages and the
 * downloaded files, never typed in from elsewhere.
 */

const PRECEPT = "Police precept 2022/23 consultation";
const SURVEY = "Police and Crime Survey";

async function openConsultation(page: Page, title: string): Promise<string> {
  await page.goto("/staff");
  await page.getByRole("table", { name: "All consultations" }).getByRole("link", { name: title, exact: true }).click();
  await page.waitForURL(/\/staff\/consultations\/[^/]+$/);
  return new URL(page.url()).pathname;
}

async function download(page: Page, link: ReturnType<Page["getByRole"]>): Promise<{ name: string; text: string; path: string }> {
  const [file]: [Download, void] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const path = (await file.path())!;
  return { name: file.suggestedFilename(), text: fs.readFileSync(path, "utf8"), path };
}

const pct = (x: number, n: number) => Math.round((x / n) * 1000) / 10;

/** No sideways scrolling at 320 CSS pixels (WCAG 2.2 reflow), and axe-clean there too. */
async function fitsAt320(page: Page) {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `sideways scroll at 320 px on ${page.url()}`).toBe(true);
  await expectNoAxeViolations(page);
  await page.setViewportSize(size);
}

test.describe("results and evidence", () => {
  // One story on one server: indicators defined in the second test are published in the third.
  // Every results page is scanned by axe at two widths (the staff page holds every question): minutes on a loaded machine.
  test.describe.configure({ mode: "serial", timeout: 360_000 });
  test("an analyst reads results, filters to victims, breaks down, and downloads every export", async ({ page }) => {
    await signIn(page, "analyst");
    const precept = await openConsultation(page, PRECEPT);
    await page.goto(`${precept}/results`);
    await expect(page.getByRole("heading", { level: 1, name: "Results" })).toBeVisible();
    await expect(page.locator("#respondents-caveat")).toContainText("describe the people who responded, not everyone");
    const investment = page.locator("#table-investment");
    await expect(investment.getByRole("row", { name: /Neighbourhood Policing/ })).toContainText("76.4%");
    await expect(investment.getByRole("row", { name: /response times/ })).toContainText("46.6%");
    await expect(investment.getByRole("row", { name: /number of police officers/ })).toContainText("60%");
    await expect(page.locator("#q-investment")).toContainText("Base: all who answered this question, n=500");
    await expect(page.locator("#q-investment")).toContainText("can add up to more than 100%");
    await expect(page.locator("#table-asb_priority").getByRole("row", { name: /Net: A priority/ })).toContainText("91.4%");
    // "Don't know" is shown, and the valid % that leaves it out is labelled.
    await expect(page.locator("#table-asb_priority")).toContainText(`% excluding "Don't know"`);
    await expect(page.locator("#response-count")).toHaveText("500");
    // The chart enhances the table once chart.js has loaded, and downloads as PNG.
    await expect(page.locator("canvas#chart-investment")).toHaveAttribute("role", "img");
    const png = await download(page, page.getByRole("button", { name: /Download chart as PNG\s*: Which of these would you like to see investment in/ }));
    expect(png.name).toBe("chart-investment.png");
    expect(fs.readFileSync(png.path).subarray(1, 4).toString()).toBe("PNG");
    await expectNoAxeViolations(page);

    // Intervals on request, labelled as indicative.
    await page.getByLabel("95% intervals (indicative)").check();
    await page.getByRole("button", { name: "Update results" }).click();
    await expect(page.locator("#table-investment").getByRole("columnheader", { name: "95% interval (indicative)" })).toBeVisible();
    await expect(page.getByText("respondents chose to take part, so treat them as indicative only")).toBeVisible();
    await expectNoAxeViolations(page);

    // Every export, each recorded in the audit trail.
    const results = await download(page, page.getByRole("link", { name: /^Results \(CSV\)/ }));
    // A byte order mark first, so Excel reads the file as UTF-8.
    expect(results.text.charCodeAt(0)).toBe(0xfeff);
    const rows: Record<string, string>[] = parse(results.text, { columns: true, bom: true });
    const npt = rows.find((r) => r.question_id === "investment" && r.option_id === "neighbourhood_policing")!;
    expect(npt.percent).toBe("76.4");
    expect(pct(Number(npt.count), Number(npt.base))).toBe(76.4);
    expect(rows.find((r) => r.question_id === "asb_priority" && r.option_id === "net")!.percent).toBe("91.4");

    const responses = await download(page, page.getByRole("link", { name: /^Responses \(CSV\)/ }));
    expect(responses.name).toBe("police-precept-2022-23-responses.csv");
    const raw: Record<string, string>[] = parse(responses.text, { columns: true, bom: true });
    expect(raw).toHaveLength(500);
    expect(pct(raw.filter((r) => r["investment.more_officers"] === "1").length, raw.filter((r) => r["investment.more_officers"] !== "").length)).toBe(60);
    const codebook: Record<string, string>[] = parse((await download(page, page.getByRole("link", { name: /^Codebook \(CSV\)/ }))).text, { columns: true, bom: true });
    expect(codebook.find((r) => r.column === "investment.neighbourhood_policing")?.column_label).toContain("Neighbourhood Policing");

    const xlsx = await download(page, page.getByRole("link", { name: /^Workbook \(Excel\)/ }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx.path);
    // Sheets are named for their questions, readably, and start with the question's number.
    const sheet = wb.worksheets.find((w) => w.name.startsWith("Q2 How much of a priority"))!;
    expect(sheet.name.length).toBeLessThanOrEqual(31);
    let net: { count: number; base: number } | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(5).value === "net") net = { count: Number(row.getCell(7).value), base: Number(row.getCell(9).value) };
    });
    expect(pct(net!.count, net!.base)).toBe(91.4);

    // The survey: 34% of victims did not report, by filtering to victims.
    const survey = await openConsultation(page, SURVEY);
    await page.goto(`${survey}/results`);
    await page.getByLabel("Only respondents who answered").selectOption({ label: "Have you been a victim of crime in the last 12 months? – Yes" });
    await page.getByRole("button", { name: "Update results" }).click();
    await expect(page.locator("#filter-description")).toContainText("Have you been a victim of crime in the last 12 months? – Yes");
    await expect(page.locator("#table-reported").getByRole("row", { name: /^No/ })).toContainText("34%");
    await expect(page.locator("#q-reported")).toContainText("n=200");
    await expectNoAxeViolations(page);

    // A breakdown by victim of crime, with column bases, and its CSV.
    await page.getByLabel("Only respondents who answered").selectOption({ label: "All respondents" });
    await page.getByLabel("Break down by").selectOption({ label: "Have you been a victim of crime in the last 12 months?" });
    await page.getByRole("button", { name: "Update results" }).click();
    const byVictim = page.locator("#table-reported");
    await expect(byVictim.getByRole("row", { name: /^No/ })).toContainText("34%");
    await expect(byVictim.getByRole("row", { name: /^Base/ })).toContainText("n=200");
    await expectNoAxeViolations(page);
    const breakdown: Record<string, string>[] = parse((await download(page, page.getByRole("link", { name: /^Breakdown by/ }))).text, { columns: true, bom: true });
    const cell = breakdown.find((r) => r.question_id === "reported" && r.option_id === "no" && r.group_id === "yes")!;
    expect(pct(Number(cell.count), Number(cell.column_base))).toBe(34);

    // As published: small numbers withheld, never a count under 10 in the file.
    await page.getByLabel("As published, with small numbers withheld ([c])").check();
    await page.getByRole("button", { name: "Update results" }).click();
    // The first published breakdown of the survey is decided (and audited) on request, in seconds
    // (docs/benchmarks.md §8); later requests for it are answered from the kept decision.
    await expect(page.getByText("[c] = withheld to protect respondents")).toBeVisible({ timeout: 90_000 });
    const published: Record<string, string>[] = parse((await download(page, page.getByRole("link", { name: /^Breakdown by/ }))).text, { columns: true, bom: true });
    for (const r of published) expect(r.count === "[c]" || Number(r.count) === 0 || Number(r.count) >= 10).toBe(true);
    expect(published.some((r) => r.count === "[c]")).toBe(true);

    // A crosstab with a column per age band uses the window's width: nothing is cut off at 1280px,
    // and where a table is wider than its screen (a phone) it scrolls in a focusable, named region.
    const by = page.getByLabel("Break down by");
    const age = (await by.locator("option", { hasText: /age/i }).first().textContent())!;
    await by.selectOption({ label: age });
    await page.getByRole("button", { name: "Update results" }).click();
    const crosstab = page.locator("#table-reported");
    // Still "as published": a new breakdown is decided on request (by age, the slowest: about 11 s, more under load).
    await expect(crosstab.getByRole("columnheader", { name: /75/ })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole("region", { name: /, by .*age.* \(column percentages\)$/i }).first()).toHaveAttribute("tabindex", "0");
    const overflowing = () => page.evaluate(() => [...document.querySelectorAll(".app-table-scroll")].filter((r) => r.scrollWidth > r.clientWidth).map((r) => r.querySelector("table")?.id));
    expect(await overflowing(), "crosstabs cut off at 1280px").toEqual([]);
    await expectNoAxeViolations(page);

    // Written answers: for staff, paginated, escaped.
    await page.goto(`${survey}/results`);
    await page.getByRole("link", { name: /Read the written answers/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Written answers/ })).toBeVisible();
    await expect(page.locator("#text-answers li").first()).toBeVisible();
    await expectNoAxeViolations(page);
    await signOut(page);

    // The downloads are in the audit trail.
    await signIn(page, "admin");
    await page.goto("/staff/audit");
    await expect(page.getByText("responses.csv, unsuppressed").first()).toBeVisible();
    await expect(page.getByText("results.xlsx", { exact: false }).first()).toBeVisible();
  });

  test("an analyst finds the published figures as evidence, defines indicators, and sees them with year on year and exports", async ({ page }) => {
    await signIn(page, "analyst");
    // Before anyone has done anything: the OPCC's published figures are there, each under its section.
    await page.goto(`${await openConsultation(page, PRECEPT)}/results`);
    const safer = (await page.locator("#table-investment").getByRole("row", { name: /Safer roads/ }).locator("td").allTextContents()).join(" ");
    const saferRoads = safer.match(/\d+(\.\d)?%/)![0];
    await page.goto("/staff/evidence");
    await expectNoAxeViolations(page);
    const communities = page.locator("section", { has: page.getByRole("heading", { name: "Safer Communities" }) });
    await expect(communities).toContainText("76.4% of respondents want to see investment in Neighbourhood Policing");
    await expect(communities).toContainText("n=500");
    await expect(communities).toContainText("95% interval (indicative)");
    await expect(page.locator("section", { has: page.getByRole("heading", { name: "Safer People" }) })).toContainText("34% of victims of crime who responded did not report it");

    await page.getByRole("button", { name: "Add an indicator" }).click();
    await page.getByLabel("1. Consultation").selectOption({ label: PRECEPT });
    await page.getByRole("button", { name: "Choose consultation" }).click();
    await page.getByLabel("2. Question").selectOption({ label: "Which of these would you like to see investment in?" });
    await page.getByRole("button", { name: "Choose question" }).click();
    await expectNoAxeViolations(page);
    // Missing answers and a sentence without {percent}: the error summary says what to do.
    await page.getByLabel("Sentence").fill("Some respondents want safer roads");
    await page.getByRole("button", { name: "Add indicator" }).click();
    await expect(page).toHaveTitle(/^Error: /);
    const summary = page.locator(".govuk-error-summary");
    await expect(summary).toContainText("Select at least one answer that counts");
    await expect(summary).toContainText("Include {percent} in the sentence");
    await expectNoAxeViolations(page);
    await page.getByLabel("Safer roads").check();
    await page.getByLabel("Sentence").fill("{percent} of respondents want to see investment in safer roads");
    await page.getByLabel("Section of the plan").selectOption({ label: "Safer Roads" });
    await page.getByRole("button", { name: "Add indicator" }).click();
    await expect(page.getByText("The indicator has been added.")).toBeVisible();
    const roads = page.locator("section", { has: page.getByRole("heading", { name: "Safer Roads" }) });
    // The same figure as the results table shows.
    await expect(roads).toContainText(`${saferRoads} of respondents want to see investment in safer roads`);
    await expect(roads).toContainText("n=500");
    await expectNoAxeViolations(page);

    // A subgroup base, linked to an earlier indicator for the change since.
    await page.getByRole("button", { name: "Add an indicator" }).click();
    await page.getByLabel("1. Consultation").selectOption({ label: SURVEY });
    await page.getByRole("button", { name: "Choose consultation" }).click();
    await page.getByLabel("2. Question").selectOption({ label: "How easy or difficult is it to report issues to the police?" });
    await page.getByRole("button", { name: "Choose question" }).click();
    await page.getByLabel("Fairly difficult", { exact: true }).check();
    await page.getByLabel("Very difficult", { exact: true }).check();
    await page.getByLabel("Base").selectOption({ label: "Only those who answered: Have you been a victim of crime in the last 12 months? – Yes" });
    await page.getByLabel("Sentence").fill("{percent} of victims of crime find it difficult to report issues");
    await page.getByLabel("Section of the plan").selectOption({ label: "Safer People" });
    // Any indicator of another consultation can be linked as "last time"; the demo data has one
    // earlier wave per consultation, so the precept figure stands in for last year's here.
    await page.getByLabel("The same indicator in an earlier consultation (optional)").selectOption({
      label: `${PRECEPT}: {percent} of respondents want to see investment in Neighbourhood Policing`,
    });
    await page.getByRole("button", { name: "Add indicator" }).click();
    const people = page.locator("section", { has: page.getByRole("heading", { name: "Safer People" }) });
    await expect(people).toContainText("of victims of crime find it difficult to report issues");
    await expect(people).toContainText("n=200");
    // The change in percentage points and its z-test, worked out from both waves' responses.
    await expect(people).toContainText(/[−+]?\d+(\.\d)? percentage points since Police precept 2022\/23 consultation \(then 76\.4%\)/);
    await expectNoAxeViolations(page);

    const md = await download(page, page.getByRole("link", { name: "Evidence statements (Markdown)" }));
    expect(md.text).toContain("## Safer Communities");
    expect(md.text).toContain("- 76.4% of respondents want to see investment in Neighbourhood Policing");
    const csv: Record<string, string>[] = parse((await download(page, page.getByRole("link", { name: "Evidence statements (CSV)" }))).text, { columns: true, bom: true });
    const victims = csv.find((r) => r.question_id === "reported")!;
    expect(pct(Number(victims.count), Number(victims.base))).toBe(34);
    // The new one: the sentence on the page is the figure in the file.
    const difficult = csv.find((r) => r.statement.endsWith("of victims of crime find it difficult to report issues"))!;
    expect(Number(difficult.base)).toBe(200);
    await expect(people).toContainText(`${pct(Number(difficult.count), Number(difficult.base))}% of victims of crime find it difficult to report issues`);

    // The Panel pack: headline figures, counts by channel, exclusions, tables.
    const precept = await openConsultation(page, PRECEPT);
    await page.goto(`${precept}/panel-pack`);
    await expect(page.getByRole("heading", { level: 1, name: /consultation results/ })).toBeVisible();
    await expect(page.getByText("76.4% of respondents want to see investment in Neighbourhood Policing")).toBeVisible();
    await expect(page.locator("#response-totals")).toContainText("Online");
    await expect(page.locator("#excluded-count")).toBeVisible();
    await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("a resident sees results only while they are published", async ({ page, browser }) => {
    // On first start the demo's past consultations are published, with what the Commissioner did.
    await page.goto("/results");
    await page.getByRole("link", { name: PRECEPT }).click();
    await expect(page.getByRole("heading", { level: 1, name: "You said, we did" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText("Recruiting more officers is a key deliverable of the Police and Crime Plan");
    await page.goto("/evidence");
    await expect(page.getByText("76.4% of respondents want to see investment in Neighbourhood Policing")).toBeVisible();

    // An editor withdraws them.
    const editor = await browser.newPage();
    await signIn(editor, "editor");
    await openConsultation(editor, PRECEPT);
    await editor.getByRole("button", { name: "Unpublish results" }).click();
    await editor.getByRole("button", { name: "Yes, unpublish the results" }).click();
    await expect(editor.getByText("The results are no longer published.")).toBeVisible({ timeout: 30_000 });
    await editor.close();

    // Then: a plain "not published yet", and nothing in the public API.
    const before = await page.goto("/consultations/police-precept-2022-23/results");
    expect(before?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Results not published yet" })).toBeVisible();
    await expect(page.locator("#table-investment")).toHaveCount(0);
    await expectNoAxeViolations(page);
    const apiBefore = EvidenceApiSchema.parse(await (await page.request.get("/api/evidence.json")).json());
    expect(apiBefore.statements.filter((s) => s.consultation.slug === "police-precept-2022-23")).toEqual([]);
    // Nor on the public index of results, nor on the public evidence page.
    await page.goto("/results");
    await expect(page.getByRole("link", { name: PRECEPT })).toHaveCount(0);
    await page.goto("/evidence");
    await expect(page.getByText("76.4% of respondents want to see investment in Neighbourhood Policing")).toHaveCount(0);
    // The thank-you page promises results, without a link yet.
    await page.goto("/consultations/police-precept-2022-23/done");
    await expect(page.getByRole("main")).toContainText("We will publish a summary of what people said");
    await expect(page.getByRole("main").getByRole("link", { name: /You said, we did/ })).toHaveCount(0);
    // Staff downloads are not for the public.
    await page.goto("/staff/consultations/anything/export/responses.csv");
    await expect(page).toHaveURL(/\/staff\/login/);

    // An editor publishes, with what the Commissioner did.
    const staff = await browser.newPage();
    await signIn(staff, "editor");
    const precept = await openConsultation(staff, PRECEPT);
    // Typed on a slow line, before the page's scripts have run: kept once they run (React would
    // put the box's first text back when it hydrates).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await staff.route("**/build/**/*.js", async (route) => {
      await held;
      await route.continue();
    });
    // Not waiting for "load" or DOMContentLoaded: both wait for the held module scripts.
    await staff.goto(precept, { waitUntil: "commit" });
    const whatWeDid = "The Commissioner set the precept at £240.24 for a Band D home and put more officers into neighbourhood teams.";
    await staff.getByLabel("What we did").fill(whatWeDid);
    release();
    await staff.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await staff.unroute("**/build/**/*.js");
    await expect(staff.getByLabel("What we did")).toHaveValue(whatWeDid);
    await staff.getByRole("button", { name: "Publish results" }).click();
    await staff.getByRole("button", { name: "Yes, publish the results" }).click();
    await expect(staff.getByText("The results are published.")).toBeVisible();
    await staff.close();

    // The list of consultations says so once, on one line, on a phone and on a desktop.
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/consultations");
      const item = page.locator("li", { has: page.getByRole("link", { name: PRECEPT, exact: true }) });
      expect((await item.textContent())?.match(/Results published/g), `at ${width}px`).toHaveLength(1);
      const height = (tag: Locator) => tag.evaluate((el) => el.getBoundingClientRect().height);
      const oneWord = await height(page.locator(".govuk-tag", { hasText: /^Open$/ }).first());
      expect(await height(item.locator(".govuk-tag")), `"Results published" wraps at ${width}px`).toBe(oneWord);
    }
    await page.setViewportSize({ width: 1280, height: 720 });

    // Now the thank-you page links to them.
    await page.goto("/consultations/police-precept-2022-23/done");
    await expect(page.getByRole("main")).toContainText("The consultation closed on 31 January 2022.");
    await page.getByRole("link", { name: "You said, we did: read what people said and what the Commissioner did" }).click();
    await expect(page).toHaveURL(/\/consultations\/police-precept-2022-23\/results$/);
    await expect(page.getByRole("heading", { level: 1, name: "You said, we did" })).toBeVisible();
    // On a 320px phone every table fits without scrolling, each figure with its count in one cell,
    // and each table's scroll area (for larger text) is a focusable region named by its caption.
    await page.setViewportSize({ width: 320, height: 800 });
    const tableScrolls = page.locator(".app-table-scroll");
    expect(await tableScrolls.count()).toBeGreaterThan(3);
    for (const region of await tableScrolls.all()) {
      const caption = (await region.locator("caption").textContent())!;
      await expect(region).toHaveAttribute("tabindex", "0");
      await expect(page.getByRole("region", { name: caption, exact: true }).first()).toBeAttached();
      expect(await region.evaluate((r) => r.scrollWidth - r.clientWidth), `"${caption}" is cut off at 320px`).toBeLessThanOrEqual(0);
    }
    await expect(page.locator("#table-investment").getByRole("row", { name: /Neighbourhood Policing/ }).getByRole("cell").first()).toHaveText("76.4% (382)");
    // Chart labels wrap on a phone, so the chart grows taller instead of cutting them off.
    const chartBox = page.locator('[data-chart="chart-investment"] .app-chart__canvas');
    const chartHeight = () => chartBox.evaluate((el) => el.getBoundingClientRect().height);
    await expect.poll(chartHeight).toBeGreaterThan(0);
    const narrow = await chartHeight();
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(chartHeight).toBeLessThan(narrow);
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(chartHeight).toBe(narrow);
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect(page.locator("#what-we-did")).toContainText("put more officers into neighbourhood teams");
    await expect(page.locator("#response-count")).toHaveText("500");
    await expect(page.locator("#table-investment").getByRole("row", { name: /Neighbourhood Policing/ })).toContainText("76.4%");
    await expect(page.locator("#table-asb_priority").getByRole("row", { name: /Net: A priority/ })).toContainText("91.4%");
    await expect(page.locator("canvas#chart-investment")).toBeVisible();
    // Written answers are counted, never shown.
    await expect(page.locator("#q-comments")).toContainText("never published automatically");
    await expectNoAxeViolations(page);
    const api = EvidenceApiSchema.parse(await (await page.request.get("/api/evidence.json?consultation=police-precept-2022-23")).json());
    // The four figures the OPCC published from it, and the one defined above, back in the API.
    expect(new Set(api.statements.map((s) => s.consultation.slug))).toEqual(new Set(["police-precept-2022-23"]));
    expect(api.statements).toHaveLength(5);
    expect(api.statements[0]).toMatchObject({ statement: "76.4% of respondents want to see investment in Neighbourhood Policing", suppressed: false });
    expect(api.statements[0].figure?.percent).toBe(76.4);
    // The index of published results links to them; the evidence page shows the statement
    // under its plan section with its base, interval and a link back to the results.
    await page.goto("/results");
    await expect(page.getByRole("heading", { level: 1, name: "You said, we did" })).toBeVisible();
    await page.getByRole("link", { name: PRECEPT }).click();
    await expect(page.locator("#table-investment")).toBeVisible();
    await page.goto("/results");
    await fitsAt320(page);
    await page.goto("/evidence");
    const statement = page.locator(".app-evidence-statement").filter({ hasText: "76.4% of respondents want to see investment in Neighbourhood Policing" });
    await expect(statement).toContainText("n=500");
    await expect(statement).toContainText("95% interval (indicative)");
    const section = api.statements[0].section.name;
    await expect(page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: section }) })).toContainText("76.4% of respondents");
    await expect(page.locator("#respondents-caveat")).toContainText("describe the people who responded");
    await fitsAt320(page);
    await statement.getByRole("link", { name: /Results for this question/ }).click();
    await expect(page).toHaveURL(/\/consultations\/police-precept-2022-23\/results#q-investment/);
    const bad = await page.request.get("/api/evidence.json?section=no-such-section");
    expect(bad.status()).toBe(400);
    expect((await bad.json()).errors[0].path).toBe("section");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("tables stand alone on the public and staff results pages", async ({ page }) => {
      await page.goto("/consultations/police-precept-2022-23/results");
      await expect(page.locator("#table-investment").getByRole("row", { name: /Neighbourhood Policing/ })).toContainText("76.4%");
      await expect(page.getByRole("button", { name: /Download chart/ })).toHaveCount(0);
      await page.goto("/evidence");
      await expect(page.getByText("76.4% of respondents want to see investment in Neighbourhood Policing")).toBeVisible();
      await page.goto("/results");
      await expect(page.getByRole("link", { name: PRECEPT })).toBeVisible();
      await signIn(page, "analyst");
      const survey = await openConsultation(page, SURVEY);
      await page.goto(`${survey}/results`);
      await page.getByLabel("Only respondents who answered").selectOption({ label: "Have you been a victim of crime in the last 12 months? – Yes" });
      await page.getByRole("button", { name: "Update results" }).click();
      await expect(page.locator("#table-reported").getByRole("row", { name: /^No/ })).toContainText("34%");
    });
  });
});
