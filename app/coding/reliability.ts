import { seededRandom } from "../../db/seeded-random";

/**
 * Agreement statistics for coding. Each code is judged present or absent on a whole answer, so
 * per code every coder gives a nominal value per answer.
 *
 * - Krippendorff's alpha (nominal), from the coincidence matrix, for any number of coders and
 *   missing values: K. Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
 *   Annenberg School for Communication, University of Pennsylvania; A. F. Hayes and
 *   K. Krippendorff (2007), "Answering the call for a standard reliability measure for coding
 *   data", Communication Methods and Measures 1(1). Krippendorff's guidance: rely on variables
 *   with alpha ≥ .800, and draw only tentative conclusions from those with .667 ≤ alpha < .800.
 * - Cohen's kappa for two coders: J. Cohen (1960), "A coefficient of agreement for nominal
 *   scales", Educational and Psychological Measurement 20(1), 37-46.
 * - F1 (the harmonic mean of precision and recall) for the classifier against the analysts, with
 *   a percentile bootstrap interval over answers: B. Efron and R. Tibshirani (1993), "An
 *   Introduction to the Bootstrap", chapter 13.
 */

export type Value = string | number | boolean;

/** Krippendorff's (2011) default threshold for tentative conclusions. */
export const DEFAULT_ALPHA_THRESHOLD = 0.667;

/**
 * Alpha for nominal data. `units[u]` holds the values the coders gave unit u, with null for a
 * coder who did not code it. Units with fewer than two values are not pairable and are left out.
 * Null when there is nothing to compare, or when every value is the same (no variation: alpha is
 * undefined, D_e = 0).
 */
export function krippendorffAlphaNominal(units: (Value | null)[][]): number | null {
  const coincidences = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, w: number) => {
    let row = coincidences.get(c);
    if (!row) coincidences.set(c, (row = new Map()));
    row.set(k, (row.get(k) ?? 0) + w);
  };
  for (const unit of units) {
    const values = unit.filter((v): v is Value => v !== null && v !== undefined).map(String);
    const m = values.length;
    if (m < 2) continue;
    // Every ordered pair of values from different coders, weighted 1/(m_u - 1).
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) add(values[i], values[j], 1 / (m - 1));
  }
  const categories = [...coincidences.keys()];
  const nc = new Map(categories.map((c) => [c, [...coincidences.get(c)!.values()].reduce((s, x) => s + x, 0)]));
  const n = [...nc.values()].reduce((s, x) => s + x, 0);
  if (n <= 1) return null;
  let disagreeObserved = 0;
  let disagreeExpected = 0;
  for (const c of categories) {
    for (const k of categories) {
      if (c === k) continue;
      disagreeObserved += coincidences.get(c)!.get(k) ?? 0;
      disagreeExpected += nc.get(c)! * nc.get(k)!;
    }
  }
  if (disagreeExpected === 0) return null;
  return 1 - ((n - 1) * disagreeObserved) / disagreeExpected;
}

/** Cohen's kappa for two coders' labels of the same units (pairs with a missing label are left out). */
export function cohensKappa(pairs: [Value | null, Value | null][]): number | null {
  const complete = pairs.filter(([a, b]) => a !== null && b !== null).map(([a, b]) => [String(a), String(b)] as const);
  const n = complete.length;
  if (n === 0) return null;
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let agree = 0;
  for (const [a, b] of complete) {
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
    if (a === b) agree++;
  }
  const observed = agree / n;
  let expected = 0;
  for (const [c, x] of first) expected += (x / n) * ((second.get(c) ?? 0) / n);
  if (expected === 1) return null;
  return (observed - expected) / (1 - expected);
}

/** Kappa from a square table of counts (rows: first coder, columns: second), as Cohen laid it out. */
export function cohensKappaFromTable(table: number[][]): number | null {
  const pairs: [Value, Value][] = [];
  table.forEach((row, r) =>
    row.forEach((count, c) => {
      for (let i = 0; i < count; i++) pairs.push([r, c]);
    })
  );
  return cohensKappa(pairs);
}

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
}

/** F1 = 2TP / (2TP + FP + FN); null when neither side ever said "present". */
export function f1(c: Confusion): number | null {
  const d = 2 * c.tp + c.fp + c.fn;
  return d === 0 ? null : (2 * c.tp) / d;
}


/**
 * F1 over per-answer outcomes (each answer contributes its own tp/fp/fn), with a 95% percentile
 * bootstrap interval from resampling answers. "Approximate" below 30 answers, where a percentile
 * interval is known to be too narrow.
 */
export function f1WithInterval(
  perAnswer: Confusion[],
  options: { resamples?: number; seed?: number } = {},
): { f1: number | null; low: number | null; high: number | null; answers: number; approximate: boolean } {
  return f1WithIntervals([perAnswer], options)[0];
}

