import { describe, expect, it } from "vitest";
import { parseWeightingQuery, weightingParams } from "./weighting-query";

describe("the weighting asked for on the results form", () => {
  it("reads the variables, the cap, the tolerance and the iteration limit, with defaults", () => {
    expect(parseWeightingQuery(new URLSearchParams("")).weighting).toBeNull();
    const { weighting, errors } = parseWeightingQuery(new URLSearchParams("weight=sex&weight=authority"));
    expect(errors).toEqual([]);
    expect(weighting).toEqual({ variables: ["authority", "sex"], cap: { low: 0.2, high: 5 }, tolerance: 1e-4, maxIterations: 100 });
    const round = parseWeightingQuery(new URLSearchParams(weightingParams({ variables: ["age"], cap: { low: 0.5, high: 3 }, tolerance: 0.001, maxIterations: 40 })));
    expect(round.weighting).toEqual({ variables: ["age"], cap: { low: 0.5, high: 3 }, tolerance: 0.001, maxIterations: 40 });
  });

  it("says what is wrong with each setting", () => {
    const { errors } = parseWeightingQuery(new URLSearchParams("weight=shoe_size&cap_low=0&cap_high=x&tolerance=9&iterations=2.5"));
    expect(errors.map((e) => e.field)).toEqual(["weight", "cap_low", "cap_high", "tolerance", "iterations"]);
  });
});
