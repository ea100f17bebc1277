import { BASE } from "../responding/answers";
import { allQuestions, assertNever, type ConsultationDefinition, type Question } from "../definition/definition";
import { ABOUT_YOU_ITEMS, aboutYouOptions } from "../definition/about-you";
import { AUTHORITIES } from "../areas/postcode";
import { DONT_KNOW, SCALES, scalePoints } from "../definition/scales";
import { percentage } from "./statistics";
import { ratioText } from "./rounding";

/**
 * Turns counts (from SQL GROUP BY, or the counts maintained at insert) into per-question
 * results. Bases are respondents who answered the question (or the item); multiple choice
 * percentages are of respondents and may sum to more than 100.
 */

export interface CountRow {
  question_id: string;
  item_id: string;
  option_id: string;
  n: number;
}

export interface OptionStat {
  id: string;
  label: string;
  count: number;
  /** Unrounded percentage of the base; null when the base is 0. */
  percent: number | null;
}

export interface Table {
  base: number;
  rows: OptionStat[];
  net?: OptionStat;
  /** The option ids the net adds up. */
  netIds?: string[];
  /** Base excluding "Don't know", for the labelled "valid %" column. */
  baseExcludingDontKnow?: number;
}

export interface RankingStat {
  id: string;
  label: string;
  rankedFirst: number;
  rankedTop3: number;
  /** Respondents who gave it any rank. */
  ranked: number;
  /** Respondents giving it rank 1, 2, … rankCount (index 0 is rank 1). */
  byRank: number[];
  /** Sum of the ranks it was given: meanRank = rankSum / ranked, rounded from these integers. */
  rankSum: number;
  /** Mean rank among those who ranked it (lower = more important), to two decimal places. */
  meanRank: number | null;
  /** Borda score: rank 1 earns N points, rank N earns 1, unranked 0 (N = ranks asked for). */
  borda: number;
}

/** What a number question's answers are summarised as; null where nobody answered. */
export interface NumberSummary {
  mean: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
}

export type QuestionResult =
  | { kind: "options"; question: Question; table: Table; multiple: boolean }
  | { kind: "items"; question: Question; items: { id: string; label: string; table: Table }[] }
  | { kind: "ranking"; question: Question; base: number; rankCount: number; items: RankingStat[] }
  | ({ kind: "number"; question: Question; n: number } & NumberSummary)
  | { kind: "text"; question: Question; count: number };

export class CountIndex {
  private map = new Map<string, number>();
  constructor(rows: CountRow[]) {
    for (const r of rows) {
      const key = `${r.question_id}\u0000${r.item_id}\u0000${r.option_id}`;
      this.map.set(key, (this.map.get(key) ?? 0) + Number(r.n));
    }
  }
  get(question: string, item: string, option: string): number {
    return this.map.get(`${question}\u0000${item}\u0000${option}`) ?? 0;
  }
  /** Every option id counted for a question item (for numbers and districts). */
  options(question: string, item: string): { option: string; n: number }[] {
    const prefix = `${question}\u0000${item}\u0000`;
    const out: { option: string; n: number }[] = [];
    for (const [key, n] of this.map) {
      if (key.startsWith(prefix)) {
        const option = key.slice(prefix.length);
        if (option !== BASE) out.push({ option, n });
      }
    }
    return out;
  }
}

/** How a table's percentages are worked out: exactly from whole counts, or not at all (weighted sums, which only lend their counts and bases). */
type PercentOf = (count: number, base: number) => number | null;

function table(counts: CountIndex, q: string, item: string, options: { id: string; label: string }[], netIds: { label: string; ids: string[] } | undefined, percentage: PercentOf): Table {
  const base = counts.get(q, item, BASE);
  const rows = options.map((o) => {
    const count = counts.get(q, item, o.id);
    return { id: o.id, label: o.label, count, percent: percentage(count, base) };
  });
  const result: Table = { base, rows };
  if (netIds) {
    const count = rows.filter((r) => netIds.ids.includes(r.id)).reduce((s, r) => s + r.count, 0);
    result.net = { id: "net", label: netIds.label, count, percent: percentage(count, base) };
    result.netIds = netIds.ids;
  }
  const dk = rows.find((r) => r.id === DONT_KNOW.id);
  if (dk) result.baseExcludingDontKnow = base - dk.count;
  return result;
}

