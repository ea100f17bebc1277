import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { expect, it } from "vitest";
import type { Answers } from "~/responding/answers";
import { createConsultation, getConsultationBySlug } from "~/models/consultation.server";
import { submitResponse } from "~/models/response.server";
import { currentPopulation, listPopulationVersions, loadPopulationCsv } from "~/models/population.server";
import { resultsFor } from "~/models/results.server";
import { weightsCsv } from "~/models/weighting.server";
import type { DisplayQuestion } from "~/results/display";
import { describeEachDatabase } from "../databases";

/**
 * Weighted results and "who responded" through resultsFor, on both databases, against figures
 * worked out by hand: 40 respondents in County Durham and 40 in Darlington, against a population
 * of 75% and 25%, weigh 1.5 and 0.5; half of Durham's and all of Darlington's said "yes", so the
 * weighted share is (20 × 1.5 + 40 × 0.5) / 80 = 62.5% where the unweighted one is 75%.
 */

const CSV = `geography,variable,category,count,source,reference_date,universe
E06000047,total,all,300000,Test figures,2021-03-21,All usual residents
E06000005,total,all,100000,Test figures,2021-03-21,All usual residents
E06000047,sex,female,150000,Test figures,2021-03-21,All usual residents
E06000047,sex,male,150000,Test figures,2021-03-21,All usual residents
E06000005,sex,female,50000,Test figures,2021-03-21,All usual residents
E06000005,sex,male,50000,Test figures,2021-03-21,All usual residents
`;

const definition = {
  pages: [
    {
      id: "p",
      title: "P",
      questions: [
        { id: "victim", type: "single_choice", title: "Victim?", options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] },
        { id: "postcode", type: "postcode", title: "Postcode?" },
        { id: "about_you", type: "about_you", title: "About you", fields: ["sex", "age"] },
      ],
    },
  ],
};

const row = (questions: DisplayQuestion[], q: string, option: string) => {
  const found = questions.find((x) => x.id === q);
  return found?.kind === "tables" ? found.tables[0].rows.find((r) => r.id === option) : undefined;
};

