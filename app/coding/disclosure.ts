import { suppressOneWay, suppressTwoWay } from "../results/suppression";

/**
 * The one door between coded themes and disclosure control. Coded themes are tabled like a
 * multiple-choice question (an answer can carry several codes, so counts do not add up to the
 * base), and suppressed by exactly the rules the closed questions use. Disclosure control is
 * being reworked elsewhere: when it changes, only this file changes.
 */

export function suppressThemes(counts: number[], base: number, threshold: number): { counts: (number | null)[]; base: number | null } {
  const result = suppressOneWay({ rows: counts.map((count, i) => ({ id: String(i), count })), base, exclusive: false }, threshold);
  return { counts: result.counts, base: result.base };
}

export function suppressThemeBreakdown(
  counts: number[][],
  columnBases: number[],
  threshold: number
): { counts: (number | null)[][]; columnBases: (number | null)[]; total: number | null } {
  const result = suppressTwoWay({ counts, columnBases, exclusive: false }, threshold);
  return { counts: result.counts, columnBases: result.columnBases, total: result.total };
}

/**
 * Stances are one per answer, like a single-choice question: the rows add up to the base, so a
 * withheld cell is protected by a second one (complementary suppression), as for closed questions.
 */
export function suppressStances(counts: number[], base: number, threshold: number): { counts: (number | null)[]; base: number | null } {
  const result = suppressOneWay({ rows: counts.map((count, i) => ({ id: String(i), count })), base, exclusive: true }, threshold);
  return { counts: result.counts, base: result.base };
}

export function suppressStanceBreakdown(counts: number[][], columnBases: number[], threshold: number): { counts: (number | null)[][]; columnBases: (number | null)[] } {
  const result = suppressTwoWay({ counts, columnBases, exclusive: true }, threshold);
  return { counts: result.counts, columnBases: result.columnBases };
}

/** A group is "under the threshold" when it has some respondents but fewer than the threshold. */
export function isSmall(n: number, threshold: number): boolean {
  return n > 0 && n < threshold;
}
