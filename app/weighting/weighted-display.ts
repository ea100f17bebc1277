import { aggregateQuestion, CountIndex, type Table } from "../results/aggregate";
import { allQuestions, type ConsultationDefinition } from "../definition/definition";
import type { DisplayQuestion } from "../results/display";
import type { WeightedCountRow } from "../results/column-store";
import { weightedProportion, type WeightedFigure } from "./weighted";
import { formatCount, formatPercent } from "../results/statistics";

/**
 * Puts weighted figures beside the unweighted ones of the results tables: for every row whose
 * count is shown (suppression is decided on unweighted counts), its weighted percentage, its
 * own effective n and interval (weighted.ts). The weighted sums go through the same aggregateQuestion()
 * as the counts, so nets and bases are built the same way. Rankings, numbers and written answers
 * are shown unweighted.
 */
export function withWeighted(definition: ConsultationDefinition, questions: DisplayQuestion[], rows: WeightedCountRow[]): DisplayQuestion[] {
  // Only the questions shown as tables: a ranking's mean rank is worked out exactly from whole
  // counts (rounding.ts), which weighted sums are not. Their percentages likewise: only the sums
  // and bases are read here, and weighted.ts works out the weighted share.
  const tabled = new Set(questions.filter((q) => q.kind === "tables").map((q) => q.id));
  const tablesOf = (values: "n" | "w" | "w2") => {
    const map = new Map<string, Table>();
    const counts = new CountIndex(rows.map((x) => ({ question_id: x.question_id, item_id: x.item_id, option_id: x.option_id, n: x[values] })));
    for (const r of allQuestions(definition).filter((q) => tabled.has(q.id)).map((q) => aggregateQuestion(q, counts, { percent: () => null }))) {
      if (r.kind === "options") map.set(r.question.id, r.table);
      if (r.kind === "items") for (const i of r.items) map.set(`${r.question.id}.${i.id}`, i.table);
    }
    return map;
  };
  const [n, w, w2] = [tablesOf("n"), tablesOf("w"), tablesOf("w2")];
  return questions.map((q) => {
    if (q.kind !== "tables") return q;
    return {
      ...q,
      tables: q.tables.map((t) => {
        const tn = n.get(t.key);
        const tw = w.get(t.key);
        const tw2 = w2.get(t.key);
        if (!tn || !tw || !tw2) return t;
        const base = { n: tn.base, w: tw.base, w2: tw2.base };
        return {
          ...t,
          rows: t.rows.map((r, i) => {
            if (r.count === null) return { ...r, weighted: null };
            const part = r.net ? { w: tw.net?.count ?? 0, w2: tw2.net?.count ?? 0 } : { w: tw.rows[i]?.count ?? 0, w2: tw2.rows[i]?.count ?? 0 };
            return { ...r, weighted: weightedProportion(part, base) };
          }),
        };
      }),
    };
  });
}

/**
 * An evidence statement's figure with its weighted figure beside it, as the issue words it:
 * "62% (n = 410) · weighted 57% (effective n 260)". The effective n is the figure's own
 * (weighted.ts), not the sample's.
 */
export function weightedStatementLine(figure: { percent: number; base: number }, weighted: WeightedFigure): string {
  const effective = weighted.effectiveN === null ? "" : ` (effective n ${formatCount(Math.round(weighted.effectiveN))})`;
  return `${formatPercent(figure.percent)} (n = ${formatCount(figure.base)}) · weighted ${formatPercent(weighted.percent)}${effective}`;
}