describeEachDatabase("weighting and who responded", (ctx) => {
  it("loads population figures as versions, all or nothing", async () => {
    const { db } = ctx().handle;
    const before = await listPopulationVersions(db);
    expect(before.map((v) => v.version)).toEqual([1]);
    const bad = await loadPopulationCsv(db, { csv: CSV.replace("150000,Test", "lots,Test"), staffEmail: "e@x.example" });
    expect(bad).toEqual({
      ok: false,
      errors: ['Line 4: count "lots" must be a whole number of people from 1 to 100,000,000, without commas', "Line 5: E06000047 has only one category of sex; give at least two, or leave the variable out"],
    });
    expect(await listPopulationVersions(db)).toEqual(before);
    const good = await loadPopulationCsv(db, { csv: CSV, staffEmail: "e@x.example" });
    expect(good).toEqual({ ok: true, version: 2, figures: 6 });
    const now = await currentPopulation(db);
    expect(now.version).toMatchObject({ version: 2, staffEmail: "e@x.example", figures: 6 });
    expect(now.figures[2]).toMatchObject({ geography: "durham", variable: "sex", optionIds: ["female"], count: 150000 });
  });

  it("weights by hand-checkable margins, beside the unweighted figures, with suppression decided on unweighted counts", async () => {
    const { db } = ctx().handle;
    const slug = `weighted-${ctx().name}`;
    await createConsultation(db, { slug, title: "Weighted", summary: "s", kind: "survey", status: "live", opensAt: null, closesAt: null, definition: definition as never });
    const c = (await getConsultationBySlug(db, { slug }))!;
    const submit = (authority: "durham" | "darlington", victim: "yes" | "no", sex: "female" | "male" | "prefer_not_to_say") => {
      const answers: Answers = {
        victim: { type: "single_choice", option: victim },
        postcode: { type: "postcode", outward: authority === "durham" ? "DH1" : "DL1", authority, area: "x" },
        about_you: { type: "about_you", items: { sex } },
      };
      return submitResponse(db, { consultationId: c.id, versionId: c.versionId, channel: "online", answers, nonce: randomUUID(), tokenExpiresAt: "2999-01-01" });
    };
    // Sex is half and half in each authority, so weighting by it as well changes nothing.
    for (let i = 0; i < 40; i++) await submit("durham", i < 20 ? "yes" : "no", i % 2 ? "female" : "male");
    for (let i = 0; i < 40; i++) await submit("darlington", "yes", i % 2 ? "female" : "male");
    const input = { consultationId: c.id, definition: c.definition };
    const weighting = { variables: ["authority" as const, "sex" as const], cap: { low: 0.2, high: 5 }, tolerance: 1e-8, maxIterations: 100 };

    const raw = await resultsFor(db, "raw").results({ ...input, query: { by: null, filter: null, weighting } });
    expect(raw.weighting).toMatchObject({ applied: true, converged: true, capped: 0, unusable: [] });
    expect(raw.weighting!.summary.smallest).toBeCloseTo(0.5, 9);
    expect(raw.weighting!.summary.largest).toBeCloseTo(1.5, 9);
    // Kish: Σw = 80, Σw² = 40·2.25 + 40·0.25 = 100, so n_eff = 64 and the design effect 1.25.
    expect(raw.weighting!.summary.effectiveN).toBeCloseTo(64, 9);
    expect(raw.weighting!.summary.designEffect).toBeCloseTo(1.25, 9);
    const yes = row(raw.questions, "victim", "yes")!;
    expect(yes.percent).toBe(75);
    expect(yes.weighted!.percent).toBeCloseTo(62.5, 9);
    // Its own effective n: v = 80/79 · Σw²(y−p)² / (Σw)² with p = 0.625.
    const p = 0.625;
    const v = ((80 / 79) * (20 * 2.25 * (1 - p) ** 2 + 20 * 2.25 * p ** 2 + 40 * 0.25 * (1 - p) ** 2)) / 6400;
    expect(yes.weighted!.effectiveN).toBeCloseTo((p * (1 - p)) / v, 9);
    // Unweighted results are untouched without a weighting.
    expect(row((await resultsFor(db, "raw").results({ ...input, query: { by: null, filter: null } })).questions, "victim", "yes")!.weighted).toBeUndefined();

    // As published with a threshold above the smallest cell: no weighted figure where the count is withheld.
    const published = await resultsFor(db, "published", { threshold: 25 }).results({ ...input, query: { by: null, filter: { questionId: "postcode", itemId: "", optionIds: ["durham"] }, weighting } });
    const hiddenYes = row(published.questions, "victim", "yes")!;
    expect(hiddenYes.count).toBeNull();
    expect(hiddenYes.weighted).toBeNull();

    // The weights file: one line per counted response, mean weight 1.
    const stream = await weightsCsv(db, { consultationId: c.id, definition: c.definition, choice: weighting });
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    // Starts with the UTF-8 byte order mark, as every CSV offered does (Excel then reads UTF-8).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines: { response_id: string; weight: string }[] = parse(Buffer.from(bytes).toString("utf8"), { columns: true, bom: true });
    expect(lines).toHaveLength(80);
    expect(lines.map((l) => Number(l.weight)).sort()).toEqual([...Array(40).fill(0.5), ...Array(40).fill(1.5)]);

    // Who responded, staff: the authority and sex in each authority, with prefer-not-to-say apart.
    await submit("durham", "no", "prefer_not_to_say");
    // Staff see every count: the tables do not decide anything for them.
    const who = await resultsFor(db, "raw").whoResponded({ ...input, tables: [] });
    const authority = who.comparisons.find((x) => x.key === "authority")!;
    expect(authority.rows.map((r) => [r.label, r.respondents, r.populationShare])).toEqual([
      ["County Durham", 41, 75],
      ["Darlington", 40, 25],
    ]);
    const sex = who.comparisons.find((x) => x.key === "sex")!;
    expect(sex.title).toContain("County Durham and Darlington");
    expect(sex.rows.map((r) => r.respondents)).toEqual([40, 40]);
    expect(sex.others).toEqual([
      { label: "Prefer not to say", respondents: 1 },
      { label: "Not answered", respondents: 0 },
    ]);
    expect(who.notes).toContain("No population figures: Age: none loaded.");

    // The public see the same counts withheld as in the one-way table of the same question.
    const publishedTables = (await resultsFor(db, "published", { threshold: 3 }).results({ ...input, query: { by: null, filter: null } })).questions;
    const pub = await resultsFor(db, "published", { threshold: 3 }).whoResponded({ ...input, tables: publishedTables });
    const pubSex = pub.comparisons.find((x) => x.key === "sex")!;
    const table = publishedTables.find((q) => q.id === "about_you");
    const sexTable = table?.kind === "tables" ? table.tables.find((t) => t.itemId === "sex")! : null;
    expect(pubSex.others[0].respondents).toBe(sexTable!.rows.find((r) => r.id === "prefer_not_to_say")!.count);
    expect(pubSex.others[0].respondents).toBeNull();
    expect(pubSex.rows.map((r) => r.respondents)).toEqual(sexTable!.rows.filter((r) => r.id !== "prefer_not_to_say").map((r) => r.count));
    // And those tables decide: a count missing from them is withheld.
    const none = await resultsFor(db, "published", { threshold: 3 }).whoResponded({ ...input, tables: [] });
    expect(none.comparisons.find((x) => x.key === "sex")!.rows.map((r) => r.respondents)).toEqual([null, null]);
    // The tables may come as a promise (the results page reads both at once): the same figures.
    expect(await resultsFor(db, "published", { threshold: 3 }).whoResponded({ ...input, tables: Promise.resolve(publishedTables) })).toEqual(pub);
  });

  it("uses a newly loaded population version at once, where this process read the previous one", async () => {
    const { db } = ctx().handle;
    const slug = `new-population-${ctx().name}`;
    await createConsultation(db, { slug, title: "New figures", summary: "s", kind: "survey", status: "live", opensAt: null, closesAt: null, definition: definition as never });
    const c = (await getConsultationBySlug(db, { slug }))!;
    for (const authority of ["durham", "darlington"] as const) {
      const answers: Answers = {
        victim: { type: "single_choice", option: "yes" },
        postcode: { type: "postcode", outward: authority === "durham" ? "DH1" : "DL1", authority, area: "x" },
        about_you: { type: "about_you", items: { sex: "female" } },
      };
      await submitResponse(db, { consultationId: c.id, versionId: c.versionId, channel: "online", answers, nonce: randomUUID(), tokenExpiresAt: "2999-01-01" });
    }
    const input = { consultationId: c.id, definition: c.definition, tables: [] };
    const shares = async () => (await resultsFor(db, "raw").whoResponded(input)).comparisons.find((x) => x.key === "authority")!.rows.map((r) => r.populationShare);
    await loadPopulationCsv(db, { csv: CSV, staffEmail: "e@x.example" });
    expect(await shares()).toEqual([75, 25]);
    // Darlington's total raised to 300,000: half and half now.
    await loadPopulationCsv(db, { csv: CSV.replace("E06000005,total,all,100000", "E06000005,total,all,300000"), staffEmail: "e@x.example" });
    expect(await shares()).toEqual([50, 50]);
    const weighting = { variables: ["authority" as const], cap: { low: 0.2, high: 5 }, tolerance: 1e-8, maxIterations: 100 };
    const weighted = await resultsFor(db, "raw").results({ consultationId: c.id, definition: c.definition, query: { by: null, filter: null, weighting } });
    expect(weighted.weighting!.summary.smallest).toBeCloseTo(1, 9);
  });
});
