/**
 * Raking (iterative proportional fitting; Deming and Stephan 1940, "On a least squares adjustment
 * of a sampled frequency table when the expected marginal totals are known", Annals of
 * Mathematical Statistics 11:427-444), as R's survey::rake does it (Lumley, survey package,
 * R/surveyrep.R: post-stratify on each margin in turn until the margins stop moving), with two
 * rules from anesrake (Pasek, anesrake package): a cap on weights applied inside every
 * iteration, and a unit with no category in a margin (prefer not to say, not answered, outside
 * the margin's area) keeps its weight while the margin's targets are spread over the rest.
 *
 * It works on units that each stand for `n` respondents with the same categories (the cells of
 * the raking variables), so a million respondents rake as fast as a few hundred cells. Weights
 * are kept at mean 1 over respondents.
 */

export interface RakeMargin {
  /** For people: "sex (County Durham)". */
  name: string;
  /** Each unit's category (an index into targets), or -1 when the unit keeps its weight here. */
  category: ArrayLike<number>;
  /** Population figures per category; only their shares matter (scaling them changes nothing). */
  targets: number[];
}

export interface RakeOptions {
  /** Weights are kept within [low, high] times the mean weight; null for no cap. Default 0.2 to 5. */
  cap?: { low: number; high: number } | null;
  /** Largest difference between a weighted share and its target share (a proportion) that counts as converged. */
  tolerance?: number;
  maxIterations?: number;
}

export const DEFAULT_RAKE_OPTIONS = { cap: { low: 0.2, high: 5 }, tolerance: 1e-4, maxIterations: 100 } as const;

export interface RakeResult {
  /** One weight per unit (for each of its respondents), mean 1 over respondents. */
  weights: Float64Array;
  converged: boolean;
  iterations: number;
  /** max over margins and categories of |weighted share − target share|, as a proportion. */
  largestMarginError: number;
  /** Respondents whose weight sits at the cap. */
  capped: number;
}

/** Weighted share of each category of a margin among the units that have one, and their total. */
function marginTotals(margin: RakeMargin, units: ArrayLike<number>, weights: Float64Array): { totals: Float64Array; sum: number } {
  const totals = new Float64Array(margin.targets.length);
  let sum = 0;
  for (let u = 0; u < units.length; u++) {
    const c = margin.category[u];
    if (c < 0) continue;
    const w = units[u] * weights[u];
    totals[c] += w;
    sum += w;
  }
  return { totals, sum };
}

function marginError(margin: RakeMargin, units: ArrayLike<number>, weights: Float64Array): number {
  const { totals, sum } = marginTotals(margin, units, weights);
  const targetSum = margin.targets.reduce((a, b) => a + b, 0);
  let worst = 0;
  if (sum <= 0 || targetSum <= 0) return 0;
  margin.targets.forEach((t, c) => (worst = Math.max(worst, Math.abs(totals[c] / sum - t / targetSum))));
  return worst;
}

/**
 * Keeps every weight within [low, high] (weights at mean 1) and the mean at 1: weights beyond the
 * cap are set to it and the difference is shared in proportion among the weights that can still
 * move that way, as survey::trimWeights does, repeated until nothing moves.
 */
function applyCap(units: ArrayLike<number>, weights: Float64Array, low: number, high: number, respondents: number): void {
  for (let round = 0; round < 200; round++) {
    let total = 0;
    for (let u = 0; u < weights.length; u++) {
      weights[u] = Math.min(high, Math.max(low, weights[u]));
      total += units[u] * weights[u];
    }
    const short = respondents - total;
    if (Math.abs(short) <= 1e-12 * respondents) return;
    // Raising the total moves every weight below the upper cap; lowering it, every one above the lower.
    let movable = 0;
    for (let u = 0; u < weights.length; u++) if (short > 0 ? weights[u] < high : weights[u] > low) movable += units[u] * weights[u];
    if (movable <= 0) return;
    const scale = (movable + short) / movable;
    for (let u = 0; u < weights.length; u++) if (short > 0 ? weights[u] < high : weights[u] > low) weights[u] *= scale;
  }
  for (let u = 0; u < weights.length; u++) weights[u] = Math.min(high, Math.max(low, weights[u]));
}

/**
 * Rakes `units` (respondents per unit) to the margins. Margins must have a respondent in every
 * category with a non-zero target, and no target of zero (see margins.ts, which collapses
 * categories by a declared rule before raking).
 */
export function rake(units: ArrayLike<number>, margins: RakeMargin[], options: RakeOptions = {}): RakeResult {
  const cap = options.cap === undefined ? DEFAULT_RAKE_OPTIONS.cap : options.cap;
  const tolerance = options.tolerance ?? DEFAULT_RAKE_OPTIONS.tolerance;
  const maxIterations = options.maxIterations ?? DEFAULT_RAKE_OPTIONS.maxIterations;
  const weights = new Float64Array(units.length).fill(1);
  let respondents = 0;
  for (let u = 0; u < units.length; u++) respondents += units[u];
  const largest = () => margins.reduce((worst, m) => Math.max(worst, marginError(m, units, weights)), 0);

  let error = largest();
  let iterations = 0;
  while (error >= tolerance && iterations < maxIterations) {
    iterations++;
    for (const margin of margins) {
      const { totals, sum } = marginTotals(margin, units, weights);
      const targetSum = margin.targets.reduce((a, b) => a + b, 0);
      // The units with a category share out their own current total; the others keep theirs.
      const factors = margin.targets.map((t, c) => (totals[c] > 0 ? ((t / targetSum) * sum) / totals[c] : 1));
      for (let u = 0; u < weights.length; u++) {
        const c = margin.category[u];
        if (c >= 0) weights[u] *= factors[c];
      }
    }
    if (cap) applyCap(units, weights, cap.low, cap.high, respondents);
    error = largest();
  }
  let capped = 0;
  if (cap) for (let u = 0; u < weights.length; u++) if (weights[u] <= cap.low || weights[u] >= cap.high) capped += units[u];
  return { weights, converged: error < tolerance, iterations, largestMarginError: error, capped };
}

export interface WeightSummary {
  respondents: number;
  smallest: number | null;
  largest: number | null;
  /** Kish's design effect from unequal weights, n·Σw²/(Σw)² = 1 + CV² (Kish 1965, Survey Sampling, 11.7). */
  designEffect: number | null;
  /** Kish's effective sample size, (Σw)²/Σw². */
  effectiveN: number | null;
  /** Effective sample size as a percentage of respondents, 100·(Σw)²/(n·Σw²). */
  efficiency: number | null;
}

/** Diagnostics of a set of weights (one per unit, for `units[u]` respondents each). */
export function summariseWeights(units: ArrayLike<number>, weights: ArrayLike<number>): WeightSummary {
  let n = 0;
  let sum = 0;
  let sum2 = 0;
  let smallest = Infinity;
  let largest = -Infinity;
  for (let u = 0; u < units.length; u++) {
    if (units[u] <= 0) continue;
    n += units[u];
    sum += units[u] * weights[u];
    sum2 += units[u] * weights[u] * weights[u];
    smallest = Math.min(smallest, weights[u]);
    largest = Math.max(largest, weights[u]);
  }
  if (n === 0 || sum2 === 0) return { respondents: n, smallest: null, largest: null, designEffect: null, effectiveN: null, efficiency: null };
  const effectiveN = (sum * sum) / sum2;
  return { respondents: n, smallest, largest, designEffect: n / effectiveN, effectiveN, efficiency: (100 * effectiveN) / n };
}
