import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { codeLabel, inOrder } from "./codebook";
import {
  quotePublishable,
  stanceBreakdown,
  stanceStatement,
  stanceTable,
  themeBreakdown,
  themeStatement,
  themeTable,
  type StanceTable,
  type ThemeBreakdown,
  type ThemeTable,
} from "./figures";
import type { ConsultationDefinition } from "../definition/definition";
import { allQuestions } from "../definition/definition";
import type { SubgroupFilter } from "../evidence/evidence";
import { breakdownColumns } from "../results/query";
import { getCodebook, getCodingSettings } from "../models/coding.server";
import { answerRowsCurrent } from "../models/answer-rows.server";
import { listQuotes, reliabilityFor, themeCounts, themeCountsBy } from "../models/coding-analysis.server";

/**
 * Coded themes for every output that shows them (the themes page, the results pages, the panel
 * pack, the downloads): one question's figures, its breakdown, the sentences, and the quotes
 * that may be shown. With a threshold, disclosure control is applied and only publishable
 * quotes are returned.
 */

export interface QuestionThemes {
  question: { id: string; title: string };
  table: ThemeTable;
  breakdown: ThemeBreakdown | null;
  /** Where the question asks for a view (coding settings): support / oppose / mixed / unclear. */
  stance: StanceTable | null;
  stanceBreakdown: ThemeBreakdown | null;
  statements: string[];
  /** Published outputs (with a threshold) carry no staff email and no response id. */
  quotes: { id: string; codeId: string; codeLabel: string; excerpt: string; publishable: boolean; decidedByEmail?: string | null; responseId?: string }[];
  noPublicQuotes: boolean;
}

export async function loadQuestionThemes(
  db: Kysely<Database>,
  {
    consultationId,
    definition,
    questionId,
    filter = null,
    by = null,
    threshold,
  }: {
    consultationId: string;
    definition: ConsultationDefinition;
    questionId: string;
    filter?: SubgroupFilter | null;
    by?: { questionId: string; itemId: string } | null;
    threshold: number | null;
  }
): Promise<QuestionThemes | null> {
  // The base (who answered the question) is counted from the answer rows.
  await answerRowsCurrent(db, { consultationId });
  const question = allQuestions(definition).find((q) => q.id === questionId && q.type === "free_text");
  const book = await getCodebook(db, { consultationId });
  if (!question || !book) return null;
  const codes = inOrder(book.codes);
  const settings = await getCodingSettings(db, { consultationId });
  const asksView = settings.stanceQuestionIds.includes(questionId);
  const [counts, rel, quotes] = await Promise.all([
    themeCounts(db, { consultationId, questionId, filter, stance: asksView }),
    reliabilityFor(db, { consultationId, questionId, codes }),
    listQuotes(db, { consultationId, questionId, status: "approved" }),
  ]);
  const table = themeTable(codes, counts, { threshold, reliability: rel.byCode, alphaThreshold: settings.alphaThreshold, includeEmpty: threshold === null });
  const stance = asksView ? stanceTable(counts, { threshold, reliability: rel.stance, alphaThreshold: settings.alphaThreshold }) : null;
  let breakdown: ThemeBreakdown | null = null;
  let stanceByGroup: ThemeBreakdown | null = null;
  if (by) {
    const perGroup = await themeCountsBy(db, { consultationId, questionId, filter, by, stance: asksView });
    const columns = breakdownColumns(definition, by);
    breakdown = themeBreakdown(codes, columns, perGroup, threshold);
    if (asksView) stanceByGroup = stanceBreakdown(columns, perGroup, threshold);
  }
  const stanceStatements = stance
    ? stance.rows
        .filter((r) => r.stance !== "unclear" && (r.count ?? 0) > 0)
        .map((r) => stanceStatement(r, stance))
        .filter((x): x is string => x !== null)
    : [];
  const themeStatements = table.rows
    .filter((r) => r.level === 1 && r.count !== null && r.count > 0)
    .sort((a, b) => (b.count ?? 0) - (a.count ?? 0))
    .slice(0, 5)
    .map((r) => themeStatement(r, table.base))
    .filter((s): s is string => s !== null);
  const statements = [...stanceStatements, ...themeStatements];
  const rowFor = new Map(table.rows.map((r) => [r.codeId, r]));
  const shownQuotes = quotes
    .map((q) => {
      const code = book.codes.find((c) => c.id === q.codeId);
      const publishable =
        threshold !== null &&
        quotePublishable({ codeId: q.codeId, approved: true }, rowFor.get(q.codeId), { noPublicQuotes: settings.noPublicQuotes, threshold });
      const shown = { id: q.id, codeId: q.codeId, codeLabel: code ? codeLabel(book.codes, code) : "a retired code", excerpt: q.excerpt, publishable };
      return threshold === null ? { ...shown, decidedByEmail: q.decidedByEmail, responseId: q.responseId } : shown;
    })
    // Published outputs show only what may be published; staff views show every approved quote, marked.
    .filter((q) => threshold === null || q.publishable);
  return { question: { id: question.id, title: question.title }, table, breakdown, stance, stanceBreakdown: stanceByGroup, statements, quotes: shownQuotes, noPublicQuotes: settings.noPublicQuotes };
}

/** Every coded free-text question of a consultation (those with at least one coding). */
export async function loadConsultationThemes(
  db: Kysely<Database>,
  { consultationId, definition, threshold }: { consultationId: string; definition: ConsultationDefinition; threshold: number | null }
): Promise<QuestionThemes[]> {
  const out: QuestionThemes[] = [];
  for (const q of allQuestions(definition).filter((x) => x.type === "free_text")) {
    const themes = await loadQuestionThemes(db, { consultationId, definition, questionId: q.id, threshold });
    if (themes && themes.table.coded > 0) out.push(themes);
  }
  return out;
}
