import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../builder/templates";
import { ConsultationDefinitionSchema } from "../definition/definition";
import { paperQuestionnaire } from "./questionnaire";

describe("the printed questionnaire", () => {
  const survey = paperQuestionnaire(TEMPLATES.survey.definition);
  const q = (n: number) => survey.sections.flatMap((s) => s.questions).find((x) => x.number === n)!;

  it("numbers every question through the form, in the definition's order", () => {
    expect(survey.questionCount).toBe(12);
    expect(survey.sections.flatMap((s) => s.questions.map((x) => x.number))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(q(3).title).toBe("Have you been a victim of crime in the last 12 months?");
  });

  it("turns routing into instructions: 'If No, go to question 6', past every question the answer skips", () => {
    expect(q(3).routing).toEqual(["If No, go to question 6.", "If Prefer not to say, go to question 6."]);
    expect(q(3).body).toMatchObject({ kind: "tick", choices: [{ label: "Yes" }, { label: "No", goTo: 6 }, { label: "Prefer not to say", goTo: 6 }] });
    const body = q(3).body;
    expect(body.kind === "tick" ? body.choices[0].goTo : "not a tick question").toBeUndefined();
    expect(q(4).routing).toEqual(["If Yes, go to question 6."]);
    // What is skipped says so, in words, with question numbers.
    const sections = Object.fromEntries(survey.sections.map((s) => [s.id, s]));
    expect(sections.reporting.filter).toBe('Answer this section only if you answered "Yes" at question 3.');
    expect(sections["why-not-reported"].filter).toBe('Answer this section only if you answered "No" at question 4.');
  });

  it("stops a skip at a question whose routing depends on something else, and can send to the end", () => {
    const def = ConsultationDefinitionSchema.parse({
      pages: [
        { id: "a", title: "A", questions: [{ id: "x", type: "single_choice", title: "X?", options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] }, { id: "m", type: "multiple_choice", title: "M?", options: [{ id: "p", label: "P" }, { id: "q", label: "Q" }] }] },
        { id: "b", title: "B", showIf: { conditions: [{ question: "x", operator: "equals", values: ["yes"] }] }, questions: [{ id: "y", type: "free_text", title: "Y?" }] },
        { id: "c", title: "C", showIf: { conditions: [{ question: "m", operator: "any_of", values: ["p"] }] }, questions: [{ id: "z", type: "free_text", title: "Z?" }] },
        { id: "d", title: "D", showIf: { conditions: [{ question: "m", operator: "none_of", values: ["p", "q"] }] }, questions: [{ id: "w", type: "single_choice", title: "W?", options: [{ id: "a", label: "A" }, { id: "b", label: "B" }] }] },
        { id: "e", title: "E", showIf: { conditions: [{ question: "w", operator: "equals", values: ["a"] }] }, questions: [{ id: "v", type: "free_text", title: "V?" }] },
      ],
    });
    const paper = paperQuestionnaire(def);
    const all = paper.sections.flatMap((s) => s.questions);
    // X is followed by M on the same page: no skip there.
    expect(all[0].routing).toEqual([]);
    // W = B skips V, the last question.
    expect(all[4].routing).toEqual(["If B, go to the end of the questionnaire."]);
    expect(paper.sections[2].filter).toBe('Answer this section only if you ticked "P" at question 2.');
    expect(paper.sections[3].filter).toBe('Answer this section only if you did not tick "P" or "Q" at question 2.');
  });

  it("shows the precept's band table and asks support, oppose or don't know", () => {
    const precept = paperQuestionnaire(TEMPLATES.precept.definition).sections.flatMap((s) => s.questions).find((x) => x.id === "precept_support")!;
    if (precept.body.kind !== "precept") throw new Error(precept.body.kind);
    expect(precept.body.intro).toContain("£230.24 a year");
    expect(precept.body.proposals[0].effects.map((e) => e.band)).toEqual(["A", "B", "C", "D", "E", "F", "G", "H"]);
    expect(precept.body.proposals[0].effects.find((e) => e.band === "D")!.increaseYearly).toBe(10);
    expect(precept.body.answer).toMatchObject({ kind: "grid", columns: ["Support", "Oppose", "Don't know"] });
  });
});
