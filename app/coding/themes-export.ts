import { SUPPRESSED } from "../results/suppression";
import { fixed1, safeCell } from "../exports/results-csv";
import type { StanceTable, ThemeTable } from "./figures";
import type { ReliabilityStatus } from "./reliability";

/**
 * Coded themes as rows for CSV and Excel: one row a code, like a multiple-choice option in the
 * results export. Counts are of respondents; one answer can carry several codes, so the
 * percentages do not add up to 100.
 */

export const THEMES_CSV_HEADER = [
  "question_id",
  "question",
  "code_key",
  "code",
  "level",
  "count",
  "base",
  "percent",
  "ci_low",
  "ci_high",
  "reliability_alpha",
  "provisional",
  "answered",
  "coded",
];

export function themesCsvRows(question: { id: string; title: string }, table: ThemeTable, keys: Map<string, string>): string[][] {
  return table.rows.map((r) =>
    figureRow(question, { key: keys.get(r.codeId) ?? "", label: r.label, level: r.level === 0 ? "group (any of these)" : "code" }, r, table.base, r.reliability, table)
  );
}

/** Where the question asks for a view: one row a stance (these rows add up to their base). */
export function stanceCsvRows(question: { id: string; title: string }, stance: StanceTable, table: ThemeTable): string[][] {
  return stance.rows.map((r) => figureRow(question, { key: `stance:${r.stance}`, label: `Stance: ${r.label}`, level: "stance (one an answer)" }, r, stance.base, stance.reliability, table));
}

function figureRow(
  question: { id: string; title: string },
  what: { key: string; label: string; level: string },
  r: { count: number | null; percent: number | null; interval: { low: number; high: number } | null },
  base: number | null,
  reliability: ReliabilityStatus,
  table: ThemeTable
): string[] {
  return [
    question.id,
    question.title,
    what.key,
    what.label,
    what.level,
    r.count === null ? SUPPRESSED : String(r.count),
    base === null ? SUPPRESSED : String(base),
    r.count === null ? SUPPRESSED : fixed1(r.percent),
    r.count === null || !r.interval ? "" : fixed1(r.interval.low * 100),
    r.count === null || !r.interval ? "" : fixed1(r.interval.high * 100),
    reliability.kind === "untested" ? "" : reliability.alpha.toFixed(3),
    reliability.kind === "reliable" ? "no" : "yes",
    String(table.answered),
    String(table.coded),
  ].map(safeCell);
}

export const THEMES_NOTE =
  "Counts are respondents whose answer was coded with the code, out of respondents who answered the question and whose answer was coded. One answer can carry several codes, so percentages do not add up to 100. A group row counts respondents with any code in it, once each. Provisional: reliability (Krippendorff's alpha) below the threshold or not yet tested. Stance rows (where a question asks for a view: support, oppose, mixed, unclear) count one stance an answer, so they add up to their base: coded answers that record a stance.";
