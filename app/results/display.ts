import type { NumberSummary, QuestionResult, Table } from "./aggregate";
import { DONT_KNOW } from "../definition/scales";
import { percentage, wilsonInterval } from "./statistics";
import { suppressOneWay } from "./suppression";
import { ratioText } from "./rounding";
import { RESPONSES_TABLE } from "./publication";
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

/**
 * Which figures are withheld ("[c]"): a disclosure decision (disclosure.ts, one for every output
 * of a consultation), or none for staff's raw figures. Figure ids are publication.ts's.
 */
export interface Disclosure {
  threshold: number;
  withheld: ReadonlySet<string>;
}

/** Raw figures, a disclosure decision, or (until every caller passes a decision) a threshold applied table by table. */
export type View = Disclosure | number | null;

/** The old table-by-table suppression, as figure ids, for callers that still pass a threshold. */
function legacyWithheld(r: QuestionResult, threshold: number): Set<string> {
  const out = new Set<string>();
  const small = (n: number) => n > 0 && n < threshold;
  const oneWay = (key: string, table: Table, multiple: boolean) => {
    const dkRow = table.rows.find((row) => row.id === DONT_KNOW.id);
    const hidden = suppressOneWay(
      {
        rows: table.rows.map((row) => ({ id: row.id, count: row.count })),
        base: table.base,
        exclusive: !multiple,
        net: table.net ? { ids: table.netIds ?? [], count: table.net.count } : undefined,
        baseExcludingDontKnow: dkRow && table.baseExcludingDontKnow !== undefined ? { excludedId: DONT_KNOW.id, base: table.baseExcludingDontKnow } : undefined,
      },
      threshold,
    );
    table.rows.forEach((row, i) => hidden.counts[i] === null && out.add(`${key}|cell|${row.id}`));
    if (hidden.base === null) out.add(`${key}|base`);
    if (table.net && hidden.net === null) out.add(`${key}|net`);
    if (dkRow && hidden.baseExcludingDontKnow === null) out.add(`${key}|valid`);
  };
  const q = r.question.id;
  switch (r.kind) {
    case "options":
      oneWay(q, r.table, r.multiple);
      break;
    case "items":
      for (const i of r.items) oneWay(`${q}.${i.id}`, i.table, false);
      break;
    case "ranking": {
      const first = suppressOneWay({ rows: r.items.map((i) => ({ id: i.id, count: i.rankedFirst })), base: r.base, exclusive: true }, threshold);
      if (first.base === null) out.add(`${q}|base`);
      r.items.forEach((i, k) => {
        if (first.counts[k] === null) out.add(`${q}|first|${i.id}`);
        if (small(i.rankedTop3)) out.add(`${q}|top3|${i.id}`);
        if (small(i.ranked)) out.add(`${q}|mean|${i.id}`);
      });
      break;
    }
    case "number":
      if (small(r.n)) out.add(`${q}|base`);
      break;
    case "text":
      if (small(r.count)) out.add(`${q}|base`);
      break;
  }
  return out;
}

function displayTable(key: string, questionId: string, itemId: string, caption: string, table: Table, multiple: boolean, hides: ((id: string) => boolean) | null, chart: "bar" | "stacked"): DisplayTable {
  const dkRow = table.rows.find((r) => r.id === DONT_KNOW.id);
  const hidden = (what: string) => hides !== null && hides(`${key}|${what}`);
  const base = hidden("base") ? null : table.base;
  const validBase = dkRow ? (hidden("valid") ? null : (table.baseExcludingDontKnow ?? null)) : undefined;
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
  const rows = table.rows.map((r) => row(r.id, r.label, hidden(`cell|${r.id}`) ? null : r.count, false, r.id === DONT_KNOW.id));
  if (table.net) rows.push(row("net", `Net: ${table.net.label}`, hidden("net") ? null : table.net.count, true, false));
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

export function displayResults(results: QuestionResult[], view: View = null): DisplayQuestion[] {
  return results.map((r): DisplayQuestion => {
    const q = r.question;
    const head = { id: q.id, title: q.title, type: q.type };
    const withheld = view === null ? null : typeof view === "number" ? legacyWithheld(r, view) : view.withheld;
    const hides = withheld === null ? null : (id: string) => withheld.has(id);
    const hidden = (what: string) => hides !== null && hides(`${q.id}|${what}`);
    switch (r.kind) {
      case "options":
        // A scale is one distribution, drawn as a single stacked bar; choices as a bar each.
        return { kind: "tables", ...head, tables: [displayTable(q.id, q.id, "", q.title, r.table, r.multiple, hides, q.type === "scale" ? "stacked" : "bar")] };
      case "items":
        return {
          kind: "tables",
          ...head,
          tables: r.items.map((i) => displayTable(`${q.id}.${i.id}`, q.id, i.id, i.label, i.table, false, hides, q.type === "matrix" || q.type === "precept" ? "stacked" : "bar")),
        };
      case "ranking": {
        const base = hidden("base") ? null : r.base;
        return {
          kind: "ranking",
          ...head,
          base,
          rankCount: r.rankCount,
          rows: r.items.map((i) => {
            const rankedFirst = hidden(`first|${i.id}`) ? null : i.rankedFirst;
            const rankedTop3 = hidden(`top3|${i.id}`) || base === null ? null : i.rankedTop3;
            return {
              id: i.id,
              label: i.label,
              rankedFirst,
              rankedFirstPercent: rankedFirst === null || base === null ? null : percentage(rankedFirst, base),
              rankedTop3,
              rankedTop3Percent: rankedTop3 === null || base === null ? null : percentage(rankedTop3, base),
              meanRank: hidden(`mean|${i.id}`) || base === null ? null : i.meanRank,
              averageScore: hidden(`score|${i.id}`) || base === null || !r.base ? null : Number(ratioText(i.borda, r.base, 2)),
            };
          }),
        };
      }
      case "number": {
        const suppressed = hidden("base");
        return {
          kind: "number",
          ...head,
          n: suppressed ? null : r.n,
          mean: suppressed ? null : r.mean,
          median: suppressed ? null : r.median,
          q1: suppressed ? null : r.q1,
          q3: suppressed ? null : r.q3,
          // Minimum and maximum are single respondents' answers: staff only.
          min: view === null ? r.min : null,
          max: view === null ? r.max : null,
          suppressed,
        };
      }
      case "text":
        return { kind: "text", ...head, count: hidden("base") ? null : r.count };
    }
  });
}

/** Responses by channel for a public page: the channels add up to the total, so they are suppressed together. */
export function publicChannelTotals(totals: Pick<ResponseTotals, "counted" | "byChannel">, view: Disclosure | number): ShownTotals {
  const channels = Object.entries(totals.byChannel);
  if (typeof view !== "number") {
    const hidden = (id: string) => view.withheld.has(`${RESPONSES_TABLE}|${id}`);
    return { counted: hidden("base") ? null : totals.counted, byChannel: channels.map(([channel, n]) => ({ channel, n: hidden(`cell|${channel}`) ? null : n })) };
  }
  const hidden = suppressOneWay({ rows: channels.map(([id, count]) => ({ id, count })), base: totals.counted, exclusive: true }, view);
  return { counted: hidden.base, byChannel: channels.map(([channel], i) => ({ channel, n: hidden.counts[i] })) };
}
