import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Answers } from "~/responding/answers";
import type { ConsultationDefinition } from "~/definition/definition";
import { CODEBOOK_HEADER, codebookRows, responseColumns, responseRow, responsesHeader } from "~/exports/responses-csv";
import { RESULTS_CSV_HEADER, resultsCsvRows } from "~/exports/results-csv";
import type { DisplayQuestion } from "~/results/display";
import { excludedTotal, type ResponseTotals } from "../results/totals";

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

export function csvText(header: string[], rows: string[][]): string {
  return stringify([header, ...rows]);
}

/** The raw anonymised responses as a CSV byte stream, one batch per pull. */
export function streamResponsesCsv(db: Kysely<Database>, { consultationId, definitions }: { consultationId: string; definitions: ConsultationDefinition[] }): ReadableStream<Uint8Array> {
  const columns = responseColumns(definitions);
  let after: string | null = null;
  let index = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(stringify([responsesHeader(columns)])));
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
        responseRow(columns, { index: ++index, version: Number(r.version), channel: r.channel, submittedOn: r.submitted_on }, JSON.parse(r.answers_json) as Answers),
      );
      controller.enqueue(encoder.encode(stringify(rows)));
    },
  });
}

export function codebookCsv(definitions: ConsultationDefinition[]): string {
  return csvText(CODEBOOK_HEADER, codebookRows(responseColumns(definitions)));
}

function sheetName(used: Set<string>, wanted: string): string {
  const clean = wanted.replace(/[[\]:*?/\\]/g, " ").slice(0, 28) || "Sheet";
  let name = clean;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${clean.slice(0, 25)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * The workbook: a summary sheet, a sheet per question (the same rows as the results CSV) and the
 * codebook. Written with exceljs' streaming WorkbookWriter, committing each row as it goes; its
 * content is aggregated figures, so its size does not grow with the number of responses.
 */
export function streamWorkbook({
  title,
  totals,
  questions,
  definitions,
  note,
}: {
  title: string;
  totals: ResponseTotals;
  questions: DisplayQuestion[];
  definitions: ConsultationDefinition[];
  note: string;
}): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const used = new Set<string>();
  void (async () => {
    try {
      const summary = workbook.addWorksheet(sheetName(used, "Summary"));
      summary.columns = [{ width: 48 }, { width: 18 }];
      const add = (values: (string | number)[], bold = false) => {
        const row = summary.addRow(values);
        if (bold) row.font = { bold: true };
        row.commit();
      };
      add([title], true);
      add([note]);
      add([]);
      add(["Responses counted", totals.counted], true);
      for (const [channel, n] of Object.entries(totals.byChannel)) add([`  by ${channel}`, n]);
      add(["Responses excluded", excludedTotal(totals.excluded)], true);
      for (const e of totals.excluded) add([`  ${e.reason}`, e.n]);
      add([]);
      add(["Sheet", "Question"], true);
      const names = questions.map((q) => sheetName(used, q.id));
      questions.forEach((q, i) => add([names[i], q.title]));
      summary.commit();

      const all = resultsCsvRows(questions);
      questions.forEach((q, i) => {
        const sheet = workbook.addWorksheet(names[i]);
        sheet.columns = RESULTS_CSV_HEADER.map((h) => ({ header: h, key: h, width: h === "question" || h === "option" ? 40 : 14 }));
        sheet.getRow(1).font = { bold: true };
        for (const row of all.filter((r) => r[0] === q.id)) {
          // Counts and percentages as numbers, so they can be summed and charted in Excel.
          sheet.addRow(row.map((v, c) => (c >= 6 && v !== "" && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v))).commit();
        }
        sheet.commit();
      });

      const codebook = workbook.addWorksheet(sheetName(used, "Codebook"));
      codebook.columns = CODEBOOK_HEADER.map((h) => ({ header: h, key: h, width: h.endsWith("label") ? 50 : 18 }));
      codebook.getRow(1).font = { bold: true };
      for (const row of codebookRows(responseColumns(definitions))) codebook.addRow(row).commit();
      codebook.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}
