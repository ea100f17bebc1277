import { describe, expect, it } from "vitest";
import { ConsultationDefinitionSchema } from "../definition/definition";
import { firstIncompletePage } from "./journey";
import { checkResponse, validatePage } from "./validation";

const def = ConsultationDefinitionSchema.parse({
  pages: [
    {
      id: "p1",
      title: "One",
      questions: [
        { id: "safe", type: "single_choice", title: "Do you feel safe?", options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] },
        { id: "grid", type: "matrix", title: "How much of a priority", scale: "priority", items: [{ id: "asb", label: "ASB" }, { id: "roads", label: "Roads" }] },
      ],
    },
    { id: "p2", title: "Two", questions: [{ id: "why", type: "free_text", title: "Why?", required: true }] },
  ],
});
const ctx = (ids: string[] = []) => ({ lookupDistrict: () => null, notAnswered: new Set(ids) });

describe('"Not answered" on a paper, event or phone response', () => {
  it("online, a required question left blank is an error, as before", () => {
    const result = validatePage(def, def.pages[0], { "grid.asb": ["high"], "grid.roads": ["low"] }, {}, { lookupDistrict: () => null });
    expect(result.errors.map((e) => e.field)).toEqual(["safe"]);
  });

  it("marked not answered, a required question is left blank and stored as unanswered, never given an answer", () => {
    const result = validatePage(def, def.pages[0], { "grid.asb": ["high"], "grid.roads": ["low"] }, {}, ctx(["safe"]));
    expect(result.errors).toEqual([]);
    expect(result.answers).toEqual({ grid: { type: "matrix", items: { asb: "high", roads: "low" } } });
  });

  it("refuses an answer to a question also marked not answered", () => {
    const result = validatePage(def, def.pages[0], { safe: ["yes"], "grid.asb": ["high"], "grid.roads": ["low"] }, {}, ctx(["safe"]));
    expect(result.errors).toEqual([{ questionId: "safe", field: "safe", message: expect.stringContaining("is marked as not answered but has an answer too") }]);
  });

  it("a grid answered only in part keeps the rows the form answered", () => {
    const result = validatePage(def, def.pages[0], { safe: ["no"], "grid.roads": ["low"] }, {}, ctx(["grid"]));
    expect(result.errors).toEqual([]);
    expect(result.answers.grid).toEqual({ type: "matrix", items: { roads: "low" } });
    // Without the mark, the missing row is an error as online.
    expect(validatePage(def, def.pages[0], { safe: ["no"], "grid.roads": ["low"] }, {}, ctx()).errors.map((e) => e.field)).toEqual(["grid-asb"]);
  });

  it("the whole response passes the same checks with the marks, and the journey treats marked questions as done", () => {
    const answers = { grid: { type: "matrix" as const, items: { roads: "low" } } };
    expect(checkResponse(def, answers, ctx()).errors.map((e) => e.questionId)).toEqual(["safe", "grid", "why"]);
    const checked = checkResponse(def, answers, ctx(["safe", "grid", "why"]));
    expect(checked.errors).toEqual([]);
    expect(checked.answers).toEqual(answers);
    expect(firstIncompletePage(def, answers)).toBe("p1");
    expect(firstIncompletePage(def, answers, new Set(["safe", "grid"]))).toBe("p2");
    expect(firstIncompletePage(def, answers, new Set(["safe", "grid", "why"]))).toBeNull();
  });
});
