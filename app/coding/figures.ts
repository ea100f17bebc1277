import { codeLabel, inOrder, type Code } from "./codebook";
import { STANCES, STANCE_LABELS, type Stance } from "./coding-state";
import { isSmall, suppressStanceBreakdown, suppressStances, suppressThemeBreakdown, suppressThemes } from "./disclosure";
import { DEFAULT_ALPHA_THRESHOLD, formatAlpha, reliabilityStatus, type CodeReliability, type ReliabilityStatus } from "./reliability";
import { formatCount, formatPercent, percentage, wilsonInterval } from "../results/statistics";

/**
 * Coded themes as figures. The base is the respondents who answered the question and whose
 * answer has been coded; a code's count is the respondents whose answer carries it (a top-level
 * code counts respondents with it or any code inside it, once each). Only accepted codings
 * count: suggestions are never an input here. Percentages do not add up to 100, since one
 * answer can carry several codes.
 */

export interface ThemeCounts {
  /** Respondents who answered the question (counted responses); not counted per group of a breakdown (0 there). */
  answered: number;
  /** Of those, respondents whose answer has been coded. */
  coded: number;
  /** Respondents per code id (the code itself only). */
  byCode: Map<string, number>;
  /** Respondents per top-level code id: with it or any code inside it. */
  byGroup: Map<string, number>;
  /** Respondents per stance, of the coded answers that record one (questions that ask for a view). */
  byStance?: Map<string, number>;
}

export interface ThemeRow {
  codeId: string;
  name: string;
  label: string;
  level: 0 | 1;
  retired: boolean;
  /** Null when suppressed. */
  count: number | null;
  percent: number | null;
  interval: { low: number; high: number } | null;
  reliability: ReliabilityStatus;
}

export interface ThemeTable {
  answered: number;
  /** Null when suppressed. */
  base: number | null;
  coded: number;
  /** Share of answers coded so far, 0..1. */
  coverage: number | null;
  rows: ThemeRow[];
}

export function provisional(status: ReliabilityStatus): boolean {
  return status.kind !== "reliable";
}

/** Rows in reading order: codes with no codings and retired codes are left out unless asked for. */
export function themeTable(
  codes: Code[],
  counts: ThemeCounts,
  {
    threshold = null,
    reliability = [],
    alphaThreshold = DEFAULT_ALPHA_THRESHOLD,
    includeEmpty = true,
  }: { threshold?: number | null; reliability?: CodeReliability[]; alphaThreshold?: number; includeEmpty?: boolean } = {}
): ThemeTable {
  const byCode = new Map(reliability.map((r) => [r.codeId, r]));
  const shown = inOrder(codes).filter((c) => {
    const n = countOf(c, counts);
    return n > 0 || (includeEmpty && c.status === "active");
  });
  const raw = shown.map((c) => countOf(c, counts));
  const suppressed = threshold === null ? { counts: raw, base: counts.coded } : suppressThemes(raw, counts.coded, threshold);
  return {
    answered: counts.answered,
    base: suppressed.base,
    coded: counts.coded,
    coverage: counts.answered ? counts.coded / counts.answered : null,
    rows: shown.map((c, i) => {
      const count = suppressed.counts[i];
      return {
        codeId: c.id,
        name: c.name,
        label: codeLabel(codes, c),
        level: c.parentId ? 1 : 0,
        retired: c.status === "retired",
        count,
        percent: count === null ? null : percentage(count, counts.coded),
        interval: count === null ? null : wilsonInterval(count, counts.coded),
        reliability: reliabilityStatus(byCode.get(c.id), alphaThreshold),
      };
    }),
  };
}

function countOf(code: Code, counts: ThemeCounts): number {
  return code.parentId === null ? counts.byGroup.get(code.id) ?? 0 : counts.byCode.get(code.id) ?? 0;
}

export interface ThemeBreakdown {
  columns: { id: string; label: string; base: number | null }[];
  rows: { codeId: string; label: string; level: 0 | 1; cells: { count: number | null; percent: number | null }[] }[];
}

/** Codes × groups (one subgroup question, or the channel), suppressed as a closed question's breakdown is. */
export function themeBreakdown(
  codes: Code[],
  columns: { id: string; label: string }[],
  perGroup: Map<string, ThemeCounts>,
  threshold: number | null
): ThemeBreakdown {
  const shown = inOrder(codes).filter((c) => c.status === "active" || columns.some((col) => countOf(c, perGroup.get(col.id) ?? empty) > 0));
  const counts = shown.map((c) => columns.map((col) => countOf(c, perGroup.get(col.id) ?? empty)));
  const bases = columns.map((col) => perGroup.get(col.id)?.coded ?? 0);
  const s = threshold === null ? { counts, columnBases: bases } : suppressThemeBreakdown(counts, bases, threshold);
  return {
    columns: columns.map((col, j) => ({ ...col, base: s.columnBases[j] })),
    rows: shown.map((c, i) => ({
      codeId: c.id,
      label: codeLabel(codes, c),
      level: c.parentId ? 1 : 0,
      cells: columns.map((_, j) => {
        const count = s.counts[i][j];
        return { count, percent: count === null || s.columnBases[j] === null ? null : percentage(count, bases[j]) };
      }),
    })),
  };
}

