import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Answers } from "~/responding/answers";
import type { ConsultationDefinition } from "~/definition/definition";
import { CODEBOOK_HEADER, codebookRows, responseColumns, responseRow, responsesHeader } from "~/exports/responses-csv";
import { crosstabRows, resultsCsvHeader, resultsCsvRows } from "~/exports/results-csv";
import { weightingLines, type WeightingReport } from "~/weighting/report";
import type { BreakdownTable } from "~/results/breakdown";
import { channelLabel } from "~/responding/channels";
import type { DisplayQuestion } from "~/results/display";
import { excludedTotal, type ExcludedCount, type ShownTotals } from "../results/totals";
import { SUPPRESSED } from "../results/suppression";

/**
 * Exports that stream. The raw responses CSV reads counted responses in keyset-paginated
 * batches (ORDER BY id, WHERE id > last) from responses.answers_json, which exists so that an
 * export needs no join over answer rows; each batch becomes CSV text and is enqueued only when
 * the client pulls, so memory stays at one batch whatever the number of responses.
 * answers_json is not re-validated here: only submitResponse writes it, from answers it has just
 * validated, and every column reader checks the answer's type before reading it. (Parsing it
 * again with zod cost a fifth of the export's time.)
 */

// Small batches keep each batch's rows in V8's young generation, collected cheaply before they
// are ever promoted: at 250 the export ran fastest and the server's memory barely moved
// (1,000 promoted them, and the heap grew by 100 MB over 200,000 responses).
export const BATCH = 250;

const encoder = new TextEncoder();

/**
 * Excel reads a CSV without a byte order mark as the PC's own code page, so "£10" shows as
 * "Â£10" and accented names break; with the UTF-8 BOM it reads UTF-8 (RFC 3629 §6 describes
 * the BOM as a signature). Every CSV we offer starts with it.
 */
export const BOM = "\uFEFF";

export function csvText(header: string[], rows: string[][]): string {
  return BOM + stringify([header, ...rows]);
}

/** The raw anonymised responses as a CSV byte stream, one batch per pull; `labels` puts answer labels in place of ids. */
export function streamResponsesCsv(
  db: Kysely<Database>,
  { consultationId, definitions, labels = false }: { consultationId: string; definitions: ConsultationDefinition[]; labels?: boolean },
): ReadableStream<Uint8Array> {
  const columns = responseColumns(definitions);
  let after: string | null = null;
  let index = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(BOM + stringify([responsesHeader(columns, { labels })])));
        return;
      }
      let q = db
        .selectFrom("responses as r")
        .innerJoin("consultation_versions as v", "v.id", "r.version_id")
        .select(["r.id", "r.channel", "r.submitted_on", "r.answers_json", "v.version"])
        .where("r.consultation_id", "=", consultationId)
        .where("r.status", "=", "counted")
        .orderBy("r.id")
        .limit(BATCH);
      if (after !== null) q = q.where("r.id", ">", after);
      const batch = await q.execute();
      if (batch.length === 0) {
        controller.close();
        return;
      }
      after = batch[batch.length - 1].id;
      const rows = batch.map((r) =>
        responseRow(columns, { index: ++index, version: Number(r.version), channel: r.channel, submittedOn: r.submitted_on }, JSON.parse(r.answers_json) as Answers, { labels }),
      );
      controller.enqueue(encoder.encode(stringify(rows)));
    },
  });
}

export function codebookCsv(definitions: ConsultationDefinition[]): string {
  return csvText(CODEBOOK_HEADER, codebookRows(responseColumns(definitions)));
}

/**
 * Excel's sheet names: at most 31 characters, none of : \\ / ? * [ ], not blank, unique ignoring
 * case (Excel refuses the file otherwise). Readable names ("Q2 How much of a priority…"), made
 * unique with a number where two would be the same.
 */
export function sheetName(used: Set<string>, wanted: string): string {
  const MAX = 31;
  const clean = wanted.replace(/[[\]:*?/\\]/g, " ").replace(/\s+/g, " ").replace(/^'+|'+$/g, "").trim() || "Sheet";
  const cut = (text: string, room: number) => (text.length <= room ? text : `${text.slice(0, room - 1).trimEnd()}…`);
  let name = cut(clean, MAX);
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${cut(clean, MAX - String(i).length - 1)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

/** Counts and bases as whole numbers with thousands separators; percentages to one decimal place. */
const COUNT_FORMAT = "#,##0";
const PERCENT_FORMAT = "0.0";
const NUMERIC = /^-?\d+(\.\d+)?$/;
const asNumber = (v: string) => (v !== "" && NUMERIC.test(v) ? Number(v) : v);

function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A header row that stays in view when scrolling, with Excel's filter buttons on it. */
function tableSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: { header: string; width: number; numFmt?: string }[]) {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
    autoFilter: { from: "A1", to: `${columnLetter(columns.length)}1` },
  } as Partial<ExcelJS.AddWorksheetOptions>);
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.header, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

