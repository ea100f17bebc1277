import { aggregate, type CountRow, type QuestionResult, type Table } from "./aggregate";
import type { ConsultationDefinition } from "../definition/definition";
import { percentage } from "./statistics";
import { BREAKDOWN_PREFIX, groupPrefix } from "./publication";
import type { Disclosure } from "./display";

/**
 * Breakdowns: every question's answers as columns, one per group of a single-choice-like
 * question (area, age band, channel, victim of crime…), with column percentages of each
 * column's own base. Groups are disjoint (a respondent gives one answer to the grouping
 * question), so the "All in these groups" column is the sum of the others.
 */

export interface BreakdownColumn {
  id: string;
  label: string;
}

export interface BreakdownRow {
  id: string;
  label: string;
  counts: (number | null)[];
  /** Column percentages: of the column's base. */
  percents: (number | null)[];
  total: number | null;
  totalPercent: number | null;
  net?: boolean;
}

export interface BreakdownTable {
  key: string;
  questionId: string;
  itemId: string;
  caption: string;
  multiple: boolean;
  columns: BreakdownColumn[];
  columnBases: (number | null)[];
  total: number | null;
  rows: BreakdownRow[];
  /** "ranked first" tables say so in their caption; bases are all who ranked. */
  measure: "answered" | "ranked first";
}

interface Shaped {
  key: string;
  questionId: string;
  itemId: string;
  caption: string;
  multiple: boolean;
  measure: BreakdownTable["measure"];
  tables: (Table | null)[];
}

function tablesOf(result: QuestionResult): { key: string; itemId: string; caption: string; multiple: boolean; measure: BreakdownTable["measure"]; table: Table }[] {
  const q = result.question;
  switch (result.kind) {
    case "options":
      return [{ key: q.id, itemId: "", caption: q.title, multiple: result.multiple, measure: "answered", table: result.table }];
    case "items":
      return result.items.map((i) => ({ key: `${q.id}.${i.id}`, itemId: i.id, caption: `${q.title}: ${i.label}`, multiple: false, measure: "answered", table: i.table }));
    case "ranking":
      return [
        {
          key: q.id,
          itemId: "",
          caption: `${q.title} (ranked first)`,
          multiple: false,
          measure: "ranked first",
          table: { base: result.base, rows: result.items.map((i) => ({ id: i.id, label: i.label, count: i.rankedFirst, percent: percentage(i.rankedFirst, result.base) })) },
        },
      ];
    default:
      // Numbers and free text are summarised per group on the results page, not tabulated.
      return [];
  }
}

/**
 * `view`: null for staff's raw figures, or the disclosure decision over the breakdown's model
 * (publication.ts: groups' figures "g:<group>/…", the "All in these groups" column "b:…").
 */
export function breakdownTables(
  def: ConsultationDefinition,
  columns: BreakdownColumn[],
  rows: (CountRow & { group: string })[],
  view: Disclosure | null = null,
): BreakdownTable[] {
  const perGroup = columns.map((c) => aggregate(def, rows.filter((r) => r.group === c.id)));
  const shaped = new Map<string, Shaped>();
  perGroup.forEach((results, g) => {
    for (const result of results) {
      for (const t of tablesOf(result)) {
        const s = shaped.get(t.key) ?? {
          key: t.key,
          questionId: result.question.id,
          itemId: t.itemId,
          caption: t.caption,
          multiple: t.multiple,
          measure: t.measure,
          tables: columns.map(() => null),
        };
        s.tables[g] = t.table;
        shaped.set(t.key, s);
      }
    }
  });
  return [...shaped.values()].map((s) => shapeTable(s, columns, view));
}

function shapeTable(s: Shaped, columns: BreakdownColumn[], view: Disclosure | null): BreakdownTable {
  const template = s.tables.find((t) => t !== null)!;
  const bases = s.tables.map((t) => t?.base ?? 0);
  const options = template.rows.map((r, i) => ({ id: r.id, label: r.label, counts: s.tables.map((t) => t?.rows[i].count ?? 0) }));
  // A net is a sum of rows: shown to staff, left out where suppression applies (it would be one
  // more published total to protect, for no new information).
  if (template.net && view === null) {
    options.push({ id: "net", label: `Net: ${template.net.label}`, counts: s.tables.map((t) => t?.net?.count ?? 0) });
  }
  let counts: (number | null)[][] = options.map((o) => o.counts);
  let columnBases: (number | null)[] = bases;
  let totals: (number | null)[] = options.map((o) => o.counts.reduce((a, b) => a + b, 0));
  let total: number | null = bases.reduce((a, b) => a + b, 0);
  if (view !== null) {
    const hidden = (id: string) => view.withheld.has(id);
    const cell = s.measure === "ranked first" ? "first" : "cell";
    counts = options.map((o) => o.counts.map((n, c) => (hidden(`${groupPrefix(columns[c].id)}${s.key}|${cell}|${o.id}`) ? null : n)));
    columnBases = bases.map((n, c) => (hidden(`${groupPrefix(columns[c].id)}${s.key}|base`) ? null : n));
    totals = options.map((o, r) => (hidden(`${BREAKDOWN_PREFIX}${s.key}|row|${o.id}`) ? null : totals[r]));
    total = hidden(`${BREAKDOWN_PREFIX}${s.key}|total`) ? null : total;
  }
  return {
    key: s.key,
    questionId: s.questionId,
    itemId: s.itemId,
    caption: s.caption,
    multiple: s.multiple,
    measure: s.measure,
    columns,
    columnBases,
    total,
    rows: options.map((o, r) => ({
      id: o.id,
      label: o.label,
      counts: counts[r],
      percents: counts[r].map((n, c) => (n === null || columnBases[c] === null ? null : percentage(n, columnBases[c]!))),
      total: totals[r],
      totalPercent: totals[r] === null || total === null ? null : percentage(totals[r]!, total),
      ...(o.id === "net" ? { net: true } : {}),
    })),
  };
}
