import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Answers } from "~/responding/answers";
import { createConsultation, getConsultationBySlug, setResultsPublished } from "~/models/consultation.server";
import { submitResponses, type NewResponse } from "~/models/response.server";
import { loadPopulationCsv } from "~/models/population.server";
import { createIndicator, ensureDefaultSections, listSections } from "~/models/evidence.server";
import { describeEachDatabase } from "../databases";
import { buildOnce, freePort, startApp, stopApp, type AppProcess } from "./helpers/app-server";
import { staffSession } from "./helpers/staff";

/**
 * Every output that carries weighted figures or "who responded" (the staff results page, the
 * Panel pack with its evidence statement, the public results page with disclosure control, the
 * results CSV, the workbook and the weights file) read back over HTTP from the built server, on
 * SQLite and PostgreSQL, and held to figures worked out here another way.
 *
 * The weights in closed form. Sex figures are per authority, so raking by the authority and by
 * sex (County Durham) and sex (Darlington) is post-stratification to authority × sex, except
 * that anesrake's rule lets "prefer not to say" keep its weight in the sex margin. Every step
 * keeps the total weight of those it adjusts, so at convergence:
 *   - the 145 respondents with an authority hold 145 × 300/400 in Durham and 145 × 100/400 in
 *     Darlington; the 5 without a postcode are in no margin and keep weight 1;
 *   - in Durham, the sex step never changes the weight held by Female + Male, and the authority
 *     step scales them and "prefer not to say" alike, so "prefer not to say" keeps its first
 *     share 5/85 of Durham's weight (each weighs W_Durham/85), and Female and Male share the rest
 *     156,000 : 144,000.
 * The weighted share, its own effective n (the linearised variance of a ratio, as survey::svymean
 * gives with weights only: n/(n−1) Σ w²(y − p)² / (Σw)²) and the Wilson interval at that n are
 * computed respondent by respondent below, not from the app's per-cell sums.
 */

const POPULATION = `geography,variable,category,count,source,reference_date,universe
E06000047,total,all,300000,Test figures,2021-03-21,All usual residents
E06000005,total,all,100000,Test figures,2021-03-21,All usual residents
E06000047,sex,female,156000,Test figures,2021-03-21,All usual residents
E06000047,sex,male,144000,Test figures,2021-03-21,All usual residents
E06000005,sex,female,51000,Test figures,2021-03-21,All usual residents
E06000005,sex,male,49000,Test figures,2021-03-21,All usual residents
`;

const definition = {
  pages: [
    {
      id: "p",
      title: "P",
      questions: [
        { id: "victim", type: "single_choice", title: "Have you been a victim of crime?", options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] },
        { id: "postcode", type: "postcode", title: "Your postcode", required: false },
        { id: "about_you", type: "about_you", title: "About you", fields: ["sex"] },
      ],
    },
  ],
};

type Authority = "durham" | "darlington" | null;
type Sex = "female" | "male" | "prefer_not_to_say";
/** The fixture's cells: where, sex, respondents, how many said "yes". */
const CELLS: { authority: Authority; sex: Sex; n: number; yes: number }[] = [
  { authority: "durham", sex: "female", n: 30, yes: 20 },
  { authority: "durham", sex: "male", n: 50, yes: 10 },
  { authority: "durham", sex: "prefer_not_to_say", n: 5, yes: 5 },
  { authority: "darlington", sex: "female", n: 40, yes: 10 },
  { authority: "darlington", sex: "male", n: 20, yes: 15 },
  { authority: null, sex: "female", n: 5, yes: 0 },
];

/** The closed-form weight of each cell (see above). */
function closedFormWeight(authority: Authority, sex: Sex): number {
  const withAuthority = 145;
  const durham = (withAuthority * 300_000) / 400_000;
  const darlington = (withAuthority * 100_000) / 400_000;
  if (authority === null) return 1;
  if (authority === "durham") {
    if (sex === "prefer_not_to_say") return durham / 85;
    const femaleAndMale = (durham * 80) / 85;
    return sex === "female" ? (femaleAndMale * 156_000) / 300_000 / 30 : (femaleAndMale * 144_000) / 300_000 / 50;
  }
  return sex === "female" ? (darlington * 51_000) / 100_000 / 40 : (darlington * 49_000) / 100_000 / 20;
}