/** Median and quartiles from value counts, by the nearest-rank method on the sorted values. */
function quantile(sorted: { value: number; n: number }[], total: number, p: number): number | null {
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const { value, n } of sorted) {
    seen += n;
    if (seen >= rank) return value;
  }
  return sorted[sorted.length - 1].value;
}

export function aggregateQuestion(question: Question, counts: CountIndex, { percent = percentage }: { percent?: PercentOf } = {}): QuestionResult {
  const q = question.id;
  switch (question.type) {
    case "single_choice":
      return { kind: "options", question, table: table(counts, q, "", question.options, undefined, percent), multiple: false };
    case "multiple_choice":
      return { kind: "options", question, table: table(counts, q, "", question.options, undefined, percent), multiple: true };
    case "scale":
      return {
        kind: "options",
        question,
        table: table(counts, q, "", scalePoints(question.scale, question.dontKnow), SCALES[question.scale].net, percent),
        multiple: false,
      };
    case "matrix": {
      const points = scalePoints(question.scale, question.dontKnow);
      return {
        kind: "items",
        question,
        items: question.items.map((i) => ({ id: i.id, label: i.label, table: table(counts, q, i.id, points, SCALES[question.scale].net, percent) })),
      };
    }
    case "about_you":
      return {
        kind: "items",
        question,
        items: question.fields.map((f) => ({ id: f, label: ABOUT_YOU_ITEMS[f].question, table: table(counts, q, f, aboutYouOptions(f), undefined, percent) })),
      };
    case "precept": {
      if (question.answer === "choose_one") {
        const options = [...question.proposals.map((p) => ({ id: p.id, label: p.label })), { id: "dont_know", label: "Don't know" }];
        return { kind: "options", question, table: table(counts, q, "", options, undefined, percent), multiple: false };
      }
      const options = [
        { id: "support", label: "Support" },
        { id: "oppose", label: "Oppose" },
        { id: "dont_know", label: "Don't know" },
      ];
      return {
        kind: "items",
        question,
        items: question.proposals.map((p) => ({ id: p.id, label: p.label, table: table(counts, q, p.id, options, undefined, percent) })),
      };
    }
    case "postcode": {
      const authorities = [...Object.entries(AUTHORITIES).map(([id, label]) => ({ id, label })), { id: "unknown", label: "Postcode district not recognised" }];
      return { kind: "options", question, table: table(counts, q, "", authorities, undefined, percent), multiple: false };
    }
    case "ranking": {
      const rankCount = question.rankCount ?? question.items.length;
      const items = question.items.map((i) => {
        let ranked = 0;
        let rankSum = 0;
        let borda = 0;
        let top3 = 0;
        const byRank: number[] = [];
        for (let r = 1; r <= rankCount; r++) {
          const n = counts.get(q, i.id, String(r));
          byRank.push(n);
          ranked += n;
          rankSum += r * n;
          borda += (rankCount - r + 1) * n;
          if (r <= 3) top3 += n;
        }
        return {
          id: i.id,
          label: i.label,
          rankedFirst: counts.get(q, i.id, "1"),
          rankedTop3: top3,
          ranked,
          byRank,
          rankSum,
          meanRank: ranked ? Number(ratioText(rankSum, ranked, 2)) : null,
          borda,
        };
      });
      return { kind: "ranking", question, base: counts.get(q, "", BASE), rankCount, items };
    }
    case "number": {
      const values = counts
        .options(q, "")
        .map(({ option, n }) => ({ value: Number(option), n }))
        .filter((v) => Number.isFinite(v.value))
        .sort((a, b) => a.value - b.value);
      const n = values.reduce((s, v) => s + v.n, 0);
      const sum = values.reduce((s, v) => s + v.value * v.n, 0);
      return {
        kind: "number",
        question,
        n,
        mean: n ? sum / n : null,
        median: quantile(values, n, 0.5),
        q1: quantile(values, n, 0.25),
        q3: quantile(values, n, 0.75),
        min: values[0]?.value ?? null,
        max: values[values.length - 1]?.value ?? null,
      };
    }
    case "free_text":
      return { kind: "text", question, count: counts.get(q, "", BASE) };
    default:
      return assertNever(question);
  }
}

export function aggregate(def: ConsultationDefinition, rows: CountRow[]): QuestionResult[] {
  const counts = new CountIndex(rows);
  return allQuestions(def).map((q) => aggregateQuestion(q, counts));
}
