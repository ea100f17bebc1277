import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  cohensKappa,
  cohensKappaFromTable,
  f1,
  f1WithInterval,
  krippendorffAlphaNominal,
  reliabilityByCode,
  reliabilityStatus,
  stanceReliability,
} from "./reliability";

describe("Krippendorff's alpha, nominal", () => {
  it("reproduces Krippendorff (2011), example A: two observers, binary data, no missing values: α = 0.095", () => {
    // Mary and Dave, ten units (Krippendorff 2011, section A). α = 1 − (n−1)·o01/(n0·n1) = 1 − 19·4/(14·6).
    const mary = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const dave = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    const alpha = krippendorffAlphaNominal(mary.map((m, i) => [m, dave[i]]));
    expect(alpha).toBeCloseTo(1 - (19 * 4) / (14 * 6), 10);
    expect(alpha!.toFixed(3)).toBe("0.095");
  });

  it("reproduces Krippendorff (2011), example C: four observers, nominal values, missing data: α = 0.743", () => {
    // Observers A-D over 12 units; "." (null) where an observer gave no value.
    const _ = null;
    const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _];
    const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3];
    const C = [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _];
    const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _];
    const units = A.map((_, u) => [A[u], B[u], C[u], D[u]]);
    expect(krippendorffAlphaNominal(units)!.toFixed(3)).toBe("0.743");
  });

  it("is 1 for perfect agreement, undefined without variation or pairable units", () => {
    expect(
      krippendorffAlphaNominal([
        [true, true],
        [false, false],
      ])
    ).toBe(1);
    expect(
      krippendorffAlphaNominal([
        [true, true],
        [true, true],
      ])
    ).toBeNull();
    expect(krippendorffAlphaNominal([[true, null], [false]])).toBeNull();
  });

  it("never exceeds 1, and the order of coders does not matter", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: 2, maxLength: 60 }), (pairs) => {
        const a = krippendorffAlphaNominal(pairs);
        const b = krippendorffAlphaNominal(pairs.map(([x, y]) => [y, x]));
        expect(a === null ? null : a.toFixed(12)).toBe(b === null ? null : b.toFixed(12));
        if (a !== null) expect(a).toBeLessThanOrEqual(1 + 1e-12);
      })
    );
  });
});

describe("Cohen's kappa", () => {
  it("reproduces Cohen (1960), Table 1: 200 cases, three categories, p_o = .70, p_c = .41, κ = .492", () => {
    // Proportions .44 .07 .09 / .05 .20 .05 / .01 .03 .06 of 200 cases.
    const table = [
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ];
    const kappa = cohensKappaFromTable(table)!;
    expect(kappa).toBeCloseTo((0.7 - 0.41) / (1 - 0.41), 10);
    expect(kappa.toFixed(3)).toBe("0.492");
  });

  it("is 0 for chance agreement and 1 for perfect agreement", () => {
    expect(
      cohensKappa([
        [true, true],
        [true, false],
        [false, true],
        [false, false],
      ])
    ).toBeCloseTo(0, 10);
    expect(
      cohensKappa([
        [true, true],
        [false, false],
      ])
    ).toBe(1);
    expect(cohensKappa([])).toBeNull();
  });

  it("for two coders with no missing values, is close to alpha (they differ only in the expected-disagreement estimate)", () => {
    const pairs: [boolean, boolean][] = [
      ...Array<[boolean, boolean]>(40).fill([true, true]),
      ...Array<[boolean, boolean]>(6).fill([true, false]),
      ...Array<[boolean, boolean]>(4).fill([false, true]),
      ...Array<[boolean, boolean]>(50).fill([false, false]),
    ];
    expect(Math.abs(cohensKappa(pairs)! - krippendorffAlphaNominal(pairs)!)).toBeLessThan(0.01);
  });
});

describe("F1 with a bootstrap interval", () => {
  it("computes F1 and an interval that contains it", () => {
    expect(f1({ tp: 8, fp: 2, fn: 2 })).toBeCloseTo(0.8, 10);
    expect(f1({ tp: 0, fp: 0, fn: 0 })).toBeNull();
    const perAnswer = [
      ...Array.from({ length: 40 }, () => ({ tp: 1, fp: 0, fn: 0 })),
      ...Array.from({ length: 10 }, () => ({ tp: 0, fp: 1, fn: 0 })),
      ...Array.from({ length: 10 }, () => ({ tp: 0, fp: 0, fn: 1 })),
      ...Array.from({ length: 40 }, () => ({ tp: 0, fp: 0, fn: 0 })),
    ];
    const r = f1WithInterval(perAnswer, { seed: 7 });
    expect(r.f1).toBeCloseTo(0.8, 10);
    expect(r.low!).toBeLessThan(0.8);
    expect(r.high!).toBeGreaterThan(0.8);
    expect(r.low!).toBeGreaterThan(0.6);
    expect(r.approximate).toBe(false);
    // Same seed, same interval.
    expect(f1WithInterval(perAnswer, { seed: 7 })).toEqual(r);
  });
});

describe("reliability per code", () => {
  it("compares present/absent per answer and labels codes", () => {
    const pairs = [
      { first: new Set(["a", "b"]), second: new Set(["a"]) },
      { first: new Set(["a"]), second: new Set(["a"]) },
      { first: new Set<string>(), second: new Set<string>() },
      { first: new Set(["b"]), second: new Set<string>() },
    ];
    const [a, b, c] = reliabilityByCode(["a", "b", "c"], pairs);
    expect(a).toMatchObject({ units: 4, present: 2, agreements: 4, alpha: 1, kappa: 1 });
    expect(b.agreements).toBe(2);
    expect(b.alpha!).toBeLessThan(0.667);
    expect(reliabilityStatus(a).kind).toBe("reliable");
    expect(reliabilityStatus(b).kind).toBe("provisional");
    expect(reliabilityStatus(c)).toEqual({ kind: "untested", reason: "not used in the double-coded sample" });
    expect(reliabilityStatus(undefined)).toEqual({ kind: "untested", reason: "not yet double-coded" });
  });
});

describe("stance reliability", () => {
  it("is alpha and kappa over the answers where both coders recorded a stance; a missing stance is missing, not a category", () => {
    const pairs = [
      { first: "support", second: "support" },
      { first: "oppose", second: "oppose" },
      { first: "mixed", second: "oppose" },
      { first: "support", second: "support" },
      { first: "unclear", second: "unclear" },
      { first: "oppose", second: "oppose" },
      { first: null, second: "support" },
      { first: "support", second: null },
    ];
    const r = stanceReliability(pairs);
    const both = pairs.slice(0, 6).map((p) => [p.first, p.second] as [string, string]);
    expect(r.units).toBe(6);
    expect(r.agreements).toBe(5);
    expect(r.alpha).toBe(krippendorffAlphaNominal(both));
    expect(r.kappa).toBe(cohensKappa(both));
    expect(r.alpha!).toBeGreaterThan(0.6);
    expect(r.alpha!).toBeLessThan(1);
    expect(reliabilityStatus(stanceReliability([])).kind).toBe("untested");
  });
});
