import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../results/statistics";
import { kishEffectiveN, weightedProportion } from "./weighted";

/** Sums for respondents with weights w and answers y (1 = gave the answer). */
function sums(w: number[], y: number[]) {
  const part = { w: 0, w2: 0 };
  w.forEach((x, i) => {
    if (y[i]) {
      part.w += x;
      part.w2 += x * x;
    }
  });
  return { part, base: { n: w.length, w: w.reduce((a, b) => a + b, 0), w2: w.reduce((a, b) => a + b * b, 0) } };
}

describe("weighted proportion with its own effective n", () => {
  it("works out the linearised variance by hand: weights 1, 1, 2, 2 with answers yes, no, yes, no", () => {
    // p = 3/6 = 0.5; Σw²(y−p)² = 0.25·(1+1+4+4) = 2.5; v = 4/3 · 2.5/36; n_eff = 0.25/v = 2.7.
    const { part, base } = sums([1, 1, 2, 2], [1, 0, 1, 0]);
    const f = weightedProportion(part, base);
    expect(f.percent).toBeCloseTo(50, 12);
    expect(f.effectiveN).toBeCloseTo(2.7, 12);
    expect(f.interval).toEqual(wilsonInterval(0.5 * 2.7, 2.7));
  });

  it("gives n − 1 with equal weights, as svymean's n/(n−1) factor does", () => {
    const y = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    const { part, base } = sums(Array(10).fill(1), y);
    expect(weightedProportion(part, base).effectiveN).toBeCloseTo(9, 12);
    // Any common weight gives the same.
    const scaled = sums(Array(10).fill(3.7), y);
    expect(weightedProportion(scaled.part, scaled.base).effectiveN).toBeCloseTo(9, 10);
  });

  it("falls back on Kish's effective n when everyone or no one gave the answer", () => {
    const { part, base } = sums([1, 2, 3], [1, 1, 1]);
    expect(kishEffectiveN(base)).toBeCloseTo(36 / 14, 12);
    const all = weightedProportion(part, base);
    expect(all.percent).toBe(100);
    expect(all.effectiveN).toBeCloseTo(36 / 14, 12);
    expect(weightedProportion({ w: 0, w2: 0 }, base).percent).toBe(0);
    expect(weightedProportion({ w: 0, w2: 0 }, { n: 0, w: 0, w2: 0 })).toEqual({ percent: null, effectiveN: null, interval: null });
  });
});
