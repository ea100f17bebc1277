import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerLikeAResident, definitionArb } from "../../tests/fixtures/arbitraries";
import { testDistricts } from "../../tests/fixtures";
import { corruptions, countsOf, inconsistencies } from "../../tests/fixtures/consistency";
import { aggregate } from "../results/aggregate";
import { checkResponse } from "./validation";
import { allQuestions } from "../definition/definition";
import { isReadyToSubmit } from "./journey";

describe("property: random definitions, random residents", () => {
  it("the generator covers every question type, every operator and both page and question conditions", () => {
    const defs = fc.sample(definitionArb, { numRuns: 300, seed: 42 });
    const questions = defs.flatMap((d) => allQuestions(d));
    expect(new Set(questions.map((q) => q.type)).size).toBe(10);
    const conditions = [...defs.flatMap((d) => d.pages.map((p) => p.showIf)), ...questions.map((q) => q.showIf)].flatMap((s) => s?.conditions ?? []);
    expect(new Set(conditions.map((c) => c.operator))).toEqual(new Set(["equals", "any_of", "none_of"]));
    expect(defs.some((d) => d.pages.some((p) => p.showIf))).toBe(true);
    expect(questions.some((q) => q.showIf)).toBe(true);
    expect(conditions.some((c) => c.item)).toBe(true);
  });

  it("every generated definition is valid, and every resident's valid answers validate whole", () => {
    fc.assert(
      fc.property(definitionArb, fc.array(fc.integer(), { minLength: 1, maxLength: 8 }), (def, seeds) => {
        for (const seed of seeds) {
          const { answers, errors } = answerLikeAResident(def, seed, testDistricts);
          expect(errors).toEqual([]);
          expect(isReadyToSubmit(def, answers)).toBe(true);
          const checked = checkResponse(def, answers, testDistricts);
          expect(checked.errors).toEqual([]);
          // What is stored is what was answered: re-checking changes nothing.
          expect(checked.answers).toEqual(answers);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("counts add up to the bases", () => {
    fc.assert(
      fc.property(definitionArb, fc.array(fc.integer(), { minLength: 1, maxLength: 12 }), (def, seeds) => {
        const responses = seeds.map((seed) => answerLikeAResident(def, seed, testDistricts).answers);
        expect(inconsistencies(def, responses, aggregate(def, countsOf(responses)))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe("property: malformed submissions", () => {
  it("are rejected with a message naming the question", () => {
    let tried = 0;
    fc.assert(
      fc.property(definitionArb, fc.integer(), fc.nat(), fc.nat(), (def, seed, which, pick) => {
        const { answers } = answerLikeAResident(def, seed, testDistricts);
        const corruption = corruptions[which % corruptions.length];
        const broken = corruption.apply(def, answers, pick);
        fc.pre(broken !== null);
        tried++;
        const { errors } = checkResponse(def, broken!, testDistricts);
        expect(errors.length, corruption.name).toBeGreaterThan(0);
        expect(errors.every((e) => allQuestions(def).some((q) => q.id === e.questionId))).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(tried).toBeGreaterThan(100);
  });
});
