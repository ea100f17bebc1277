import { describe, expect, it } from "vitest";
import { allQuestionTypes, completeAnswers } from "../../tests/fixtures";
import { allQuestions } from "../definition/definition";
import { describeAnswer } from "./answer-summary";

const def = allQuestionTypes();

describe("check your answers", () => {
  it("reads every answer back in words, not ids", () => {
    const lines = Object.fromEntries(allQuestions(def).map((q) => [q.id, describeAnswer(q, completeAnswers[q.id])]));
    expect(lines).toEqual({
      find_out: ["Local newspaper, radio or TV"],
      concerns: ["Anti-social behaviour", "Speeding"],
      asb_priority: ["High priority"],
      issue_priorities: ["Anti-social behaviour: High priority", "Drug dealing: High priority", "Speeding: Medium priority", "Fly-tipping: Low priority", "Burglary: Don't know"],
      plan_sections: ["1. Safer Roads", "2. Safer Communities", "3. Safer People"],
      victim: ["Yes"],
      reported: ["No"],
      why_not: ["It was too trivial or not worth reporting", "I was worried about what might happen if I did"],
      prevention_advice: ["Tend to disagree"],
      confidence: ["Fairly confident"],
      satisfaction: ["Not answered"],
      // The words of the radio the resident chose, not an internal label.
      precept_support: ["An increase of £10 a year for a Band D home: I support this increase", "An increase of £14 a year for a Band D home: I do not support this increase"],
      postcode: ["DH1 (Durham County Council, Durham City)"],
      years_lived: ["23 years"],
      about_you: ["What is your age? 35 to 44", "What is your ethnic group? Prefer not to say"],
      feel_safer: ["More patrols at night"],
      comments: ["Not answered"],
    });
  });

  it("shows Other text, unknown districts, a chosen proposal and redacted text as stored", () => {
    const q = (id: string) => allQuestions(def).find((x) => x.id === id)!;
    expect(describeAnswer(q("find_out"), { type: "single_choice", option: "other", other: "Parish [redacted]" })).toEqual(["Other (please specify): Parish [redacted]"]);
    expect(describeAnswer(q("postcode"), { type: "postcode", outward: "SW1A", authority: "unknown", area: "unknown" })).toEqual(["SW1A (an area we do not recognise)"]);
    expect(describeAnswer({ ...(q("precept_support") as any), answer: "choose_one" }, { type: "precept", choice: "increase_14" })).toEqual(["An increase of £14 a year for a Band D home"]);
    expect(describeAnswer(q("comments"), { type: "free_text", text: "line one\nCall [redacted]", redacted: ["phone number"] })).toEqual(["line one", "Call [redacted]"]);
  });
});
