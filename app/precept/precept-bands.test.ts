import { describe, expect, it } from "vitest";
import { BAND_VALUES, bandAmount, bandEffect, bandEffects, BANDS, formatPounds, formatWeekly, parseBand, percentIncrease, roundToPenny } from "./precept-bands";

describe("council tax bands", () => {
  it("Band D £230.24 gives Band A £153.49", () => {
    expect(bandAmount(230.24, "A")).toBe(153.49);
  });

  it("reproduces West Mercia's published 2025/26 bands from Band D £291.50 (ratios: Local Government Finance Act 1992, s.5(1))", () => {
    const published = { A: 194.33, B: 226.72, C: 259.11, D: 291.5, E: 356.28, F: 421.06, G: 485.83, H: 583.0 };
    expect(Object.fromEntries(BANDS.map((b) => [b, bandAmount(291.5, b)]))).toEqual(published);
  });

  it("works out a £14 Band D rise per band, per year and per week, from unrounded values", () => {
    const effects = bandEffects(291.5, 14);
    const a = effects.find((e) => e.band === "A")!;
    const d = effects.find((e) => e.band === "D")!;
    const h = effects.find((e) => e.band === "H")!;
    expect(a).toEqual({ band: "A", currentYearly: 194.33, increaseYearly: 9.33, increaseWeekly: 0.18, proposedYearly: 203.67 });
    expect(d.increaseWeekly).toBe(0.27);
    expect(formatWeekly(d.increaseWeekly)).toBe("27p");
    expect(h.increaseYearly).toBe(28);
    // £203.67, not £194.33 + £9.33 = £203.66: the new amount is rounded once, from unrounded parts.
    expect(a.proposedYearly).not.toBe(roundToPenny(a.currentYearly + a.increaseYearly));
  });

  it("rounds half a penny away from zero despite binary floating point", () => {
    expect(roundToPenny(1.005)).toBe(1.01);
    expect(roundToPenny(2.675)).toBe(2.68);
    expect(roundToPenny(-1.005)).toBe(-1.01);
  });

  it("formats money the way residents read it", () => {
    expect(formatPounds(1234.5)).toBe("£1,234.50");
    expect(formatWeekly(0.18)).toBe("18p");
    expect(formatWeekly(1.05)).toBe("£1.05");
    expect(percentIncrease(230.24, 10).toFixed(1)).toBe("4.3");
  });

  it("gives one band's figures, for the band a resident chose", () => {
    expect(bandEffect(291.5, 14, "B")).toEqual(bandEffects(291.5, 14)[1]);
    expect(bandEffect(291.5, 14, "B")).toMatchObject({ band: "B", increaseYearly: 10.89, increaseWeekly: 0.21 });
  });

  it("reads a chosen band leniently, and nothing else", () => {
    expect(parseBand("b")).toBe("B");
    expect(parseBand(" H ")).toBe("H");
    expect([parseBand("I"), parseBand(""), parseBand(null), parseBand("AB"), parseBand(undefined)]).toEqual([null, null, null, null, null]);
  });

  it("states each band's 1991 values without gaps", () => {
    expect(Object.keys(BAND_VALUES)).toEqual([...BANDS]);
  });
});
