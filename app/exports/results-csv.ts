import type { BreakdownTable } from "../results/breakdown";
import type { DisplayQuestion } from "../results/display";
import { roundNumberText } from "../results/rounding";
import { formatMean, formatTwoPlaces } from "../results/statistics";
import { SUPPRESSED } from "../results/suppression";

/**
 * Rows for the CSV (and XLSX) exports, built from the same display model the pages use, so the
 * figures in a file are the figures on the screen. Percentages are unrounded-then-rounded to one
 * decimal place; suppressed figures are "[c]".
 */

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A cell's first character that a spreadsheet may take as the start of a formula: = + - @, tab
 * and carriage return (OWASP, "CSV Injection"), and their full-width forms ＝ ＋ － ＠, which
 * spreadsheet applications with East Asian input settings convert to the ASCII ones on entry.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Spreadsheet formula injection: a cell beginning as FORMULA_START says is run as a formula by
 * Excel and others, so such text gets a leading apostrophe (OWASP CSV injection).
 * Plain numbers, including negative ones such as a fall of "-4.2" points, are left as numbers.
 */
export function safeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  if (NUMBER.test(text)) return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A percentage as every output writes it: one decimal place, half away from zero, trailing .0
 * dropped ("63.8", "60"), the same digits as the page's "63.8%" and the evidence API's 63.8.
 */
export const fixed1 = (x: number | null | undefined) => (x === null || x === undefined ? "" : roundNumberText(x, 1, { trim: true }));
const figure = (x: number | null, suppressed: boolean) => (suppressed ? SUPPRESSED : x === null ? "" : String(x));

export const RESULTS_CSV_HEADER = [
  "question_id",
  "question",
  "item_id",
  "item",
  "option_id",
  "option",
  "count",
  "percent",
  "base",
  "base_description",
  "ci_low",
  "ci_high",
  "valid_percent_excluding_dont_know",
  "valid_base",
];

/** Columns added when weighted figures are shown (app/weighting): percentage, effective n, interval. */
export const WEIGHTED_CSV_COLUMNS = ["weighted_percent", "weighted_effective_n", "weighted_ci_low", "weighted_ci_high"];

const isWeighted = (questions: DisplayQuestion[]) => questions.some((q) => q.kind === "tables" && q.tables.some((t) => t.rows.some((r) => r.weighted !== undefined)));

/** The results CSV's header: with the weighted columns when the figures carry them. */
export function resultsCsvHeader(questions: DisplayQuestion[]): string[] {
  return isWeighted(questions) ? [...RESULTS_CSV_HEADER, ...WEIGHTED_CSV_COLUMNS] : RESULTS_CSV_HEADER;
}

/** One row per question × option (nets as option "net"; ranking as "ranked first" and "top 3"). */
export function resultsCsvRows(questions: DisplayQuestion[]): string[][] {
  const rows: string[][] = [];
  const weighted = isWeighted(questions);
  for (const q of questions) {
    if (q.kind === "tables") {
      for (const t of q.tables) {
        for (const r of t.rows) {
          const hidden = r.count === null;
          rows.push([
            q.id,
            q.title,
            t.itemId,
            t.itemId ? t.caption : "",
            r.id,
            r.label,
            figure(r.count, hidden),
            hidden ? SUPPRESSED : fixed1(r.percent),
            t.base === null ? SUPPRESSED : String(t.base),
            t.baseDescription,
            hidden ? SUPPRESSED : fixed1(r.interval ? r.interval.low * 100 : null),
            hidden ? SUPPRESSED : fixed1(r.interval ? r.interval.high * 100 : null),
            r.validPercent === undefined ? "" : r.validPercent === null ? (r.id === "dont_know" ? "" : SUPPRESSED) : fixed1(r.validPercent),
            t.validBase === undefined ? "" : t.validBase === null ? SUPPRESSED : String(t.validBase),
            ...(weighted
              ? r.weighted
                ? [fixed1(r.weighted.percent), r.weighted.effectiveN === null ? "" : fixed1(r.weighted.effectiveN), fixed1(r.weighted.interval ? r.weighted.interval.low * 100 : null), fixed1(r.weighted.interval ? r.weighted.interval.high * 100 : null)]
                : WEIGHTED_CSV_COLUMNS.map(() => (hidden ? SUPPRESSED : ""))
              : []),
          ]);
        }
      }
    } else if (q.kind === "ranking") {
      for (const r of q.rows) {
        for (const [id, label, count, percent] of [
          ["ranked_first", "Ranked first", r.rankedFirst, r.rankedFirstPercent],
          ["ranked_top3", "Ranked in top 3", r.rankedTop3, r.rankedTop3Percent],
        ] as const) {
          rows.push([q.id, q.title, r.id, r.label, id, label, figure(count, count === null), count === null ? SUPPRESSED : fixed1(percent), q.base === null ? SUPPRESSED : String(q.base), "all who ranked at least one item", "", "", "", ""]);
        }
        // The page's other two measures, in the count column as a number question's statistics are.
        for (const [id, label, value, base] of [
          ["mean_rank", "Mean rank (of those ranking it)", r.meanRank, "those who ranked this item"],
          ["average_score", "Average score (Borda)", r.averageScore, "all who ranked at least one item"],
        ] as const) {
          rows.push([q.id, q.title, r.id, r.label, id, label, value === null ? SUPPRESSED : formatTwoPlaces(value), "", q.base === null ? SUPPRESSED : String(q.base), base, "", "", "", ""]);
        }
      }
    } else if (q.kind === "number") {
      const stat = (id: string, label: string, v: string | number | null) =>
        rows.push([q.id, q.title, "", "", id, label, q.suppressed ? SUPPRESSED : v === null ? "" : String(v), "", q.n === null ? SUPPRESSED : String(q.n), "all who answered this question", "", "", "", ""]);
      stat("mean", "Mean", q.mean === null ? null : formatMean(q.mean));
      stat("median", "Median", q.median);
      stat("q1", "Lower quartile", q.q1);
      stat("q3", "Upper quartile", q.q3);
    } else {
      rows.push([q.id, q.title, "", "", "written_answers", "Written answers (text not included)", q.count === null ? SUPPRESSED : String(q.count), "", "", "all who answered this question", "", "", "", ""]);
    }
  }
  const width = resultsCsvHeader(questions).length;
  return rows.map((r) => [...r, ...Array<string>(width - r.length).fill("")].map(safeCell));
}

