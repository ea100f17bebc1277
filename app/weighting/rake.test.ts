import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rake, summariseWeights, type RakeMargin } from "./rake";

/**
 * Against weights worked out by hand, and the properties raking must have. The fixtures are
 * synthetic: R survey's published example (tests/rakecheck.R) needs its apiclus1 data, which is
 * GPL and not ours to ship.
 */

/** Units in a grid of sex (rows) by age (columns), unit u = row * cols + col. */
function grid(counts: number[][]): { units: number[]; row: number[]; col: number[] } {
  const units: number[] = [];
  const row: number[] = [];
  const col: number[] = [];
  counts.forEach((r, i) => r.forEach((n, j) => (units.push(n), row.push(i), col.push(j))));
  return { units, row, col };
}

describe("rake", () => {
  it("gives R_i·C_j/(N·n_ij) when the sample's two variables are independent", () => {
    // Men 40, women 80; young 30, old 90; independent (10·60 = 30·20). Targets: sex 50/50, age 40/60.
    const g = grid([
      [10, 30],
      [20, 60],
    ]);
    const margins: RakeMargin[] = [
      { name: "sex", category: g.row, targets: [50, 50] },
      { name: "age", category: g.col, targets: [40, 60] },
    ];
    const r = rake(g.units, margins, { tolerance: 1e-12 });
    // Cell targets 120·0.5·0.4 = 24, 36, 24, 36 over 10, 30, 20, 60 respondents.
    expect([...r.weights].map((w) => Number(w.toFixed(10)))).toEqual([2.4, 1.2, 1.2, 0.6]);
    expect(r.converged).toBe(true);
    expect(r.capped).toBe(0);
  });

  it("keeps the sample's odds ratio when the variables are related (the 2×2 solved by hand)", () => {
    // Sample 30 10 / 20 40 (odds ratio 6); targets rows 50/50, columns 40/60 out of 100.
    // x11·x22 = 6·x12·x21 with the margins gives x11² − 110·x11 + 2400 = 0, so x11 = 30
    // (80 exceeds the margins): the raked table is 30 20 / 10 40, weights 1, 2, 0.5, 1.
    const g = grid([
      [30, 10],
      [20, 40],
    ]);
    const r = rake(g.units, [
      { name: "rows", category: g.row, targets: [50, 50] },
      { name: "columns", category: g.col, targets: [40, 60] },
    ], { tolerance: 1e-12, maxIterations: 1000 });
    expect([...r.weights].map((w) => Number(w.toFixed(8)))).toEqual([1, 2, 0.5, 1]);
    expect(r.largestMarginError).toBeLessThan(1e-12);
  });

  it("leaves units without a category at their weight, and spreads the targets over the rest", () => {
    // Women 30, men 10, prefer not to say 10. Targets 50/50: women and men share their 40.
    const r = rake([30, 10, 10], [{ name: "sex", category: [0, 1, -1], targets: [500, 500] }]);
    expect([...r.weights].map((w) => Number(w.toFixed(10)))).toEqual([20 / 30, 2, 1].map((w) => Number(w.toFixed(10))));
  });

  it("caps weights at 0.2 to 5 times the mean inside every iteration and says it did not converge", () => {
    // One respondent of 100 in a category that is half the population would need weight 50.
    const r = rake([1, 99], [{ name: "sex", category: [0, 1], targets: [1, 1] }]);
    expect(Math.max(...r.weights)).toBeLessThanOrEqual(5);
    expect(r.weights[0]).toBe(5);
    expect(r.capped).toBe(1);
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(100);
    // Mean 1 over respondents.
    expect(r.weights[0] * 1 + r.weights[1] * 99).toBeCloseTo(100, 9);
    expect(r.largestMarginError).toBeCloseTo(0.5 - 5 / 100, 9);
  });

  it("summarises weights as Kish does: design effect, effective sample size, efficiency", () => {
    // Σw = 120, Σw² = 10·2.4² + 30·1.2² + 20·1.2² + 60·0.6² = 151.2.
    const s = summariseWeights([10, 30, 20, 60], [2.4, 1.2, 1.2, 0.6]);
    expect(s.effectiveN).toBeCloseTo(14400 / 151.2, 10);
    expect(s.designEffect).toBeCloseTo((120 * 151.2) / 14400, 10);
    expect(s.efficiency).toBeCloseTo((100 * 14400) / 151.2 / 120, 10);
    expect(s.smallest).toBe(0.6);
    expect(s.largest).toBe(2.4);
    expect(summariseWeights([], [])).toMatchObject({ respondents: 0, effectiveN: null });
  });
});