/** Respondents one by one: weight and answer. */
const respondents = CELLS.flatMap((c) => Array.from({ length: c.n }, (_, i) => ({ cell: c, w: closedFormWeight(c.authority, c.sex), y: i < c.yes ? 1 : 0 })));

function reference() {
  const n = respondents.length;
  const sumW = respondents.reduce((s, r) => s + r.w, 0);
  const p = respondents.reduce((s, r) => s + r.w * r.y, 0) / sumW;
  const variance = ((n / (n - 1)) * respondents.reduce((s, r) => s + (r.w * (r.y - p)) ** 2, 0)) / sumW ** 2;
  const effectiveN = (p * (1 - p)) / variance;
  // Wilson (1927) at the effective n, with the normal 97.5% point.
  const z = 1.959963984540054;
  const centre = (p + (z * z) / (2 * effectiveN)) / (1 + (z * z) / effectiveN);
  const half = (z / (1 + (z * z) / effectiveN)) * Math.sqrt((p * (1 - p)) / effectiveN + (z * z) / (4 * effectiveN * effectiveN));
  const kish = sumW ** 2 / respondents.reduce((s, r) => s + r.w * r.w, 0);
  return { percent: p * 100, effectiveN, low: (centre - half) * 100, high: (centre + half) * 100, kish, unweighted: (respondents.filter((r) => r.y).length / n) * 100 };
}

/** P(χ²₁ > x) = 2(1 − Φ(√x)), Φ by Simpson's rule over the normal density. */
function chiSquare1Tail(x: number): number {
  const b = Math.sqrt(x);
  const steps = 20_000;
  const h = b / steps;
  const f = (t: number) => Math.exp(-(t * t) / 2) / Math.sqrt(2 * Math.PI);
  let s = f(0) + f(b);
  for (let i = 1; i < steps; i++) s += (i % 2 ? 4 : 2) * f(i * h);
  return 2 * (0.5 - (s * h) / 3);
}

// One decimal place with a trailing .0 dropped, as every output writes a percentage (results-csv.ts fixed1).
const one = (x: number) => String(Math.round(x * 10) / 10);
const shown = (x: number) => `${(Math.round(x * 10) / 10).toLocaleString("en-GB", { maximumFractionDigits: 1 })}%`;
const WEIGHT = "weight=authority&weight=sex&tolerance=0.000001&iterations=1000";

