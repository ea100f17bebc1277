import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { aggregate } from "../../app/results/aggregate";
import { breakdownTables } from "../../app/results/breakdown";
import { EvidenceApiSchema, figureOf, toApiStatement } from "../../app/evidence/evidence";
import { BREAKDOWN_CSV_HEADER, breakdownCsvRows, RESULTS_CSV_HEADER, resultsCsvRows } from "../../app/exports/results-csv";
import { displayResults } from "../../app/results/display";
import { breakdownColumns } from "../../app/results/query";
import { getConsultationBySlug, getVersionDefinitions } from "../../app/models/consultation.server";
import { createIndicator, listSections, listStatements } from "../../app/models/evidence.server";
import { BATCH, codebookCsv, csvText, streamResponsesCsv, streamWorkbook } from "../../app/exports/responses-stream.server";
import { readCounts, recountFromAnswers, responseTotals } from "../../app/models/answer-counts.server";
import { breakdownRows, countRows, proportion } from "../../app/models/answer-counts.server";
import { resultsFor } from "~/models/results.server";
import { describeEachDatabase } from "../databases";

/**
 * Round trips on the seeded demo data: every export is re-parsed (csv-parse, exceljs) and the
 * published figures recomputed from what the file says, on SQLite and PostgreSQL.
 */

