import { json } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { CODEBOOK_CSV_HEADER, toCsvRows, toFile } from "./codebook";
import { codingContext, requireCodebook } from "./context.server";
import { recordAudit } from "../models/audit.server";
import { db } from "../server/db.server";
import { safeCell } from "../exports/results-csv";
import { allQuestions, type ConsultationDefinition } from "../definition/definition";
import type { SubgroupFilter } from "../evidence/evidence";
import { getCodebook } from "../models/coding.server";
import { loadQuestionThemes } from "./themes.server";
import { stanceCsvRows, THEMES_CSV_HEADER, themesCsvRows } from "./themes-export";
import { themesWorkbook } from "./themes-workbook.server";

/** Downloads from the coding pages; each is recorded in the audit trail. */
export async function codebookDownload(request: Request, params: { id?: string }, format: "json" | "csv"): Promise<Response> {
  const ctx = await codingContext(request, params, "analyst");
  const book = requireCodebook(ctx.codebook, ctx.consultation.id);
  const file = toFile(book.name, book.codes);
  await recordAudit(db(), {
    staff: ctx.session.staff,
    action: "export.downloaded",
    consultationId: ctx.consultation.id,
    detail: `codebook (themes) as ${format.toUpperCase()}, version ${book.version}`,
  });
  const name = `${ctx.consultation.slug}-themes-codebook.${format}`;
  const body = format === "json" ? JSON.stringify(file, null, 2) : stringify([CODEBOOK_CSV_HEADER, ...toCsvRows(file).map((r) => r.map(safeCell))]);
  if (!body) throw json("Nothing to download", { status: 404 });
  return new Response(body, {
    headers: {
      "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** Coded themes of every coded free-text question (within the results query's subgroup), as CSV or Excel. */
export async function codedThemesDownload({
  consultation,
  definition,
  query,
  threshold,
  stem,
  format,
}: {
  consultation: { id: string; title: string };
  definition: ConsultationDefinition;
  query: { filter: SubgroupFilter | null };
  threshold: number | null;
  stem: string;
  format: "csv" | "xlsx";
}): Promise<Response> {
  const book = await getCodebook(db(), { consultationId: consultation.id });
  const keys = new Map((book?.codes ?? []).map((c) => [c.id, c.key]));
  const rows: string[][] = [];
  for (const q of allQuestions(definition).filter((x) => x.type === "free_text")) {
    const themes = await loadQuestionThemes(db(), { consultationId: consultation.id, definition, questionId: q.id, filter: query.filter, threshold });
    if (!themes) continue;
    if (themes.stance) rows.push(...stanceCsvRows(themes.question, themes.stance, themes.table));
    rows.push(...themesCsvRows(themes.question, themes.table, keys));
  }
  const note = `Figures describe the people who responded, not the whole population.${
    threshold ? ` Figures based on fewer than ${threshold} respondents are withheld ([c]).` : " Not disclosure-controlled: for staff use."
  }`;
  const headers = (type: string, name: string) => ({
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="${name}"`,
    "Cache-Control": "no-store",
  });
  if (format === "csv")
    return new Response(stringify([THEMES_CSV_HEADER, ...rows]), { headers: headers("text/csv; charset=utf-8", `${stem}-coded-themes.csv`) });
  const body = await themesWorkbook(`${consultation.title}: coded themes`, rows, note);
  return new Response(new Uint8Array(body), {
    headers: headers("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", `${stem}-coded-themes.xlsx`),
  });
}