const empty: ThemeCounts = { answered: 0, coded: 0, byCode: new Map(), byGroup: new Map(), byStance: new Map() };

// Stances --------------------------------------------------------------------------------------

export interface StanceRow {
  stance: Stance;
  label: string;
  /** Null when suppressed. */
  count: number | null;
  percent: number | null;
  interval: { low: number; high: number } | null;
}

export interface StanceTable {
  /** Coded answers that record a stance: the base. Null when suppressed. */
  base: number | null;
  /** Coded answers (with or without a stance), for the note under the table. */
  coded: number;
  rows: StanceRow[];
  reliability: ReliabilityStatus;
}

function stanceBase(counts: ThemeCounts): number {
  return STANCES.reduce((s, st) => s + (counts.byStance?.get(st) ?? 0), 0);
}

/**
 * Where a question asks for a view: support / oppose / mixed / unclear as figures. One stance an
 * answer, so the rows add up to the base (coded answers that record a stance) and are suppressed
 * as a single-choice question's are.
 */
export function stanceTable(
  counts: ThemeCounts,
  {
    threshold = null,
    reliability,
    alphaThreshold = DEFAULT_ALPHA_THRESHOLD,
  }: { threshold?: number | null; reliability?: CodeReliability; alphaThreshold?: number } = {}
): StanceTable {
  const raw = STANCES.map((st) => counts.byStance?.get(st) ?? 0);
  const base = stanceBase(counts);
  const s = threshold === null ? { counts: raw, base } : suppressStances(raw, base, threshold);
  return {
    base: s.base,
    coded: counts.coded,
    rows: STANCES.map((stance, i) => {
      const count = s.counts[i];
      return {
        stance,
        label: STANCE_LABELS[stance],
        count,
        percent: count === null ? null : percentage(count, base),
        interval: count === null ? null : wilsonInterval(count, base),
      };
    }),
    reliability: reliabilityStatus(reliability, alphaThreshold),
  };
}

/** Stances × groups, with each group's base the coded answers in it that record a stance. */
export function stanceBreakdown(columns: { id: string; label: string }[], perGroup: Map<string, ThemeCounts>, threshold: number | null): ThemeBreakdown {
  const counts = STANCES.map((st) => columns.map((col) => perGroup.get(col.id)?.byStance?.get(st) ?? 0));
  const bases = columns.map((col) => stanceBase(perGroup.get(col.id) ?? empty));
  const s = threshold === null ? { counts, columnBases: bases } : suppressStanceBreakdown(counts, bases, threshold);
  return {
    columns: columns.map((col, j) => ({ ...col, base: s.columnBases[j] })),
    rows: STANCES.map((stance, i) => ({
      codeId: `stance:${stance}`,
      label: STANCE_LABELS[stance],
      level: 0 as const,
      cells: columns.map((_, j) => {
        const count = s.counts[i][j];
        return { count, percent: count === null || s.columnBases[j] === null ? null : percentage(count, bases[j]) };
      }),
    })),
  };
}

const STANCE_VERBS: Record<Stance, string> = { support: "supported it", oppose: "opposed it", mixed: "had mixed views", unclear: "gave no clear view" };

/** "41.0% of respondents who commented supported it (n = 512 of 1,249 whose view was coded; coding reliability α = 0.78)". */
export function stanceStatement(row: StanceRow, table: StanceTable, who = "respondents who commented"): string | null {
  if (row.count === null || table.base === null || row.percent === null) return null;
  return `${formatPercent(row.percent)} of ${who} ${STANCE_VERBS[row.stance]} (n = ${formatCount(row.count)} of ${formatCount(table.base)} whose view was coded; ${reliabilityPhrase(table.reliability)})`;
}

/**
 * "23% of respondents who commented mentioned speeding (n = 412 of 1,804; coding reliability
 * α = 0.81)"; null when the figure is suppressed.
 */
export function themeStatement(row: ThemeRow, base: number | null, who = "respondents who commented"): string | null {
  if (row.count === null || base === null || row.percent === null) return null;
  return `${formatPercent(row.percent)} of ${who} mentioned ${row.name.toLowerCase()} (n = ${formatCount(row.count)} of ${formatCount(base)}; ${reliabilityPhrase(row.reliability)})`;
}

function reliabilityPhrase(r: ReliabilityStatus): string {
  return r.kind === "untested" ? "coding reliability not yet tested: provisional" : `coding reliability ${formatAlpha(r.alpha)}${r.kind === "provisional" ? ", provisional" : ""}`;
}

export interface QuoteCandidate {
  codeId: string;
  approved: boolean;
}

/**
 * A quote reaches a published output only when another analyst approved it, the consultation
 * allows public quotes, and the code it illustrates is shown with at least `threshold`
 * respondents (in the group being shown): a quote from a small group could identify someone.
 */
export function quotePublishable(
  quote: QuoteCandidate,
  row: Pick<ThemeRow, "count"> | undefined,
  { noPublicQuotes, threshold }: { noPublicQuotes: boolean; threshold: number }
): boolean {
  if (noPublicQuotes || !quote.approved || !row || row.count === null) return false;
  return row.count >= threshold && !isSmall(row.count, threshold);
}