const RESULTS_FORMATS: Record<string, string> = {
  count: COUNT_FORMAT,
  base: COUNT_FORMAT,
  valid_base: COUNT_FORMAT,
  percent: PERCENT_FORMAT,
  ci_low: PERCENT_FORMAT,
  ci_high: PERCENT_FORMAT,
  valid_percent_excluding_dont_know: PERCENT_FORMAT,
  weighted_percent: PERCENT_FORMAT,
  weighted_effective_n: PERCENT_FORMAT,
  weighted_ci_low: PERCENT_FORMAT,
  weighted_ci_high: PERCENT_FORMAT,
};

/**
 * The workbook: a summary sheet, a sheet per question (the same rows as the results CSV), a
 * crosstab sheet per breakdown asked for, and the codebook. Written with exceljs' streaming
 * WorkbookWriter, committing each row as it goes; its content is aggregated figures, so its size
 * does not grow with the number of responses.
 */
export function streamWorkbook({
  title,
  channels,
  excluded,
  questions,
  definitions,
  note,
  crosstabs = [],
  weighting = null,
}: {
  title: string;
  /** Counted responses by channel as the audience may see them ([c] where withheld). */
  channels: ShownTotals;
  /** Responses held apart and why: staff's raw figures only (null in a published workbook). */
  excluded: ExcludedCount[] | null;
  questions: DisplayQuestion[];
  definitions: ConsultationDefinition[];
  note: string;
  /** Breakdowns to lay out as crosstabs: groups across, answers down. */
  crosstabs?: { label: string; tables: BreakdownTable[] }[];
  /** What the weighting did, when the questions carry weighted figures: said on the summary sheet. */
  weighting?: WeightingReport | null;
}): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const used = new Set<string>();
  void (async () => {
    try {
      const summary = workbook.addWorksheet(sheetName(used, "Summary"));
      summary.columns = [{ width: 48 }, { width: 60, style: { numFmt: COUNT_FORMAT } }];
      const add = (values: (string | number)[], bold = false) => {
        const row = summary.addRow(values);
        if (bold) row.font = { bold: true };
        row.commit();
      };
      add([title], true);
      add([note]);
      if (weighting) for (const line of weightingLines(weighting)) add([line]);
      add([]);
      add(["Responses counted", channels.counted ?? SUPPRESSED], true);
      for (const c of channels.byChannel) add([`  ${channelLabel(c.channel)}`, c.n ?? SUPPRESSED]);
      if (excluded) {
        add(["Responses excluded", excludedTotal(excluded)], true);
        for (const e of excluded) add([`  ${e.reason}`, e.n]);
      }
      add([]);
      add(["Sheet", "Question"], true);
      const names = questions.map((q, i) => sheetName(used, `Q${i + 1} ${q.title}`));
      questions.forEach((q, i) => add([names[i], q.title]));
      const crosstabNames = crosstabs.map((c) => sheetName(used, `By ${c.label}`));
      crosstabs.forEach((c, i) => add([crosstabNames[i], `Every question broken down by ${c.label}`]));
      add(["Codebook", "What each column and id in the responses file means"]);
      summary.commit();

      const all = resultsCsvRows(questions);
      questions.forEach((q, i) => {
        const sheet = tableSheet(
          workbook,
          names[i],
          resultsCsvHeader(questions).map((h) => ({ header: h, width: h === "question" || h === "option" || h === "item" ? 40 : h === "base_description" ? 30 : 14, numFmt: RESULTS_FORMATS[h] })),
        );
        for (const row of all.filter((r) => r[0] === q.id)) {
          // Counts and percentages as numbers, so they can be summed and charted in Excel.
          sheet.addRow(row.map((v, c) => (c >= 6 ? asNumber(v) : v))).commit();
        }
        sheet.commit();
      });

      crosstabs.forEach((c, i) => {
        const width = 1 + Math.max(1, ...c.tables.map((t) => (t.columns.length + 1) * 2));
        const sheet = workbook.addWorksheet(crosstabNames[i], { views: [{ state: "frozen", xSplit: 1, ySplit: 0 }] });
        sheet.columns = Array.from({ length: width }, (_, n) => (n === 0 ? { width: 48 } : { width: 12, style: { numFmt: n % 2 ? COUNT_FORMAT : PERCENT_FORMAT } }));
        for (const row of crosstabRows(c.tables)) {
          const added = sheet.addRow(row.cells);
          if (row.bold) added.font = { bold: true };
          added.commit();
        }
        sheet.commit();
      });

      const codebook = tableSheet(
        workbook,
        sheetName(used, "Codebook"),
        CODEBOOK_HEADER.map((h) => ({ header: h, width: h.endsWith("label") ? 50 : 18 })),
      );
      for (const row of codebookRows(responseColumns(definitions))) codebook.addRow(row).commit();
      codebook.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}