export const BREAKDOWN_CSV_HEADER = ["question_id", "item_id", "question", "option_id", "option", "group_id", "group", "count", "column_percent", "column_base"];

/** Long format: one row per question × option × group, plus the "all in these groups" column. */
export function breakdownCsvRows(tables: BreakdownTable[]): string[][] {
  const rows: string[][] = [];
  for (const t of tables) {
    const columns = [...t.columns.map((c, i) => ({ ...c, base: t.columnBases[i], i })), { id: "_all", label: "All in these groups", base: t.total, i: -1 }];
    for (const r of t.rows) {
      for (const c of columns) {
        const count = c.i < 0 ? r.total : r.counts[c.i];
        const percent = c.i < 0 ? r.totalPercent : r.percents[c.i];
        rows.push([
          t.questionId,
          t.itemId,
          t.caption,
          r.id,
          r.label,
          c.id,
          c.label,
          count === null ? SUPPRESSED : String(count),
          count === null || percent === null ? (count === null ? SUPPRESSED : "") : fixed1(percent),
          c.base === null ? SUPPRESSED : String(c.base),
        ]);
      }
    }
  }
  return rows.map((r) => r.map(safeCell));
}

export interface CrosstabRow {
  cells: (string | number)[];
  bold?: boolean;
}

const rounded1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Breakdowns as crosstabs, the way they are read in a spreadsheet: one block per question, the
 * groups across (count, then column %), the answers down, and each column's base beneath.
 * Withheld figures are "[c]", as everywhere else.
 */
export function crosstabRows(tables: BreakdownTable[]): CrosstabRow[] {
  const rows: CrosstabRow[] = [];
  for (const t of tables) {
    const groups = [...t.columns.map((c, i) => ({ label: c.label, base: t.columnBases[i], i })), { label: "All in these groups", base: t.total, i: -1 }];
    rows.push({ cells: [safeCell(t.measure === "ranked first" ? `${t.caption} (ranked first)` : t.caption)], bold: true });
    rows.push({ cells: ["Answer", ...groups.flatMap((g) => [safeCell(`${g.label}: count`), safeCell(`${g.label}: %`)])], bold: true });
    for (const r of t.rows) {
      rows.push({
        cells: [
          safeCell(r.label),
          ...groups.flatMap((g) => {
            const count = g.i < 0 ? r.total : r.counts[g.i];
            const percent = g.i < 0 ? r.totalPercent : r.percents[g.i];
            return count === null ? [SUPPRESSED, SUPPRESSED] : [count, percent === null ? "" : rounded1(percent)];
          }),
        ],
      });
    }
    rows.push({ cells: [t.multiple ? "Base: all who answered (could choose more than one)" : "Base: all who answered", ...groups.flatMap((g) => [g.base === null ? SUPPRESSED : g.base, ""])] });
    rows.push({ cells: [] });
  }
  return rows;
}
