import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { aggregate } from "~/results/aggregate";
import { breakdownTables } from "~/results/breakdown";
import type { ConsultationDefinition } from "~/definition/definition";
import { displayResults, publicChannelTotals } from "~/results/display";
import { thresholdFor, type Audience } from "~/results/audience";
import type { ShownTotals } from "~/results/totals";
import { toApiStatement, type EvidenceStatement } from "~/evidence/evidence";
import { env } from "~/server/env.server";
import { breakdownColumns, type ResultsQuery } from "~/results/query";
import { breakdownRows, countedAnswers, countRows, responseTotals } from "./answer-counts.server";
import { listStatements, type IndicatorQuery } from "./evidence.server";
import { weightedCounts, weightedStatementFigures, whoRespondedFor } from "./weighting.server";
import { withWeighted } from "~/weighting/weighted-display";
import type { WeightingChoice } from "~/weighting/weighting-query";
import { loadConsultationThemes } from "~/coding/themes.server";

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

export interface ResultsInput {
  consultationId: string;
  definition: ConsultationDefinition;
  /** With `weighting`, weighted figures beside the unweighted ones (never instead). */
  query: Pick<ResultsQuery, "by" | "filter"> & { weighting?: WeightingChoice | null };
}

/** No breakdown, no subgroup: the one-way tables of everyone who responded. */
export const ALL_RESPONDENTS: ResultsInput["query"] = { by: null, filter: null };

/**
 * Results and evidence as one audience may see them (results/audience.ts): every results page,
 * download, Panel pack and evidence output reads its figures through here, so the suppression
 * threshold follows from the audience in one place. `threshold` defaults to
 * SUPPRESSION_THRESHOLD.
 */
export function resultsFor<A extends Audience>(db: Kysely<Database>, audience: A, options: { threshold?: number } = {}) {
  const threshold = thresholdFor(audience, options.threshold ?? env().SUPPRESSION_THRESHOLD);
  return {
    audience,
    /** Null for raw figures; otherwise counts from 1 to threshold - 1 are withheld ([c]). */
    threshold,

    /**
     * Per-question tables (maintained counts, or the subgroup's), the breakdown when one is asked
     * for, the response totals as counted (staff only: they hold the reasons responses were held
     * apart) and the counted totals by channel as this audience may see them.
     */
    async results({ consultationId, definition, query }: ResultsInput) {
      const [counts, totals, grouped, weighted] = await Promise.all([
        countRows(db, { consultationId, filter: query.filter }),
        responseTotals(db, { consultationId }),
        query.by ? breakdownRows(db, { consultationId, by: query.by, filter: query.filter }) : Promise.resolve(null),
        query.weighting ? weightedCounts(db, { consultationId, definition, choice: query.weighting, filter: query.filter }) : Promise.resolve(null),
      ]);
      const shown = displayResults(aggregate(definition, counts), threshold);
      // Suppression is decided on the unweighted counts: a withheld count has no weighted figure.
      const questions = weighted?.rows ? withWeighted(definition, shown, weighted.rows) : shown;
      const breakdown = query.by && grouped ? breakdownTables(definition, breakdownColumns(definition, query.by), grouped, threshold) : null;
      const channels: ShownTotals =
        threshold === null ? { counted: totals.counted, byChannel: Object.entries(totals.byChannel).map(([channel, n]) => ({ channel, n })) } : publicChannelTotals(totals, threshold);
      return { questions, breakdown, totals, channels, weighting: weighted?.report ?? null };
    },

    /** Respondents against the population figures in use, for every about-you item and the authority. */
    whoResponded({ consultationId, definition, filter = null }: { consultationId: string; definition: ConsultationDefinition; filter?: ResultsQuery["filter"] }) {
      return whoRespondedFor(db, { consultationId, definition, filter, threshold });
    },

    /** Coded themes of every coded free-text question, withheld as this audience's tables are. */
    themes({ consultationId, definition }: Omit<ResultsInput, "query">) {
      return loadConsultationThemes(db, { consultationId, definition, threshold });
    },

    /** Evidence statements with their figures as counted; the public sees only published consultations'. */
    statements(query: Omit<IndicatorQuery, "publishedOnly"> = {}): Promise<EvidenceStatement[]> {
      return listStatements(db, { ...query, publishedOnly: audience === "public" });
    },

    /**
     * Weighted figures beside a consultation's statements, when a weighting is chosen (staff):
     * none for a statement this audience sees withheld, since suppression is decided unweighted.
     */
    async weightedStatements({ consultationId, definition, weighting, statements }: { consultationId: string; definition: ConsultationDefinition; weighting: WeightingChoice | null; statements: EvidenceStatement[] }) {
      if (!weighting) return {};
      const shown = statements.filter((s) => s.consultation.id === consultationId && !toApiStatement(s, threshold ?? 1, "").suppressed);
      return weightedStatementFigures(db, { consultationId, definition, choice: weighting, statements: shown });
    },

    /** A statement as this audience may read it: raw figures withhold only a figure with no base. */
    shown(statement: EvidenceStatement, resultsUrl: string) {
      return toApiStatement(statement, threshold ?? 1, resultsUrl);
    },
  };
}
