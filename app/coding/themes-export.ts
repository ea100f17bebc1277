import { SUPPRESSED } from "../results/suppression";
import { fixed1, safeCell } from "../exports/results-csv";
import type { ThemeTable } from "./figures";

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
    [
      question.id,
      question.title,
      keys.get(r.codeId) ?? "",
      r.label,
      r.level === 0 ? "group (any of these)" : "code",
      r.count === null ? SUPPRESSED : String(r.count),
      table.base === null ? SUPPRESSED : String(table.base),
      r.count === null ? SUPPRESSED : fixed1(r.percent),
      r.count === null || !r.interval ? "" : fixed1(r.interval.low * 100),
      r.count === null || !r.interval ? "" : fixed1(r.interval.high * 100),
      r.reliability.kind === "untested" ? "" : r.reliability.alpha.toFixed(3),
      r.reliability.kind === "reliable" ? "no" : "yes",
      String(table.answered),
      String(table.coded),
    ].map(safeCell)
  );
}

export const THEMES_NOTE =
  "Counts are respondents whose answer was coded with the code, out of respondents who answered the question and whose answer was coded. One answer can carry several codes, so percentages do not add up to 100. A group row counts respondents with any code in it, once each. Provisional: reliability (Krippendorff's alpha) below the threshold or not yet tested.";