/** A complete grid of 2 to 4 margins of 2 to 4 categories, every cell with respondents, and targets. */
const problem = fc
  .array(fc.integer({ min: 2, max: 4 }), { minLength: 2, maxLength: 3 })
  .chain((sizes) => {
    const cells = sizes.reduce((a, b) => a * b, 1);
    return fc.record({
      sizes: fc.constant(sizes),
      units: fc.array(fc.integer({ min: 1, max: 200 }), { minLength: cells, maxLength: cells }),
      targets: fc.tuple(...sizes.map((k) => fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: k, maxLength: k }))),
    });
  });

function marginsOf(sizes: number[], targets: number[][]): RakeMargin[] {
  const cells = sizes.reduce((a, b) => a * b, 1);
  return sizes.map((k, m) => {
    const stride = sizes.slice(m + 1).reduce((a, b) => a * b, 1);
    return { name: `m${m}`, category: Array.from({ length: cells }, (_, u) => Math.floor(u / stride) % k), targets: targets[m] };
  });
}

function shares(units: number[], weights: ArrayLike<number>, margin: RakeMargin): number[] {
  const totals = margin.targets.map(() => 0);
  let sum = 0;
  units.forEach((n, u) => {
    totals[margin.category[u]] += n * weights[u];
    sum += n * weights[u];
  });
  return totals.map((t) => t / sum);
}

describe("rake properties", () => {
  const exact = { cap: null, tolerance: 1e-10, maxIterations: 5000 };

  it("reproduces every margin within the tolerance", () => {
    fc.assert(
      fc.property(problem, ({ sizes, units, targets }) => {
        const margins = marginsOf(sizes, targets);
        const r = rake(units, margins, exact);
        expect(r.converged).toBe(true);
        for (const m of margins) {
          const total = m.targets.reduce((a, b) => a + b, 0);
          shares(units, r.weights, m).forEach((s, c) => expect(Math.abs(s - m.targets[c] / total)).toBeLessThan(1e-10));
        }
      }),
      { numRuns: 60 },
    );
  });

  it("gives every respondent weight 1 when the sample already matches", () => {
    fc.assert(
      fc.property(problem, ({ sizes, units }) => {
        // Targets are the sample's own margins, in thousands.
        const margins = marginsOf(sizes, sizes.map((k) => Array<number>(k).fill(1)));
        const ones = new Float64Array(units.length).fill(1);
        for (const m of margins) m.targets = shares(units, ones, m).map((s) => s * 1000);
        const r = rake(units, margins, { tolerance: 1e-9 });
        expect([...r.weights].every((w) => Math.abs(w - 1) < 1e-9)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("changes nothing when every target is multiplied by the same number", () => {
    fc.assert(
      fc.property(problem, fc.integer({ min: 2, max: 1000 }), ({ sizes, units, targets }, k) => {
        const a = rake(units, marginsOf(sizes, targets), exact);
        const b = rake(units, marginsOf(sizes, targets.map((t) => t.map((x) => x * k))), exact);
        a.weights.forEach((w, u) => expect(Math.abs(w - b.weights[u])).toBeLessThan(1e-9));
      }),
      { numRuns: 40 },
    );
  });

  it("reaches the same weights, within the tolerance, whatever the order of the margins", () => {
    fc.assert(
      fc.property(problem, ({ sizes, units, targets }) => {
        const margins = marginsOf(sizes, targets);
        const a = rake(units, margins, exact);
        const b = rake(units, [...margins].reverse(), exact);
        a.weights.forEach((w, u) => expect(Math.abs(w - b.weights[u])).toBeLessThan(1e-6));
      }),
      { numRuns: 40 },
    );
  });

  it("never lets a weight past the cap, and keeps the mean at 1", () => {
    fc.assert(
      fc.property(problem, fc.double({ min: 0.05, max: 0.9, noNaN: true }), fc.double({ min: 1.2, max: 10, noNaN: true }), ({ sizes, units, targets }, low, high) => {
        const r = rake(units, marginsOf(sizes, targets), { cap: { low, high } });
        for (const w of r.weights) {
          expect(w).toBeGreaterThanOrEqual(low);
          expect(w).toBeLessThanOrEqual(high);
        }
        const n = units.reduce((a, b) => a + b, 0);
        const total = units.reduce((s, k, u) => s + k * r.weights[u], 0);
        expect(Math.abs(total / n - 1)).toBeLessThan(1e-6);
      }),
      { numRuns: 80 },
    );
  });
});
