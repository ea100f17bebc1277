import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { BREAKDOWN_CSV_HEADER, breakdownCsvRows, resultsCsvHeader, resultsCsvRows } from "~/exports/results-csv";
import { parseWeightingQuery } from "~/weighting/weighting-query";
import { weightsCsv } from "~/models/weighting.server";
import { breakdownChoices, breakdownLabel, parseResultsQuery } from "~/results/query";
import { db } from "~/server/db.server";
import { recordAudit } from "~/models/audit.server";
import { getConsultationForStaff, getVersionDefinitions } from "~/models/consultation.server";
import { codebookCsv, csvText, streamResponsesCsv, streamWorkbook } from "~/exports/responses-stream.server";
import { resultsFor } from "~/models/results.server";
import { staffAudience } from "~/results/audience";
import { requireRecentAuth, requireStaff } from "~/auth/staff-auth.server";
import { codedThemesDownload } from "~/coding/downloads.server";

/**
 * Downloads for analysts and up. A resource route: no layout runs before it, so it checks the
 * role itself, and every download is written to the audit trail (what, with which options).
 */

const FILES = ["results.csv", "breakdown.csv", "results.xlsx", "responses.csv", "codebook.csv", "coded-themes.csv", "coded-themes.xlsx", "weights.csv"] as const;
type FileName = (typeof FILES)[number];

function attachment(body: BodyInit, name: string, type: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${name}"`,
      // Exports are personal (pseudonymous) data or unpublished figures: never cached.
      "Cache-Control": "no-store",
    },
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "analyst");
  const file = FILES.find((f) => f === params.file) as FileName | undefined;
  if (!file) throw json(`There is no download called "${params.file}". Choose one of: ${FILES.join(", ")}.`, { status: 404 });
  // Every individual response: password (and code) proved in the last 15 minutes.
  if (file === "responses.csv") requireRecentAuth(session, request);
  const c = params.id ? await getConsultationForStaff(db(), { id: params.id }) : null;
  if (!c || !c.currentVersion) throw json("There is no consultation with results at this address.", { status: 404 });
  const def = c.currentVersion.definition;
  const search = new URL(request.url).searchParams;
  const { query, errors: queryErrors } = parseResultsQuery(search, def);
  const { weighting, errors: weightingErrors } = parseWeightingQuery(search);
  const errors = [...queryErrors, ...weightingErrors];
  if (errors.length) return json({ errors: errors.map((e) => ({ path: e.field, message: e.message })) }, { status: 400 });
  const results = resultsFor(db(), staffAudience(query.published));
  const threshold = results.threshold;
  const labels = search.get("labels") === "1";
  // Crosstab sheets for the workbook: the breakdown on screen, and any others asked for by name.
  const allowed = new Set(breakdownChoices(def).map((c) => c.value));
  const crosstabs = [...new Set([...(query.by ? [`${query.by.questionId}|${query.by.itemId}`] : []), ...search.getAll("crosstab")])];
  const unknown = crosstabs.filter((c) => !allowed.has(c));
  if (unknown.length) return json({ errors: unknown.map((c) => ({ path: "crosstab", message: `"${c}" is not a question the results can be broken down by` })) }, { status: 400 });
  const stem = `${c.slug}${query.filter ? `-${query.filter.questionId}-${query.filter.optionIds.join("-")}` : ""}${query.published ? "-published" : ""}`;
  const detail = [file, query.published ? "as published" : "unsuppressed", query.by ? `by ${query.by.questionId}` : "", query.filter ? `filtered to ${query.filter.questionId}=${query.filter.optionIds.join("/")}` : "", file === "responses.csv" && labels ? "with labels" : "", file === "results.xlsx" && crosstabs.length ? `crosstabs by ${crosstabs.map((c) => c.split("|").filter(Boolean).join(".")).join(", ")}` : "", weighting ? `weighted by ${weighting.variables.join("/")}` : ""]
    .filter(Boolean)
    .join(", ");
  await recordAudit(db(), { staff: session.staff, action: "export.downloaded", consultationId: c.id, detail });

  switch (file) {
    case "coded-themes.csv":
    case "coded-themes.xlsx":
      return codedThemesDownload({ consultation: c, definition: def, query, threshold, stem, format: file === "coded-themes.csv" ? "csv" : "xlsx" });
    case "responses.csv": {
      const definitions = (await getVersionDefinitions(db(), { consultationId: c.id })).map((v) => v.definition);
      return attachment(streamResponsesCsv(db(), { consultationId: c.id, definitions, labels }), `${c.slug}-responses${labels ? "-labelled" : ""}.csv`, "text/csv; charset=utf-8");
    }
    case "codebook.csv": {
      const definitions = (await getVersionDefinitions(db(), { consultationId: c.id })).map((v) => v.definition);
      return attachment(codebookCsv(definitions), `${c.slug}-codebook.csv`, "text/csv; charset=utf-8");
    }
    case "results.csv": {
      const { questions } = await results.results({ consultationId: c.id, definition: def, query: { by: null, filter: query.filter, weighting } });
      return attachment(csvText(resultsCsvHeader(questions), resultsCsvRows(questions)), `${stem}${weighting ? "-weighted" : ""}-results.csv`, "text/csv; charset=utf-8");
    }
    case "weights.csv": {
      if (!weighting) return json({ errors: [{ path: "weight", message: "Choose variables to weight by" }] }, { status: 400 });
      const stream = await weightsCsv(db(), { consultationId: c.id, definition: def, choice: weighting });
      if (!stream) return json({ errors: [{ path: "weight", message: "None of the chosen variables could be used, so there are no weights" }] }, { status: 400 });
      return attachment(stream, `${c.slug}-weights-${weighting.variables.join("-")}.csv`, "text/csv; charset=utf-8");
    }
    case "breakdown.csv": {
      if (!query.by) return json({ errors: [{ path: "by", message: "Choose a question to break the results down by" }] }, { status: 400 });
      const { breakdown } = await results.results({ consultationId: c.id, definition: def, query });
      return attachment(csvText(BREAKDOWN_CSV_HEADER, breakdownCsvRows(breakdown ?? [])), `${stem}-breakdown-${query.by.questionId}.csv`, "text/csv; charset=utf-8");
    }
    case "results.xlsx": {
      const [{ questions, totals, channels, weighting: report }, versions, ...tabs] = await Promise.all([
        results.results({ consultationId: c.id, definition: def, query: { by: null, filter: query.filter, weighting } }),
        getVersionDefinitions(db(), { consultationId: c.id }),
        ...crosstabs.map(async (value) => {
          const [questionId, itemId] = value.split("|");
          const by = { questionId, itemId: itemId ?? "" };
          const { breakdown } = await results.results({ consultationId: c.id, definition: def, query: { by, filter: query.filter } });
          return { label: breakdownLabel(def, by), tables: breakdown ?? [] };
        }),
      ]);
      const note = `Figures describe the people who responded, not the whole population.${threshold ? ` Figures based on fewer than ${threshold} respondents are withheld ([c]).` : " Not disclosure-controlled: for staff use."}`;
      return attachment(
        streamWorkbook({ title: c.title, channels, excluded: threshold === null && !query.filter ? totals.excluded : null, questions, definitions: versions.map((v) => v.definition), note, crosstabs: tabs, weighting: report }),
        `${stem}${weighting ? "-weighted" : ""}-results.xlsx`,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
    }
  }
}