/**
 * The same for several measures over the same answers (one per code, say), from one shared set
 * of resamples: each resample is drawn once, as a count of how often each answer was drawn, and
 * each measure sums only over the answers where it has any outcome.
 */
export function f1WithIntervals(
  measures: Confusion[][],
  { resamples = 500, seed = 1 }: { resamples?: number; seed?: number } = {},
): { f1: number | null; low: number | null; high: number | null; answers: number; approximate: boolean }[] {
  const n = measures[0]?.length ?? 0;
  const totals = measures.map((m) => m.reduce((s, c) => ({ tp: s.tp + c.tp, fp: s.fp + c.fp, fn: s.fn + c.fn }), { tp: 0, fp: 0, fn: 0 }));
  const involved = measures.map((m) => m.map((c, i) => (c.tp || c.fp || c.fn ? i : -1)).filter((i) => i >= 0));
  const values: number[][] = measures.map(() => []);
  if (n > 0) {
    const rng = seededRandom(seed);
    const drawn = new Int32Array(n);
    for (let b = 0; b < resamples; b++) {
      drawn.fill(0);
      for (let i = 0; i < n; i++) drawn[Math.floor(rng() * n)]++;
      measures.forEach((m, k) => {
        let tp = 0;
        let fp = 0;
        let fn = 0;
        for (const i of involved[k]) {
          const times = drawn[i];
          if (!times) continue;
          tp += m[i].tp * times;
          fp += m[i].fp * times;
          fn += m[i].fn * times;
        }
        const v = f1({ tp, fp, fn });
        if (v !== null) values[k].push(v);
      });
    }
  }
  return measures.map((_, k) => {
    const point = f1(totals[k]);
    if (n === 0 || point === null) return { f1: point, low: null, high: null, answers: n, approximate: true };
    const v = values[k].sort((a, b) => a - b);
    const at = (q: number) => v[Math.min(v.length - 1, Math.max(0, Math.floor(q * v.length)))];
    return { f1: point, low: v.length ? at(0.025) : null, high: v.length ? at(0.975) : null, answers: n, approximate: n < 30 };
  });
}

export interface CodeReliability {
  codeId: string;
  /** Answers coded by both coders. */
  units: number;
  /** Answers where at least one coder applied the code. */
  present: number;
  agreements: number;
  alpha: number | null;
  kappa: number | null;
}

/**
 * Per code, present/absent on each double-coded answer: `pairs` are the two codings (sets of
 * code ids) of each answer coded by both.
 */
export function reliabilityByCode(codeIds: string[], pairs: { first: ReadonlySet<string>; second: ReadonlySet<string> }[]): CodeReliability[] {
  return codeIds.map((codeId) => {
    const units = pairs.map((p) => [p.first.has(codeId), p.second.has(codeId)] as [boolean, boolean]);
    return {
      codeId,
      units: units.length,
      present: units.filter(([a, b]) => a || b).length,
      agreements: units.filter(([a, b]) => a === b).length,
      alpha: krippendorffAlphaNominal(units),
      kappa: units.length ? cohensKappa(units) : null,
    };
  });
}

/**
 * The stance (support / oppose / mixed / unclear) is one nominal value per answer: alpha and
 * kappa over the double-coded answers where both coders recorded one (a missing stance is a
 * missing value, not a category).
 */
export function stanceReliability(pairs: { first: string | null; second: string | null }[]): CodeReliability {
  const both = pairs.filter((p) => p.first !== null && p.second !== null).map((p) => [p.first, p.second] as [string, string]);
  return {
    codeId: STANCE_RELIABILITY_ID,
    units: both.length,
    present: both.length,
    agreements: both.filter(([a, b]) => a === b).length,
    alpha: krippendorffAlphaNominal(both),
    kappa: both.length ? cohensKappa(both) : null,
  };
}
export const STANCE_RELIABILITY_ID = "stance";

export type ReliabilityStatus = { kind: "reliable"; alpha: number } | { kind: "provisional"; alpha: number } | { kind: "untested"; reason: string };

/** A code is "provisional" below the threshold, and "not yet tested" while alpha cannot be computed. */
export function reliabilityStatus(r: CodeReliability | undefined, threshold = DEFAULT_ALPHA_THRESHOLD): ReliabilityStatus {
  if (!r || r.units === 0) return { kind: "untested", reason: "not yet double-coded" };
  if (r.alpha === null) return { kind: "untested", reason: r.present === 0 ? "not used in the double-coded sample" : "no variation in the sample" };
  return r.alpha < threshold ? { kind: "provisional", alpha: r.alpha } : { kind: "reliable", alpha: r.alpha };
}

/** "α = 0.81", to two decimal places as Krippendorff reports it. */
export function formatAlpha(alpha: number | null): string {
  return alpha === null ? "α not available" : `α = ${alpha.toFixed(2)}`;
}
