import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimalText, exactFraction, percentOf, percentText, pointsBetween, ratioText, roundNumberText, roundRatio } from "./rounding";
import { formatPercent, formatPoints, percentage } from "./statistics";
import { fixed1 } from "../exports/results-csv";

/** An independent rounding: long division in decimal strings, half away from zero by the remainder. */
function longDivision(count: number, base: number, decimals: number): string {
  const scale = 10 ** decimals;
  const scaled = count * 100 * scale;
  let q = Math.floor(scaled / base);
  const r = scaled - q * base;
  if (2 * r >= base) q += 1;
  const text = decimals ? `${Math.floor(q / scale)}.${String(q % scale).padStart(decimals, "0")}` : String(q);
  return text.replace(/\.0+$/, "").replace(/(\.\d*?)0+$/, "$1");
}

describe("one rounding rule: half away from zero, from the exact fraction", () => {
  it("rounds exact halves up, whatever their binary representation (issue 11, point 1)", () => {
    // 51 of 80 is exactly 63.75%: 51 / 80 * 100 is 63.74999… as a double, which Math.round took down.
    expect(percentText(51, 80)).toBe("63.8");
    expect(percentText(7, 400)).toBe("1.8");
    expect(percentText(1, 16)).toBe("6.3");
    expect(percentText(3, 16)).toBe("18.8");
    expect(percentText(1, 8)).toBe("12.5");
    expect(formatPercent(percentage(51, 80))).toBe("63.8%");
    expect(formatPercent(percentage(7, 400))).toBe("1.8%");
    expect(fixed1(percentage(51, 80))).toBe("63.8");
  });

  it("writes a percentage one way: one decimal place, no trailing .0", () => {
    expect(percentText(300, 500)).toBe("60");
    expect(percentText(382, 500)).toBe("76.4");
    expect(percentText(0, 500)).toBe("0");
    expect(percentText(500, 500)).toBe("100");
    expect(percentText(1, 0)).toBeNull();
    expect(formatPercent(percentOf(300, 500))).toBe("60%");
  });

  it("agrees with long division for every count and base", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000 }), fc.nat(), (base, k) => {
        const count = k % (base + 1);
        expect(percentText(count, base)).toBe(longDivision(count, base, 1));
        // Every output formats the model's number the same way, so the digits survive a round trip.
        expect(fixed1(percentOf(count, base))).toBe(percentText(count, base));
        expect(formatPercent(percentOf(count, base))).toBe(count === 0 ? "0%" : `${percentText(count, base)}%`);
      }),
      { numRuns: 2000 },
    );
  });

  it("rounds ratios of integers to fixed places, and negative values away from zero", () => {
    expect(ratioText(170, 90, 2)).toBe("1.89");
    expect(ratioText(2, 1, 2)).toBe("2.00");
    expect(ratioText(1, 0, 2)).toBeNull();
    expect(decimalText(roundRatio(-1, 8, 2), 2)).toBe("-0.13");
    expect(decimalText(roundRatio(1, 8, 2), 2)).toBe("0.13");
    expect(decimalText(roundRatio(-1, 1000, 2), 2)).toBe("0.00");
  });

  it("rounds a double from its exact binary value", () => {
    // 0.35 is 0.34999999999999997779… in binary, so it rounds down; 0.375 is exact and rounds up.
    expect(roundNumberText(0.35, 1)).toBe("0.3");
    expect(roundNumberText(0.375, 2)).toBe("0.38");
    expect(roundNumberText(-0.375, 2)).toBe("-0.38");
    expect(roundNumberText(16.45, 1)).toBe("16.4");
    expect(roundNumberText(63.8, 1, { trim: true })).toBe("63.8");
    const { numerator, denominator } = exactFraction(0.1);
    expect(Number(numerator) / Number(denominator)).toBe(0.1);
    expect(denominator).toBe(2n ** 56n);
  });

  it("works out a change in points from the counts, not from two rounded percentages", () => {
    // 40% of 200 to 45.25% of 400: exactly +5.25 points, shown as +5.3.
    expect(pointsBetween(80, 200, 181, 400)).toBe(5.3);
    expect(formatPoints(pointsBetween(181, 400, 80, 200)!)).toBe("−5.3 percentage points");
    expect(formatPoints(0)).toBe("0.0 percentage points");
  });
});
