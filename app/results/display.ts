import type { NumberSummary, QuestionResult, Table } from "./aggregate";
import { DONT_KNOW } from "../definition/scales";
import { percentage, wilsonInterval } from "./statistics";
import { suppressOneWay } from "./suppression";
import type { ResponseTotals, ShownTotals } from "./totals";
import type { WeightedFigure } from "../weighting/weighted";

/**
 * Results as the pages, the Panel pack and the exports show them: one or more tables per
 * question, each row with its count, percentage of the stated base and Wilson interval. With a
 * threshold, disclosure control is applied (null = "[c]"); without, figures are as counted
 * (staff only).
 */

export interface DisplayRow {
  id: string;
  label: string;
  count: number | null;
  percent: number | null;
  interval: { low: number; high: number } | null;
  /** % of those who gave an answer other than "Don't know" (labelled as such). */
  validPercent?: number | null;
  net?: boolean;
  /** The weighted figure beside this one, when weighting is chosen and the count is shown. */
  weighted?: WeightedFigure | null;
}

export interface DisplayTable {
  /** Unique on the page: "question" or "question.item". */
  key: string;
  questionId: string;
  itemId: string;
  caption: string;
  base: number | null;
  baseDescription: string;
  /** Base excluding "Don't know", when the question offers it. */
  validBase?: number | null;
  rows: DisplayRow[];
  multiple: boolean;
  /** How a chart draws it: one bar per row, or one stacked bar per item. */
  chart: "bar" | "stacked";
}

export interface RankingRow {
  id: string;
  label: string;
  rankedFirst: number | null;
  rankedFirstPercent: number | null;
  rankedTop3: number | null;
  rankedTop3Percent: number | null;
  meanRank: number | null;
  /** Borda score (de Borda, 1781) divided by all who answered: how high and how widely an item is ranked. */
  averageScore: number | null;
}

export type DisplayQuestion =
  | { kind: "tables"; id: string; title: string; type: string; tables: DisplayTable[] }
  | { kind: "ranking"; id: string; title: string; type: string; base: number | null; rankCount: number; rows: RankingRow[] }
  | ({ kind: "number"; id: string; title: string; type: string; n: number | null; suppressed: boolean } & NumberSummary)
  | { kind: "text"; id: string; title: string; type: string; count: number | null };

export const BASE_WORDS = {
  question: "all who answered this question",
  item: "all who answered this part of the question",
  ranking: "all who ranked at least one item",
};

function displayTable(key: string, questionId: string, itemId: string, caption: string, table: Table, multiple: boolean, threshold: number | null, chart: "bar" | "stacked"): DisplayTable {
  const dkRow = table.rows.find((r) => r.id === DONT_KNOW.id);
  const hidden =
    threshold === null
      ? null
      : suppressOneWay(
          {
            rows: table.rows.map((r) => ({ id: r.id, count: r.count })),
            base: table.base,
            exclusive: !multiple,
            net: table.net ? { ids: table.netIds ?? [], count: table.net.count } : undefined,
            baseExcludingDontKnow: dkRow && table.baseExcludingDontKnow !== undefined ? { excludedId: DONT_KNOW.id, base: table.baseExcludingDontKnow } : undefined,
          },
          threshold,
        );
  const base = hidden ? hidden.base : table.base;
  const validBase = dkRow ? (hidden ? hidden.baseExcludingDontKnow : (table.baseExcludingDontKnow ?? null)) : undefined;
  const row = (id: string, label: string, count: number | null, isNet: boolean, isDk: boolean): DisplayRow => {
    const shown = count !== null && base !== null;
    const r: DisplayRow = {
      id,
      label,
      count,
      percent: shown ? percentage(count, base) : null,
      interval: shown ? wilsonInterval(count, base) : null,
    };
    if (validBase !== undefined) r.validPercent = shown && !isDk && validBase !== null ? percentage(count, validBase) : null;
    if (isNet) r.net = true;
    return r;
  };
  const rows = table.rows.map((r, i) => row(r.id, r.label, hidden ? hidden.counts[i] : r.count, false, r.id === DONT_KNOW.id));
  if (table.net) rows.push(row("net", `Net: ${table.net.label}`, hidden ? hidden.net : table.net.count, true, false));
  return {
    key,
    questionId,
    itemId,
    caption,
    base,
    baseDescription: itemId ? BASE_WORDS.item : BASE_WORDS.question,
    ...(validBase !== undefined ? { validBase } : {}),
    rows,
    multiple,
    chart,
  };
}

export function displayResults(results: QuestionResult[], threshold: number | null = null): DisplayQuestion[] {
  return results.map((r): DisplayQuestion => {
    const q = r.question;
    const head = { id: q.id, title: q.title, type: q.type };
    const small = (n: number) => threshold !== null && n > 0 && n < threshold;
    switch (r.kind) {
      case "options":
        // A scale is one distribution, drawn as a single stacked bar; choices as a bar each.
        return { kind: "tables", ...head, tables: [displayTable(q.id, q.id, "", q.title, r.table, r.multiple, threshold, q.type === "scale" ? "stacked" : "bar")] };
      case "items":
        return {
          kind: "tables",
          ...head,
          tables: r.items.map((i) => displayTable(`${q.id}.${i.id}`, q.id, i.id, i.label, i.table, false, threshold, q.type === "matrix" || q.type === "precept" ? "stacked" : "bar")),
        };
      case "ranking": {
        const first = threshold === null ? null : suppressOneWay({ rows: r.items.map((i) => ({ id: i.id, count: i.rankedFirst })), base: r.base, exclusive: true }, threshold);
        const base = first ? first.base : r.base;
        return {
          kind: "ranking",
          ...head,
          base,
          rankCount: r.rankCount,
          rows: r.items.map((i, k) => {
            const rankedFirst = first ? first.counts[k] : i.rankedFirst;
            const rankedTop3 = small(i.rankedTop3) || base === null ? null : i.rankedTop3;
            return {
              id: i.id,
              label: i.label,
              rankedFirst,
              rankedFirstPercent: rankedFirst === null || base === null ? null : percentage(rankedFirst, base),
              rankedTop3,
              rankedTop3Percent: rankedTop3 === null || base === null ? null : percentage(rankedTop3, base),
              meanRank: small(i.ranked) || base === null ? null : i.meanRank,
              averageScore: base === null || !r.base ? null : i.borda / r.base,
            };
          }),
        };
      }
      case "number": {
        const suppressed = small(r.n);
        return {
          kind: "number",
          ...head,
          n: suppressed ? null : r.n,
          mean: suppressed ? null : r.mean,
          median: suppressed ? null : r.median,
          q1: suppressed ? null : r.q1,
          q3: suppressed ? null : r.q3,
          // Minimum and maximum are single respondents' answers: staff only.
          min: threshold === null ? r.min : null,
          max: threshold === null ? r.max : null,
          suppressed,
        };
      }
      case "text":
        return { kind: "text", ...head, count: small(r.count) ? null : r.count };
    }
  });
}

/** Responses by channel for a public page: the channels add up to the total, so they are suppressed together. */
export function publicChannelTotals(totals: Pick<ResponseTotals, "counted" | "byChannel">, threshold: number): ShownTotals {
  const channels = Object.entries(totals.byChannel);
  const hidden = suppressOneWay({ rows: channels.map(([id, count]) => ({ id, count })), base: totals.counted, exclusive: true }, threshold);
  return { counted: hidden.base, byChannel: channels.map(([channel], i) => ({ channel, n: hidden.counts[i] })) };
}