describeEachDatabase("weighted figures and who responded agree in every output", (ctx) => {
  let app: AppProcess | undefined;
  let cookie = "";
  let id = "";
  const slug = "who-responded-outputs";
  const ids = new Map<string, { authority: Authority; sex: Sex }>();

  beforeAll(async () => {
    const { db } = ctx().handle;
    expect(await loadPopulationCsv(db, { csv: POPULATION, staffEmail: "editor@x.example" })).toMatchObject({ ok: true });
    await createConsultation(db, { slug, title: "Who responded", summary: "s", kind: "survey", status: "live", opensAt: null, closesAt: null, definition: definition as never });
    const c = (await getConsultationBySlug(db, { slug }))!;
    id = c.id;
    const inputs: NewResponse[] = respondents.map((r) => {
      const answers: Answers = {
        victim: { type: "single_choice", option: r.y ? "yes" : "no" },
        about_you: { type: "about_you", items: { sex: r.cell.sex } },
        ...(r.cell.authority ? { postcode: { type: "postcode", outward: r.cell.authority === "durham" ? "DH1" : "DL1", authority: r.cell.authority, area: "x" } } : {}),
      };
      return { consultationId: c.id, versionId: c.versionId, channel: "online", answers, nonce: randomUUID(), tokenExpiresAt: "2999-01-01" };
    });
    await submitResponses(db, inputs);
    const stored = await db.selectFrom("responses").select(["id", "answers_json"]).where("consultation_id", "=", c.id).execute();
    for (const r of stored) {
      const a = JSON.parse(r.answers_json) as Answers;
      const postcode = a.postcode?.type === "postcode" ? (a.postcode.authority as Authority) : null;
      const sex = a.about_you?.type === "about_you" ? (a.about_you.items.sex as Sex) : "female";
      ids.set(r.id, { authority: postcode, sex });
    }
    await ensureDefaultSections(db);
    const [section] = await listSections(db);
    await createIndicator(db, { consultationId: c.id, sectionId: section.id, questionId: "victim", itemId: "", optionIds: ["yes"], filter: null, template: "{percent} have been a victim of crime", previousIndicatorId: null });
    await setResultsPublished(db, { id: c.id, whatWeDid: null, published: true });
    app = await startApp({ buildDir: buildOnce(), databaseUrl: ctx().url, port: await freePort(), env: { SEED_DEMO: "false", SUPPRESSION_THRESHOLD: "10" } });
    cookie = await staffSession(app.url, ctx().url, "analyst");
  }, 300_000);

  afterAll(async () => {
    await stopApp(app);
  });

  const get = async (path: string, signedIn = true) => {
    const res = await fetch(app!.url + path, { headers: signedIn ? { cookie } : {} });
    expect(res.status, path).toBe(200);
    return res;
  };
  const page = async (path: string, signedIn = true) => {
    const html = await (await get(path, signedIn)).text();
    // The research note's rule: intervals are never called a "margin of error".
    expect(html).not.toMatch(/margin of error/i);
    return html;
  };
  const ref = reference();

  it("the closed-form weights make the margins (checked here before the app is asked)", () => {
    const inAuthority = respondents.filter((r) => r.cell.authority);
    const total = (f: (r: (typeof respondents)[number]) => boolean) => respondents.filter(f).reduce((s, r) => s + r.w, 0);
    expect(total((r) => r.cell.authority === "durham") / total((r) => r.cell.authority !== null)).toBeCloseTo(0.75, 12);
    expect(total((r) => r.cell.authority === "durham" && r.cell.sex === "female") / total((r) => r.cell.authority === "durham" && r.cell.sex !== "prefer_not_to_say")).toBeCloseTo(0.52, 12);
    expect(total((r) => r.cell.authority === "darlington" && r.cell.sex === "female") / total((r) => r.cell.authority === "darlington")).toBeCloseTo(0.51, 12);
    expect(total(() => true)).toBeCloseTo(150, 9);
    expect(inAuthority).toHaveLength(145);
  });

  it("the weights file gives each response its closed-form weight", async () => {
    const rows: { response_id: string; weight: string }[] = parse(await (await get(`/staff/consultations/${id}/export/weights.csv?${WEIGHT}`)).text(), { columns: true, bom: true });
    expect(rows).toHaveLength(150);
    for (const r of rows) {
      const cell = ids.get(r.response_id)!;
      expect(Number(r.weight)).toBeCloseTo(closedFormWeight(cell.authority, cell.sex), 5);
    }
  });

  it("the staff page, the Panel pack, the results CSV and the workbook show the same weighted figure, equal to the reference", async () => {
    const data = await (await get(`/staff/consultations/${id}/results?${WEIGHT}&_data=${encodeURIComponent("routes/staff.consultations.$id.results._index")}`)).json();
    const yes = data.questions.find((q: { id: string }) => q.id === "victim").tables[0].rows.find((r: { id: string }) => r.id === "yes");
    expect(yes.percent).toBeCloseTo(ref.unweighted, 9);
    expect(yes.weighted.percent).toBeCloseTo(ref.percent, 6);
    expect(yes.weighted.effectiveN).toBeCloseTo(ref.effectiveN, 4);
    expect(yes.weighted.interval.low * 100).toBeCloseTo(ref.low, 5);
    expect(yes.weighted.interval.high * 100).toBeCloseTo(ref.high, 5);
    expect(data.weightingReport).toMatchObject({ applied: true, converged: true, capped: 0 });
    expect(data.weightingReport.summary.effectiveN).toBeCloseTo(ref.kish, 5);

    // The page a person reads: weighted % and effective n beside the unweighted figure.
    const html = await page(`/staff/consultations/${id}/results?${WEIGHT}&intervals=1`);
    const section = html.slice(html.indexOf('id="q-victim"'), html.indexOf("</section>", html.indexOf('id="q-victim"')));
    expect(section).toContain(shown(ref.unweighted));
    expect(section).toContain(shown(ref.percent));
    expect(section).toContain(`>${Math.round(ref.effectiveN)}<`);
    expect(html).toContain("Weighted figures adjust the people who responded");

    // The Panel pack: the evidence statement with its weighted figure, as the issue words it.
    const pack = await page(`/staff/consultations/${id}/panel-pack?${WEIGHT}`);
    expect(pack).toContain(`${shown(ref.unweighted)} (n = 150) · weighted ${shown(ref.percent)} (effective n ${Math.round(ref.effectiveN)})`);
    expect(pack).toContain(`${shown(ref.low)} to ${shown(ref.high)}`);
    // The evidence page, weighted when asked: the same line beside the statement.
    const evidence = await page(`/staff/evidence?consultation=${id}&${WEIGHT}`);
    expect(evidence).toContain(`${shown(ref.unweighted)} (n = 150) · weighted ${shown(ref.percent)} (effective n ${Math.round(ref.effectiveN)})`);
    expect(evidence).toContain("Weighted figures adjust the people who responded");
    expect(await page(`/staff/evidence?consultation=${id}`)).not.toContain("· weighted");
    const packData = await (await get(`/staff/consultations/${id}/panel-pack?${WEIGHT}&_data=${encodeURIComponent("routes/staff.consultations.$id.panel-pack")}`)).json();
    const packYes = packData.questions.find((q: { id: string }) => q.id === "victim").tables[0].rows.find((r: { id: string }) => r.id === "yes");
    expect(packYes.weighted).toEqual(yes.weighted);

    // The results CSV's weighted columns.
    const csv: Record<string, string>[] = parse(await (await get(`/staff/consultations/${id}/export/results.csv?${WEIGHT}`)).text(), { columns: true, bom: true });
    const csvYes = csv.find((r) => r.question_id === "victim" && r.option_id === "yes")!;
    expect([csvYes.percent, csvYes.weighted_percent, csvYes.weighted_effective_n, csvYes.weighted_ci_low, csvYes.weighted_ci_high]).toEqual([
      one(ref.unweighted),
      one(ref.percent),
      one(ref.effectiveN),
      one(ref.low),
      one(ref.high),
    ]);

    // The workbook: the same row, with the weighting said on the summary sheet.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await (await get(`/staff/consultations/${id}/export/results.xlsx?${WEIGHT}`)).arrayBuffer()) as never);
    const sheet = workbook.worksheets.find((s) => s.getCell("A2").value === "victim")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const yesRow = [2, 3].map((n) => (sheet.getRow(n).values as unknown[]).slice(1)).find((v) => v[4] === "yes")!;
    const cell = (name: string) => yesRow[header.indexOf(name)];
    expect([cell("percent"), cell("weighted_percent"), cell("weighted_effective_n"), cell("weighted_ci_low"), cell("weighted_ci_high")]).toEqual(
      [ref.unweighted, ref.percent, ref.effectiveN, ref.low, ref.high].map((x) => Number(one(x))),
    );
    const summary = workbook.getWorksheet("Summary")!;
    const said = summary.getColumn(1).values.map(String).join("\n");
    expect(said).toContain("Weighted by Local authority (from the postcode), Sex (County Durham), Sex (Darlington)");
    expect(said).toContain("Weighted figures adjust the people who responded");
  });

  it("who responded: the staff page and the public page agree with the figures worked out here, the public page withholding small counts", async () => {
    const staff = await (await get(`/staff/consultations/${id}/results?_data=${encodeURIComponent("routes/staff.consultations.$id.results._index")}`)).json();
    const pub = await (await get(`/consultations/${slug}/results?_data=${encodeURIComponent("routes/consultations.$slug.results")}`, false)).json();

    // Where respondents live: 85 and 60 of the 145 who gave a postcode, against 75% and 25%.
    const share = [85 / 145, 60 / 145];
    const population = [0.75, 0.25];
    const expected = 145 * 0.75;
    const chi = (85 - expected) ** 2 / expected + (60 - 145 * 0.25) ** 2 / (145 * 0.25);
    for (const who of [staff.who, pub.who]) {
      const authority = who.comparisons.find((c: { key: string }) => c.key === "authority");
      authority.rows.forEach((r: { respondents: number; respondentShare: number; populationShare: number; differencePoints: number; ratio: number; per10000: number }, i: number) => {
        expect(r.respondents).toBe([85, 60][i]);
        expect(r.respondentShare).toBeCloseTo(share[i] * 100, 9);
        expect(r.populationShare).toBeCloseTo(population[i] * 100, 9);
        expect(r.differencePoints).toBeCloseTo((share[i] - population[i]) * 100, 9);
        expect(r.ratio).toBeCloseTo(share[i] / population[i], 9);
        expect(r.per10000).toBeCloseTo(([85, 60][i] / [300_000, 100_000][i]) * 10_000, 9);
      });
      expect(authority.tests.chiSquare).toBeCloseTo(chi, 9);
      expect(authority.tests.p).toBeCloseTo(chiSquare1Tail(chi), 6);
      expect(authority.tests.similarity).toBeCloseTo((Math.min(share[0], 0.75) + Math.min(share[1], 0.25)) * 100, 9);
      expect(authority.tests.rateRatio).toBeCloseTo(85 / 300_000 / (60 / 100_000), 9);
    }
    // The 5 without a postcode: shown to staff; the public page withholds them (fewer than 10).
    const notAnswered = (who: { comparisons: { key: string; others: { label: string; respondents: number | null }[] }[] }, key: string) =>
      who.comparisons.find((c) => c.key === key)!.others.find((o) => o.label === "Not answered")!.respondents;
    expect(notAnswered(staff.who, "authority")).toBe(5);
    expect(notAnswered(pub.who, "authority")).toBeNull();

    // Sex: 75 female and 70 male against 207,000 and 193,000; 5 "prefer not to say", shown to
    // staff, withheld in public with what would give it away (the table of the same question).
    const staffSex = staff.who.comparisons.find((c: { key: string }) => c.key === "sex");
    expect(staffSex.rows.map((r: { respondents: number }) => r.respondents)).toEqual([75, 70]);
    expect(staffSex.rows[0].respondentShare).toBeCloseTo((75 / 145) * 100, 9);
    expect(staffSex.rows[0].populationShare).toBeCloseTo((207_000 / 400_000) * 100, 9);
    expect(staffSex.others[0]).toEqual({ label: "Prefer not to say", respondents: 5 });
    const pubSex = pub.who.comparisons.find((c: { key: string }) => c.key === "sex");
    expect(pubSex.others[0].respondents).toBeNull();
    const table = pub.questions.find((q: { id: string }) => q.id === "about_you").tables.find((t: { itemId: string }) => t.itemId === "sex");
    const count = (optionId: string) => table.rows.find((r: { id: string }) => r.id === optionId).count;
    expect(pubSex.rows.map((r: { respondents: number | null }) => r.respondents)).toEqual([count("female"), count("male")]);
    expect(count("prefer_not_to_say")).toBeNull();
    // "Prefer not to say" (5) withheld, with female and male shown the sex base would give it
    // away, so the decision withholds one of them too; a category withheld takes the shares and
    // the test with it (they would give it away).
    expect(pubSex.rows.some((r: { respondents: number | null }) => r.respondents === null)).toBe(true);
    expect(pubSex.tests).toBeNull();
    expect(pubSex.rows.every((r: { respondentShare: number | null }) => r.respondentShare === null)).toBe(true);

    const html = await page(`/consultations/${slug}/results`, false);
    expect(html).toContain("Who responded");
    expect(html).toContain(shown(share[0] * 100));
    expect(html).toContain("[c]");
  });
});
