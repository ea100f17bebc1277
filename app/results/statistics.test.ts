import { describe, expect, it } from "vitest";
import { formatInterval, formatPercent, formatPoints, normalCdf, percentage, twoProportionZTest, wilsonInterval } from "./statistics";

// Worked values from Wilson's (1927) interval and the pooled two-proportion z-test, checked against
// statsmodels (statsmodels.stats.proportion: proportion_confint(method="wilson"), proportions_ztest).
describe("wilsonInterval", () => {
  it("gives 1.4% to 16.5% for 2 of 40", () => {
    const ci = wilsonInterval(2, 40)!;
    expect(ci.low * 100).toBeCloseTo(1.38, 1);
    expect(ci.high * 100).toBeCloseTo(16.5, 1);
    expect(formatInterval(ci)).toBe("1.4% to 16.5%");
  });
  it("gives 21.9% to 39.6% for 30 of 100", () => {
    expect(formatInterval(wilsonInterval(30, 100))).toBe("21.9% to 39.6%");
  });
  it("stays inside [0, 1] where Wald would not", () => {
    expect(wilsonInterval(0, 5)!.low).toBe(0);
    expect(wilsonInterval(5, 5)!.high).toBe(1);
    expect(wilsonInterval(0, 5)!.high).toBeGreaterThan(0);
  });
  it("has no interval without a base", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe("twoProportionZTest", () => {
  it("gives z = 2.08, p = 0.037 for 55% of 800 against 60% of 900", () => {
    const r = twoProportionZTest(440, 800, 540, 900)!;
    expect(r.z).toBeCloseTo(2.08, 2);
    expect(r.p).toBeCloseTo(0.037, 3);
  });
  it("is symmetric in direction and 1 for equal proportions", () => {
    expect(twoProportionZTest(540, 900, 440, 800)!.z).toBeCloseTo(-2.08, 2);
    expect(twoProportionZTest(50, 100, 100, 200)!.p).toBeCloseTo(1, 6);
  });
});

describe("normalCdf", () => {
  it("matches standard table values", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5);
  });
});

describe("formatting", () => {
  it("rounds to one decimal place from unrounded values", () => {
    expect(formatPercent(percentage(382, 500))).toBe("76.4%");
    expect(formatPercent(percentage(1, 3))).toBe("33.3%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(null)).toBe("–");
  });
  it("signs percentage-point changes", () => {
    expect(formatPoints(4.24)).toBe("+4.2 percentage points");
    expect(formatPoints(-1)).toBe("−1.0 percentage points");
  });
});