const pct = (x: number, n: number) => Math.round((x / n) * 1000) / 10;

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describeEachDatabase(
  "results and exports on the seeded data",
  (ctx) => {
    const db = () => ctx().handle.db;
    const precept = async () => (await getConsultationBySlug(db(), { slug: "police-precept-2022-23" }))!;
    const survey = async () => (await getConsultationBySlug(db(), { slug: "police-and-crime-survey-2021" }))!;

    it("seeds the plan's six sections", async () => {
      expect((await listSections(db())).map((s) => s.name)).toEqual(["Safer Communities", "Safer Business", "Safer Online", "Safer People", "Safer Roads", "Safer Countryside"]);
    });

    it("aggregated results CSV round trip gives 76.4%, 46.6%, 60% and 91.4%", async () => {
      const c = await precept();
      const csv = csvText(RESULTS_CSV_HEADER, resultsCsvRows(displayResults(aggregate(c.definition, await readCounts(db(), { consultationId: c.id })))));
      const rows: Record<string, string>[] = parse(csv, { columns: true, bom: true });
      const find = (q: string, o: string) => rows.find((r) => r.question_id === q && r.option_id === o)!;
      expect(find("investment", "neighbourhood_policing").percent).toBe("76.4");
      expect(find("investment", "response_times").percent).toBe("46.6");
      expect(find("investment", "more_officers").percent).toBe("60");
      expect(find("asb_priority", "net").percent).toBe("91.4");
      // The percentage is of the stated base, and the interval brackets it.
      const npt = find("investment", "neighbourhood_policing");
      expect(pct(Number(npt.count), Number(npt.base))).toBe(76.4);
      expect(Number(npt.ci_low)).toBeLessThan(76.4);
      expect(Number(npt.ci_high)).toBeGreaterThan(76.4);
    });

    it("raw responses CSV and codebook: recompute every seeded figure from the rows", async () => {
      const p = await precept();
      const defs = (await getVersionDefinitions(db(), { consultationId: p.id })).map((v) => v.definition);
      const rows: Record<string, string>[] = parse(await text(streamResponsesCsv(db(), { consultationId: p.id, definitions: defs })), { columns: true, bom: true });
      expect(rows).toHaveLength(500);
      const answered = rows.filter((r) => r["investment.neighbourhood_policing"] !== "");
      expect(pct(answered.filter((r) => r["investment.neighbourhood_policing"] === "1").length, answered.length)).toBe(76.4);
      expect(pct(answered.filter((r) => r["investment.response_times"] === "1").length, answered.length)).toBe(46.6);
      expect(pct(answered.filter((r) => r["investment.more_officers"] === "1").length, answered.length)).toBe(60);
      const asb = rows.filter((r) => r.asb_priority !== "");
      expect(pct(asb.filter((r) => ["high", "medium", "low"].includes(r.asb_priority)).length, asb.length)).toBe(91.4);
      // Ids, not labels, in the data; the codebook has the labels.
      const codebook: Record<string, string>[] = parse(codebookCsv(defs), { columns: true, bom: true });
      expect(codebook.find((r) => r.column === "asb_priority" && r.value === "high")?.value_label).toBe("High priority");

      const s = await survey();
      const sdefs = (await getVersionDefinitions(db(), { consultationId: s.id })).map((v) => v.definition);
      const srows: Record<string, string>[] = parse(await text(streamResponsesCsv(db(), { consultationId: s.id, definitions: sdefs })), { columns: true, bom: true });
      const victims = srows.filter((r) => r.victim === "yes");
      expect(victims).toHaveLength(200);
      expect(pct(victims.filter((r) => r.reported === "no").length, victims.length)).toBe(34);
    });

    it("streams in batches: more responses than one batch come out once each, in a stable order", async () => {
      const p = await precept();
      const defs = (await getVersionDefinitions(db(), { consultationId: p.id })).map((v) => v.definition);
      const reader = streamResponsesCsv(db(), { consultationId: p.id, definitions: defs }).getReader();
      let chunks = 0;
      for (;;) {
        const { done } = await reader.read();
        if (done) break;
        chunks++;
      }
      // Header, then ceil(500 / BATCH) batches: nothing is read before it is pulled.
      expect(BATCH).toBeLessThan(500);
      expect(chunks).toBe(1 + Math.ceil(500 / BATCH));
    });

    it("subgroup filter: 34% of victims did not report, by GROUP BY over answer rows", async () => {
      const s = await survey();
      const victims = { questionId: "victim", itemId: "", optionIds: ["yes"] };
      const results = aggregate(s.definition, await countRows(db(), { consultationId: s.id, filter: victims }));
      const reported = results.find((r) => r.question.id === "reported")!;
      if (reported.kind !== "options") throw new Error("reported is a single choice");
      expect(reported.table.base).toBe(200);
      expect(Math.round(reported.table.rows.find((r) => r.id === "no")!.percent! * 10) / 10).toBe(34);
      // The subgroup's own question: all of them said yes.
      const victim = results.find((r) => r.question.id === "victim")!;
      if (victim.kind !== "options") throw new Error("victim is a single choice");
      expect(victim.table.base).toBe(200);
      // Without a filter the maintained counts are used, and they equal the recount.
      const all = await countRows(db(), { consultationId: s.id, filter: null });
      const key = (r: { question_id: string; item_id: string; option_id: string; n: number }) => `${r.question_id}|${r.item_id}|${r.option_id}|${r.n}`;
      expect(all.map(key).sort()).toEqual((await recountFromAnswers(db(), { consultationId: s.id })).map(key).sort());
    });

    it("breakdown by victim of crime, with column percentages and bases; CSV round trip", async () => {
      const s = await survey();
      const columns = [
        { id: "yes", label: "Yes" },
        { id: "no", label: "No" },
        { id: "prefer_not_to_say", label: "Prefer not to say" },
      ];
      const rows = await breakdownRows(db(), { consultationId: s.id, by: { questionId: "victim", itemId: "" }, filter: null });
      const tables = breakdownTables(s.definition, columns, rows);
      const reported = tables.find((t) => t.key === "reported")!;
      expect(reported.columnBases[0]).toBe(200);
      expect(Math.round(reported.rows.find((r) => r.id === "no")!.percents[0]! * 10) / 10).toBe(34);
      const csv: Record<string, string>[] = parse(csvText(BREAKDOWN_CSV_HEADER, breakdownCsvRows(tables)), { columns: true, bom: true });
      const cell = csv.find((r) => r.question_id === "reported" && r.option_id === "no" && r.group_id === "yes")!;
      expect(cell.column_percent).toBe("34");
      expect(cell.column_base).toBe("200");
      // The breakdown's group totals add up to the overall counts of those who answered "victim".
      const victim = tables.find((t) => t.key === "victim")!;
      expect(victim.total).toBe(600);
      // By channel: every counted response has one, so the groups add up to everything.
      const byChannel = breakdownTables(s.definition, [{ id: "online", label: "Online" }, { id: "event", label: "Event" }], await breakdownRows(db(), { consultationId: s.id, by: { questionId: "_channel", itemId: "" }, filter: null }));
      expect(byChannel.find((t) => t.key === "victim")!.total).toBe((await responseTotals(db(), { consultationId: s.id })).counted);
      // Published (suppressed) breakdowns never show a count under 10.
      const published = (await resultsFor(db(), "published", { threshold: 10 }).results({ consultationId: s.id, definition: s.definition, query: { by: { questionId: "victim", itemId: "" }, filter: null } })).breakdown!;
      expect(published.length).toBe(tables.length);
      for (const t of published) for (const r of t.rows) for (const n of [...r.counts, r.total]) expect(n === null || n === 0 || n >= 10).toBe(true);
      // Deciding a breakdown of the whole survey with the published tables takes 15 to 20 s on
      // an idle machine (the audit's linear programmes), far more on a loaded one.
    }, 240_000);

    it("a breakdown within a subgroup agrees with counting the raw responses file by hand", async () => {
      const s = await survey();
      const defs = (await getVersionDefinitions(db(), { consultationId: s.id })).map((v) => v.definition);
      const raw: Record<string, string>[] = parse(await text(streamResponsesCsv(db(), { consultationId: s.id, definitions: defs })), { columns: true, bom: true });
      const ages = ["16_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus", "prefer_not_to_say"];
      const victims = { questionId: "victim", itemId: "", optionIds: ["yes"] };
      for (const [by, column] of [
        [{ questionId: "about_you", itemId: "age" }, "about_you.age"],
        [{ questionId: "_channel", itemId: "" }, "channel"],
      ] as const) {
        const grouped = await breakdownRows(db(), { consultationId: s.id, by, filter: victims });
        for (const group of by.questionId === "_channel" ? ["online", "event"] : ages) {
          const mine = raw.filter((r) => r.victim === "yes" && r[column] === group);
          const n = (option: string, item = "") => grouped.find((r) => r.group === group && r.question_id === "reported" && r.item_id === item && r.option_id === option)?.n ?? 0;
          expect(n("*")).toBe(mine.filter((r) => r.reported !== "").length);
          expect(n("no")).toBe(mine.filter((r) => r.reported === "no").length);
          expect(n("*")).toBeGreaterThan(0);
        }
      }
    });

    it("XLSX round trip: summary, a sheet per question and the codebook; recompute 76.4% and 91.4%", async () => {
      const p = await precept();
      const defs = (await getVersionDefinitions(db(), { consultationId: p.id })).map((v) => v.definition);
      const totals = await responseTotals(db(), { consultationId: p.id });
      const questions = displayResults(aggregate(p.definition, await readCounts(db(), { consultationId: p.id })));
      const channels = { counted: totals.counted, byChannel: Object.entries(totals.byChannel).map(([channel, n]) => ({ channel, n })) };
      const bytes = Buffer.from(await new Response(streamWorkbook({ title: p.title, channels, excluded: totals.excluded, questions, definitions: defs, note: "Figures describe respondents." })).arrayBuffer());
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.read(Readable.from(bytes));
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        "Summary",
        "Q1 Which of these would you li…",
        "Q2 How much of a priority shou…",
        "Q3 Would you support this incr…",
        "Q4 What is your postcode",
        "Q5 About you",
        "Q6 Is there anything else you…",
        "Codebook",
      ]);
      const sheetRows = (name: string) => {
        const sheet = wb.getWorksheet(name)!;
        const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
        const out: Record<string, unknown>[] = [];
        sheet.eachRow((row, i) => {
          if (i > 1) out.push(Object.fromEntries(header.map((h, c) => [h, (row.values as unknown[])[c + 1]])));
        });
        return out;
      };
      const inv = sheetRows("Q1 Which of these would you li…");
      const npt = inv.find((r) => r.option_id === "neighbourhood_policing")!;
      expect(pct(Number(npt.count), Number(npt.base))).toBe(76.4);
      expect(npt.percent).toBe(76.4);
      const asb = sheetRows("Q2 How much of a priority shou…").find((r) => r.option_id === "net")!;
      expect(pct(Number(asb.count), Number(asb.base))).toBe(91.4);
      expect(sheetRows("Codebook").some((r) => r.column === "investment.neighbourhood_policing")).toBe(true);
      const summary = wb.getWorksheet("Summary")!;
      let counted: unknown;
      summary.eachRow((row) => {
        if (row.getCell(1).value === "Responses counted") counted = row.getCell(2).value;
      });
      expect(counted).toBe(500);
    });

    it("for Excel: every CSV starts with a UTF-8 byte order mark, so £ reads as £", async () => {
      const p = await precept();
      const defs = (await getVersionDefinitions(db(), { consultationId: p.id })).map((v) => v.definition);
      const bytes = new Uint8Array(await new Response(streamResponsesCsv(db(), { consultationId: p.id, definitions: defs })).arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      for (const csv of [codebookCsv(defs), csvText(RESULTS_CSV_HEADER, [])]) expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      // The precept proposal's label has a £ sign; read back as UTF-8 it is intact.
      const codebook: Record<string, string>[] = parse(Buffer.from(codebookCsv(defs), "utf8"), { columns: true, bom: true });
      expect(codebook.some((r) => r.column_label.includes("An increase of £10"))).toBe(true);
    });

    it("responses with labels instead of ids reproduce the same figures", async () => {
      const p = await precept();
      const defs = (await getVersionDefinitions(db(), { consultationId: p.id })).map((v) => v.definition);
      const raw = await text(streamResponsesCsv(db(), { consultationId: p.id, definitions: defs, labels: true }));
      const rows: Record<string, string>[] = parse(raw, { columns: true, bom: true });
      expect(rows).toHaveLength(500);
      const header = Object.keys(rows[0]);
      expect(header.slice(0, 4)).toEqual(["Response", "Version", "Channel", "Submitted on"]);
      expect(new Set(header).size).toBe(header.length);
      const npt = "Which of these would you like to see investment in?: Neighbourhood Policing";
      const answered = rows.filter((r) => r[npt] !== "");
      expect(pct(answered.filter((r) => r[npt] === "Selected").length, answered.length)).toBe(76.4);
      const asb = "How much of a priority should tackling anti-social behaviour be?";
      const gave = rows.filter((r) => r[asb] !== "");
      expect(pct(gave.filter((r) => ["High priority", "Medium priority", "Low priority"].includes(r[asb])).length, gave.length)).toBe(91.4);
      // Channels by name, not id.
      expect([...new Set(rows.map((r) => r.Channel))].sort()).toEqual(["Online", "Paper"]);
    });

    it("workbook for Excel: readable unique sheet names, frozen header rows, filters, number formats, and crosstab sheets that reproduce the breakdown", async () => {
      const s = await survey();
      const defs = (await getVersionDefinitions(db(), { consultationId: s.id })).map((v) => v.definition);
      const totals = await responseTotals(db(), { consultationId: s.id });
      const questions = displayResults(aggregate(s.definition, await readCounts(db(), { consultationId: s.id })));
      const columns = breakdownColumns(s.definition, { questionId: "victim", itemId: "" });
      const tables = breakdownTables(s.definition, columns, await breakdownRows(db(), { consultationId: s.id, by: { questionId: "victim", itemId: "" }, filter: null }));
      const channels = { counted: totals.counted, byChannel: Object.entries(totals.byChannel).map(([channel, n]) => ({ channel, n })) };
      const stream = streamWorkbook({ title: s.title, channels, excluded: totals.excluded, questions, definitions: defs, note: "Staff use.", crosstabs: [{ label: "victim of crime", tables }] });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.read(Readable.from(Buffer.from(await new Response(stream).arrayBuffer())));
      const names = wb.worksheets.map((w) => w.name);
      expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
      for (const n of names) {
        expect(n.length).toBeLessThanOrEqual(31);
        expect(n).not.toMatch(/[[\]:*?/\\]/);
      }
      expect(names).toContain("By victim of crime");
      const q = wb.worksheets[1];
      expect(q.name).toMatch(/^Q1 /);
      expect(q.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(q.autoFilter).toBeTruthy();
      const header = (q.getRow(1).values as unknown[]).slice(1);
      const countCol = header.indexOf("count") + 1;
      const percentCol = header.indexOf("percent") + 1;
      expect(q.getRow(2).getCell(countCol).numFmt).toBe("#,##0");
      expect(q.getRow(2).getCell(percentCol).numFmt).toBe("0.0");
      expect(wb.getWorksheet("Codebook")!.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });

      // The crosstab: "Did you report it?" by victim of crime, 34% of the 200 victims said no.
      const cross = wb.getWorksheet("By victim of crime")!;
      const lines: unknown[][] = [];
      cross.eachRow({ includeEmpty: true }, (row) => lines.push((row.values as unknown[]).slice(1)));
      const start = lines.findIndex((l) => typeof l[0] === "string" && (l[0] as string).startsWith("Did you report"));
      expect(start).toBeGreaterThanOrEqual(0);
      const head = lines[start + 1] as string[];
      expect(head[1]).toBe("Yes: count");
      const no = lines.slice(start + 2).find((l) => l[0] === "No")!;
      const base = lines.slice(start + 2).find((l) => typeof l[0] === "string" && (l[0] as string).startsWith("Base"))!;
      expect(base[1]).toBe(200);
      expect(no[2]).toBe(34);
      expect(pct(Number(no[1]), Number(base[1]))).toBe(34);
    });

    it("evidence statements: figures, intervals, year on year, and the public JSON schema", async () => {
      const p = await precept();
      const s = await survey();
      const sections = await listSections(db());
      const communities = sections.find((x) => x.name === "Safer Communities")!;
      const people = sections.find((x) => x.name === "Safer People")!;
      await createIndicator(db(), {
        consultationId: p.id,
        sectionId: communities.id,
        questionId: "investment",
        itemId: "",
        optionIds: ["neighbourhood_policing"],
        filter: null,
        template: "{percent} of respondents want to see investment in Neighbourhood Policing",
        previousIndicatorId: null,
      });
      const earlier = await createIndicator(db(), {
        consultationId: s.id,
        sectionId: people.id,
        questionId: "reporting_ease",
        itemId: "",
        optionIds: ["fairly_difficult", "very_difficult"],
        filter: null,
        template: "{percent} found it difficult to report a crime",
        previousIndicatorId: null,
      });
      await createIndicator(db(), {
        consultationId: s.id,
        sectionId: people.id,
        questionId: "reported",
        itemId: "",
        optionIds: ["no"],
        filter: { questionId: "victim", itemId: "", optionIds: ["yes"] },
        template: "{percent} of victims of crime did not report it",
        previousIndicatorId: earlier.id,
      });
      const statements = await listStatements(db());
      const texts = statements.map((x) => x.statement);
      expect(texts).toContain("76.4% of respondents want to see investment in Neighbourhood Policing");
      expect(texts).toContain("68% found it difficult to report a crime");
      expect(texts).toContain("34% of victims of crime did not report it");
      const victims = statements.find((x) => x.question.id === "reported")!;
      expect(victims.figure.base).toBe(200);
      expect(victims.baseDescription).toContain('"Yes" to');
      // 34% of 200 against 68% of 600: the change, tested.
      expect(victims.previous!.change!.points).toBeCloseTo(34 - 68, 6);
      expect(victims.previous!.change!.significant).toBe(true);
      // A multiple-choice indicator counting two options counts each respondent once.
      const either = await proportion(db(), { consultationId: p.id, questionId: "investment", itemId: "", optionIds: ["neighbourhood_policing", "response_times"], filter: null });
      expect(either.count).toBeLessThan(382 + 233);
      expect(either.count).toBeGreaterThanOrEqual(382);

      // Public: nothing until results are published; then the schema holds.
      expect(await listStatements(db(), { publishedOnly: true })).toEqual([]);
      await db().updateTable("consultations").set({ results_published_at: new Date().toISOString() }).where("id", "=", p.id).execute();
      const published = await listStatements(db(), { publishedOnly: true });
      expect(published.map((x) => x.consultation.slug)).toEqual(["police-precept-2022-23"]);
      const api = EvidenceApiSchema.parse({
        schemaVersion: 1,
        generatedAt: new Date().toISOString(),
        suppressionThreshold: 10,
        intervalNote: "indicative",
        filters: { section: null, consultation: null },
        sections: sections.map((x) => ({ id: x.id, name: x.name })),
        statements: published.map((x) => toApiStatement(x, `/consultations/${x.consultation.slug}/results`)),
      });
      expect(api.statements[0].figure!.percent).toBe(76.4);
      expect(api.statements[0].figure!.interval.low).toBeLessThan(76.4);
      // A withheld figure shows nothing.
      const small = toApiStatement({ ...published[0], figure: figureOf(4, 500), suppressed: true }, "/x");
      expect(small).toMatchObject({ suppressed: true, figure: null, statement: null });
    });
  },
  { seed: true },
);

