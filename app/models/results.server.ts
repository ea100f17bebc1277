import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { aggregate } from "~/results/aggregate";
import { breakdownTables } from "~/results/breakdown";
import type { ConsultationDefinition } from "~/definition/definition";
import { displayResults, publicChannelTotals, type DisplayQuestion } from "~/results/display";
import { thresholdFor, type Audience } from "~/results/audience";
import type { ShownTotals } from "~/results/totals";
import { toApiStatement, type EvidenceStatement } from "~/evidence/evidence";
import { env } from "~/server/env.server";
import { breakdownColumns, type ResultsQuery } from "~/results/query";
import { breakdownRows, countedAnswers, countRows, groupChannelTotals, responseTotals } from "./answer-counts.server";
import { getConsultationForStaff } from "./consultation.server";
import { answerRowsCurrent } from "./answer-rows.server";
import { listStatements, type IndicatorQuery } from "./evidence.server";
import { weightedCounts, weightedStatementFigures, whoRespondedFor } from "./weighting.server";
import { withWeighted } from "~/weighting/weighted-display";
import type { WeightingChoice } from "~/weighting/weighting-query";
import { groupsOf, groupView, publicationOf } from "./publication.server";
import { loadConsultationThemes } from "~/coding/themes.server";

/** Written answers to a free-text question, for staff: already redacted at submission; a page at a time. */
export async function listTextAnswers(
  db: Kysely<Database>,
  { consultationId, questionId, page, pageSize = 25 }: { consultationId: string; questionId: string; page: number; pageSize?: number },
): Promise<{ total: number; answers: { text: string; submittedOn: string; channel: string }[] }> {
  await answerRowsCurrent(db, { consultationId });
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
 * SUPPRESSION_THRESHOLD. For the published and public audiences every figure comes from the
 * consultation's one disclosure decision (publication.server.ts): a filtered page is one group of
 * the filter's question, and a breakdown the groups of its question, each decided together with
 * the whole consultation's published figures.
 */
export function resultsFor<A extends Audience>(db: Kysely<Database>, audience: A, options: { threshold?: number } = {}) {
  const threshold = thresholdFor(audience, options.threshold ?? env().SUPPRESSION_THRESHOLD);
  const rawChannels = (totals: { counted: number; byChannel: Record<string, number> }): ShownTotals => ({
    counted: totals.counted,
    byChannel: Object.entries(totals.byChannel).map(([channel, n]) => ({ channel, n })),
  });
  const api = {
    audience,
    /** Null for raw figures; otherwise counts from 1 to threshold - 1 are withheld ([c]), and whatever would give one away. */
    threshold,

    /**
     * Per-question tables (of everyone, or of the filtered group), the breakdown when one is
     * asked for, the response totals as counted (staff only: they hold the reasons responses
     * were held apart) and the counted responses by channel, of the filtered group when there is
     * one, as this audience may see them.
     */
    async results({ consultationId, definition, query }: ResultsInput) {
      const filterTarget = query.filter ? { questionId: query.filter.questionId, itemId: query.filter.itemId } : null;
      const filterGroup = query.filter?.optionIds[0] ?? "";
      // Weighted figures of the same respondents (the filtered group's, when there is one), put
      // beside the unweighted ones only where those are shown: disclosure is decided on the
      // unweighted counts, so a withheld cell has no weighted figure (withWeighted).
      const weighting = query.weighting ? weightedCounts(db, { consultationId, definition, choice: query.weighting, filter: query.filter }) : Promise.resolve(null);
      // Awaited on every path below, but after other reads that may fail first: its own failure
      // must not be an unhandled rejection meanwhile (it still reaches whoever awaits it).
      weighting.catch(() => {});
      const withWeights = (questions: DisplayQuestion[], weighted: Awaited<typeof weighting>) => (weighted?.rows ? withWeighted(definition, questions, weighted.rows) : questions);
      if (threshold === null) {
        // Independent reads, so on PostgreSQL they wait for one round trip rather than several.
        const [totals, counts, grouped, groupChannels, weighted] = await Promise.all([
          responseTotals(db, { consultationId }),
          countRows(db, { consultationId, filter: query.filter }),
          query.by ? breakdownRows(db, { consultationId, by: query.by, filter: query.filter }) : Promise.resolve(null),
          filterTarget ? groupChannelTotals(db, { consultationId, by: filterTarget, filter: null }) : Promise.resolve(null),
          weighting,
        ]);
        const questions = withWeights(displayResults(aggregate(definition, counts), null), weighted);
        const breakdown = query.by && grouped ? breakdownTables(definition, breakdownColumns(definition, query.by), grouped, null) : null;
        const group = groupChannels?.filter((r) => r.group === filterGroup) ?? null;
        const channels = group
          ? { counted: group.reduce((a, r) => a + r.n, 0), byChannel: group.map((r) => ({ channel: r.channel, n: r.n })) }
          : rawChannels(totals);
        return { questions, breakdown, totals, channels, weighting: weighted?.report ?? null };
      }
      const [totals, publication] = await Promise.all([responseTotals(db, { consultationId }), publicationOf(db, { consultationId, definition, threshold })]);
      const groupsArgs = { consultationId, definition, threshold };
      const filtered = filterTarget ? await groupsOf(db, publication, { ...groupsArgs, by: filterTarget, within: null }) : null;
      let questions = displayResults(publication.results, publication.decision);
      let channels = publicChannelTotals(publication.totals, publication.decision);
      if (filtered) {
        const group = filtered.groups.find((g) => g.id === filterGroup);
        const view = groupView(filtered.decision, filterGroup);
        questions = displayResults(group?.results ?? aggregate(definition, []), view);
        channels = publicChannelTotals(group?.totals ?? { counted: 0, byChannel: {} }, view);
      }
      let breakdown = null;
      if (query.by) {
        const groups = await groupsOf(db, publication, { ...groupsArgs, by: query.by, within: query.filter });
        breakdown = breakdownTables(definition, groups.columns, groups.rows, groups.decision);
      }
      const weighted = await weighting;
      return { questions: withWeights(questions, weighted), breakdown, totals, channels, weighting: weighted?.report ?? null };
    },

    /**
     * Respondents against the population figures in use, for every about-you item and the
     * authority. Published audiences: the counts are withheld as the one-way tables on the same
     * page are, by the consultation's disclosure decision. `tables`: this audience's one-way
     * tables of the same filter (results(); they do not depend on the breakdown), which say what
     * is withheld; a promise of them lets this view's own reads run beside results()'s.
     */
    async whoResponded({
      consultationId,
      definition,
      filter = null,
      tables,
    }: {
      consultationId: string;
      definition: ConsultationDefinition;
      filter?: ResultsQuery["filter"];
      tables: DisplayQuestion[] | Promise<DisplayQuestion[]>;
    }) {
      // Raw figures withhold nothing; the tables are still waited for (beside this view's own
      // reads), so a promise of them that fails is never left unwatched.
      const shown = Promise.resolve(tables).then((t) => (threshold === null ? null : t));
      return whoRespondedFor(db, { consultationId, definition, filter, threshold, shown });
    },

    /** Coded themes of every coded free-text question, withheld as this audience's tables are. */
    themes({ consultationId, definition }: Omit<ResultsInput, "query">) {
      return loadConsultationThemes(db, { consultationId, definition, threshold });
    },

    /**
     * Evidence statements with their figures as counted; the public sees only published
     * consultations'. For the published and public audiences each is marked withheld as its
     * consultation's disclosure decision says (and so is the earlier figure it is compared with).
     */
    async statements(query: Omit<IndicatorQuery, "publishedOnly"> = {}): Promise<EvidenceStatement[]> {
      const statements = await listStatements(db, { ...query, publishedOnly: audience === "public" });
      if (threshold === null) {
        return statements.map((s) => ({ ...s, suppressed: s.figure.base === 0, previous: s.previous ? { ...s.previous, suppressed: s.previous.figure.base === 0 } : null }));
      }
      const ids = [...new Set(statements.flatMap((s) => [s.consultation.id, ...(s.previous ? [s.previous.consultationId] : [])]))];
      const decisions = new Map<string, Set<string>>();
      for (const id of ids) {
        const c = await getConsultationForStaff(db, { id });
        const definition = c?.currentVersion?.definition;
        if (!definition) continue;
        const { model, decision } = await publicationOf(db, { consultationId: id, definition, threshold });
        // A statement the model could not place (its question gone from the definition) is withheld.
        const placed = new Set(model.figures.map((f) => f.id));
        decisions.set(id, new Set([...placed].filter((fid) => fid.startsWith("statement|") && !decision.withheld.has(fid))));
      }
      const shown = (consultationId: string, indicatorId: string) => decisions.get(consultationId)?.has(`statement|${indicatorId}`) ?? false;
      return statements.map((s) => ({
        ...s,
        suppressed: !shown(s.consultation.id, s.id),
        previous: s.previous ? { ...s.previous, suppressed: !shown(s.previous.consultationId, s.previous.indicatorId) } : null,
      }));
    },

    /**
     * Weighted figures beside a consultation's statements, when a weighting is chosen (staff):
     * none for a statement this audience sees withheld (statements() decides that, unweighted).
     */
    async weightedStatements({ consultationId, definition, weighting, statements }: { consultationId: string; definition: ConsultationDefinition; weighting: WeightingChoice | null; statements: EvidenceStatement[] }) {
      if (!weighting) return {};
      const shown = statements.filter((s) => s.consultation.id === consultationId && !s.suppressed);
      return weightedStatementFigures(db, { consultationId, definition, choice: weighting, statements: shown });
    },

    /** A statement as this audience may read it, with the figures its consultation's decision withholds left out. */
    shown(statement: EvidenceStatement, resultsUrl: string) {
      return toApiStatement(statement, resultsUrl);
    },
  };
  return api;
}
