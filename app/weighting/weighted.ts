import { wilsonInterval } from "../results/statistics";

/**
 * A weighted percentage and an honest interval for it. The variance of the weighted proportion
 * p = Σwy/Σw is the linearised (Taylor series) variance of a ratio estimator under
 * with-replacement sampling, v = n/(n−1) · Σw²(y−p)² / (Σw)², as survey::svymean gives for a
 * design with weights only (Lumley, survey package; Lumley 2010, Complex Surveys, 2.3); it is
 * turned into the question's own effective sample size n_eff = p(1−p)/v and a Wilson interval
 * is taken at n_eff, as survey::svyciprop(method = "wilson") does (with the normal quantile).
 * Weights are treated as fixed, which ignores the small gain in precision raking brings for
 * answers related to the weighting variables: the interval errs on the wide side. Where p is 0
 * or 1 the variance is 0 and Kish's effective n, (Σw)²/Σw², is used instead (Kish 1965).
 */

export interface WeightedSums {
  /** Respondents in the base. */
  n: number;
  /** Σw and Σw² over the base. */
  w: number;
  w2: number;
}

export interface WeightedFigure {
  /** Weighted percentage (unrounded); null when the base is empty. */
  percent: number | null;
  /** The effective sample size of this figure. */
  effectiveN: number | null;
  interval: { low: number; high: number } | null;
}

/** Kish's effective sample size of a base: (Σw)²/Σw². */
export function kishEffectiveN(base: WeightedSums): number | null {
  return base.w2 > 0 ? (base.w * base.w) / base.w2 : null;
}

/** The weighted share of `part` (respondents giving the answer) in `base` (all who answered). */
export function weightedProportion(part: { w: number; w2: number }, base: WeightedSums): WeightedFigure {
  if (base.n <= 0 || base.w <= 0) return { percent: null, effectiveN: null, interval: null };
  const p = Math.min(1, Math.max(0, part.w / base.w));
  const kish = kishEffectiveN(base)!;
  let effectiveN = kish;
  if (base.n > 1 && p > 0 && p < 1) {
    const squares = (1 - p) * (1 - p) * part.w2 + p * p * Math.max(0, base.w2 - part.w2);
    const variance = ((base.n / (base.n - 1)) * squares) / (base.w * base.w);
    if (variance > 0) effectiveN = (p * (1 - p)) / variance;
  }
  return { percent: p * 100, effectiveN, interval: wilsonInterval(p * effectiveN, effectiveN) };
}

/** The caveat every weighted figure carries (AAPOR, Pew Research Center 2018, Ipsos). */
export const WEIGHTING_CAVEAT =
  "Weighted figures adjust the people who responded to match the population on the variables chosen. People chose to take part, so weighting cannot make them a random sample: it corrects only for the chosen variables, and can leave other differences or make them worse. Intervals show the precision a figure would have if respondents were a random sample of residents; treat them as indicative only. Weighted figures are shown beside the unweighted ones, never instead of them.";
