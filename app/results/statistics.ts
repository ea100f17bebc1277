/**
 * Survey statistics: percentages from unrounded values, shown to one decimal place; Wilson score
 * intervals (Wilson 1927, "Probable inference, the law of succession, and statistical inference",
 * JASA 22:209-212), never Wald, which undercovers at small bases and near 0% or 100% (Brown, Cai
 * and DasGupta 2001, "Interval estimation for a binomial proportion", Statistical Science
 * 16:101-133); pooled two-proportion z-tests.
 */

import { percentOf, roundNumberText } from "./rounding";

export const Z95 = 1.959963984540054;

/**
 * count / base as a percentage, rounded once, from the exact fraction, to one decimal place
 * (rounding.ts): every output shows this value, so every output shows the same digits.
 */
export function percentage(count: number, base: number): number | null {
  return percentOf(count, base);
}

/** 76.4%, "60%" (no trailing .0): the one way a percentage is written; "0%" only for a true zero. */
export function formatPercent(value: number | null): string {
  if (value === null) return "–";
  if (value === 0) return "0%";
  return `${roundNumberText(value, 1, { trim: true })}%`;
}

/** The mean of a number question, to one decimal place (page, exports and the command line alike). */
export function formatMean(mean: number): string {
  return roundNumberText(mean, 1);
}

/** A figure already rounded to two decimal places (a mean rank, an average score), written with both places: "2.00". */
export function formatTwoPlaces(value: number): string {
  return roundNumberText(value, 2);
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-GB");
}

/** Wilson score interval for x successes out of n, as proportions in [0, 1]. */
export function wilsonInterval(x: number, n: number, z = Z95): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Standard normal cumulative distribution (Abramowitz and Stegun 7.1.26 via erf). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Pooled two-proportion z-test: is p2 different from p1? Two-sided p-value. */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): { z: number; p: number } | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, p: 1 };
  const z = (x2 / n2 - x1 / n1) / se;
  return { z, p: 2 * (1 - normalCdf(Math.abs(z))) };
}

/** "21.9% to 39.6%", from unrounded bounds. */
export function formatInterval(interval: { low: number; high: number } | null): string {
  if (!interval) return "–";
  return `${formatPercent(interval.low * 100)} to ${formatPercent(interval.high * 100)}`;
}

/** A change in percentage points, signed: "+4.2 points", "-1.0 points". */
/** A difference in percentage points to one decimal place with its sign: "+2.3", "−0.4", "0.0". */
export function signedPoints(points: number): string {
  const text = roundNumberText(Math.abs(points), 1);
  const sign = text === "0.0" ? "" : points > 0 ? "+" : "−";
  return `${sign}${text}`;
}

export function formatPoints(points: number): string {
  return `${signedPoints(points)} percentage points`;
}

/** Significant at 95% (two-sided), the level ONS uses to describe crime-survey changes. */
export const SIGNIFICANCE_LEVEL = 0.05;
