import { describe, expect, it } from "vitest";
import { matchingRules, stem, termSet, tokens } from "./text";

describe("tokens", () => {
  it("lower-cases, drops stop words and numbers, and stems", () => {
    expect(tokens("The SPEEDING drivers on our road, 20 of them!")).toEqual(["speed", "driv", "road"]);
    expect(stem("speeders")).toBe("speed");
    expect(stem("burglaries")).toBe("burglary");
    expect(stem("stopped")).toBe("stop");
    expect(termSet("speed speeding speeds")).toEqual(["speed"]);
  });
});

describe("keyword rules", () => {
  it("match whole words, with * for any ending and phrases across punctuation", () => {
    const rules = ["speed*", "boy racers", "101", "asb"];
    expect(matchingRules("Speeding cars every night", rules)).toEqual(["speed*"]);
    expect(matchingRules("Boy-racers on the bypass", rules)).toEqual(["boy racers"]);
    expect(matchingRules("I rang 101 twice", rules)).toEqual(["101"]);
    expect(matchingRules("I rang 1010 and wasbbed", rules)).toEqual([]);
    expect(matchingRules("Don't ignore ASB.", rules)).toEqual(["asb"]);
  });
});
