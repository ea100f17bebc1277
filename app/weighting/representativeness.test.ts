import { describe, expect, it } from "vitest";
import { chiSquareUpperTail, compare } from "./representativeness";

describe("chi-square upper tail", () => {
  it("gives the 5% points of the chi-square distribution (statistical tables)", () => {
    expect(chiSquareUpperTail(3.841458820694124, 1)).toBeCloseTo(0.05, 9);
    expect(chiSquareUpperTail(5.991464547107979, 2)).toBeCloseTo(0.05, 9);
    expect(chiSquareUpperTail(11.070497693516351, 5)).toBeCloseTo(0.05, 9);
    expect(chiSquareUpperTail(0, 3)).toBe(1);
    // With 2 degrees of freedom the tail is exp(−x/2) exactly.
    expect(chiSquareUpperTail(10, 2)).toBeCloseTo(Math.exp(-5), 12);
  });
});

describe("respondents against the population", () => {
  const input = {
    key: "sex",
    title: "Sex (County Durham)",
    categories: [
      { label: "Female", population: 266_901, respondents: 300 },
      { label: "Male", population: 255_477, respondents: 200 },
    ],
    others: [
      { label: "Prefer not to say", respondents: 10 },
      { label: "Not answered", respondents: 5 },
    ],
    sources: ["ONS Census 2021, TS008 Sex"],
  };

  it("gives shares, differences, ratios, rates per 10,000, the chi-square test, similarity and the rate ratio", () => {
    const c = compare(input);
    const pf = 266_901 / 522_378;
    const pm = 255_477 / 522_378;
    expect(c.base).toBe(500);
    expect(c.rows[0].respondentShare).toBeCloseTo(60, 12);
    expect(c.rows[0].populationShare).toBeCloseTo(pf * 100, 12);
    expect(c.rows[0].differencePoints).toBeCloseTo(60 - pf * 100, 12);
    expect(c.rows[1].ratio).toBeCloseTo(0.4 / pm, 12);
    expect(c.rows[0].per10000).toBeCloseTo((300 / 266_901) * 10_000, 12);
    const chi = (300 - 500 * pf) ** 2 / (500 * pf) + (200 - 500 * pm) ** 2 / (500 * pm);
    expect(c.tests!.chiSquare).toBeCloseTo(chi, 10);
    expect(c.tests!.degreesOfFreedom).toBe(1);
    expect(c.tests!.p).toBeCloseTo(chiSquareUpperTail(chi, 1), 12);
    expect(c.tests!.similarity).toBeCloseTo((pf + 0.4) * 100, 10);
    expect(c.tests!.lowestRate.label).toBe("Male");
    expect(c.tests!.rateRatio).toBeCloseTo(200 / 255_477 / (300 / 266_901), 12);
    // Prefer not to say and no answer are shown, outside the shares.
    expect(c.others).toEqual([
      { label: "Prefer not to say", respondents: 10 },
      { label: "Not answered", respondents: 5 },
    ]);
  });

  it("withholds shares and tests, not only the count, when a category is withheld", () => {
    const c = compare({ ...input, hidden: { categories: [false, true], others: [true, false] } });
    expect(c.rows[1].respondents).toBeNull();
    expect(c.rows[0].respondents).toBe(300);
    expect(c.rows.every((r) => r.respondentShare === null && r.differencePoints === null)).toBe(true);
    expect(c.base).toBeNull();
    expect(c.tests).toBeNull();
    expect(c.others[0].respondents).toBeNull();
  });
});
