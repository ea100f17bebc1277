import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { aggregate } from "~/results/aggregate";
import { breakdownTables } from "~/results/breakdown";
import type { ConsultationDefinition } from "~/definition/definition";
import { displayResults } from "~/results/display";
import { breakdownColumns, type ResultsQuery } from "~/results/query";
import { breakdownRows, countedAnswers, countRows, responseTotals } from "./answer-counts.server";

/** Written answers to a free-text question, for staff: already redacted at submission; a page at a time. */
export async function listTextAnswers(
  db: Kysely<Database>,
  { consultationId, questionId, page, pageSize = 25 }: { consultationId: string; questionId: string; page: number; pageSize?: number },
): Promise<{ total: number; answers: { text: string; submittedOn: string; channel: string }[] }> {
  const base = countedAnswers(db, consultationId, null).where("a.question_id", "=", questionId).where("a.item_id", "=", "").where("a.value_text", "is not", null);
  const [total, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst(),
    base
      .select(["a.value_text", "r.submitted_on", "r.channel"])
      // Oldest first, with the response id as the tie-break so pages never overlap.
      .orderBy("r.submitted_on")
      .orderBy("a.response_id")
      .limit(pageSize)
      .offset((Math.max(1, page) - 1) * pageSize)
      .execute(),
  ]);
  return { total: Number(total?.n ?? 0), answers: rows.map((r) => ({ text: r.value_text ?? "", submittedOn: r.submitted_on, channel: r.channel })) };
}

/**
 * Everything a results view needs: per-question tables (maintained counts, or the subgroup's),
 * the breakdown when one is asked for, and the response totals. With a threshold, disclosure
 * control is applied.
 */
export async function loadResults(
  db: Kysely<Database>,
  { consultationId, definition, query, threshold }: { consultationId: string; definition: ConsultationDefinition; query: Pick<ResultsQuery, "by" | "filter">; threshold: number | null },
) {
  const [counts, totals, grouped] = await Promise.all([
    countRows(db, { consultationId, filter: query.filter }),
    responseTotals(db, { consultationId }),
    query.by ? breakdownRows(db, { consultationId, by: query.by, filter: query.filter }) : Promise.resolve(null),
  ]);
  const questions = displayResults(aggregate(definition, counts), threshold);
  const breakdown = query.by && grouped ? breakdownTables(definition, breakdownColumns(definition, query.by), grouped, threshold) : null;
  return { questions, breakdown, totals };
}
