import { describe, expect, it } from "vitest";
import { allQuestionTypes, testDistricts } from "../../tests/fixtures";
import { validatePage } from "./validation";
import { type Answers } from "./answers";
import type { ShowIf } from "../definition/definition";
import { chosenIds, isShown, pruneHidden, visiblePages, visibleQuestions } from "./routing";

const def = allQuestionTypes();
const page = (id: string) => def.pages.find((p) => p.id === id)!;
const choice = (option: string) => ({ type: "single_choice" as const, option });
const pageIds = (answers: Answers) => visiblePages(def, answers).map((p) => p.id);

describe("conditions", () => {
  const answers: Answers = {
    victim: choice("yes"),
    concerns: { type: "multiple_choice", options: ["asb", "speeding"] },
    issue_priorities: { type: "matrix", items: { asb: "high" } },
    precept_support: { type: "precept", items: { increase_10: "oppose" } },
  };
  const show = (conditions: ShowIf["conditions"], match: ShowIf["match"] = "all") => isShown({ match, conditions }, answers);

  it("equals, any of and none of", () => {
    expect(show([{ question: "victim", operator: "equals", values: ["yes"] }])).toBe(true);
    expect(show([{ question: "victim", operator: "equals", values: ["no"] }])).toBe(false);
    expect(show([{ question: "concerns", operator: "any_of", values: ["burglary", "speeding"] }])).toBe(true);
    expect(show([{ question: "concerns", operator: "none_of", values: ["asb"] }])).toBe(false);
    expect(show([{ question: "concerns", operator: "none_of", values: ["burglary"] }])).toBe(true);
  });

  it("equals on a multiple choice means that option alone", () => {
    expect(show([{ question: "concerns", operator: "equals", values: ["asb"] }])).toBe(false);
  });

  it("an unanswered question matches none of, and nothing else", () => {
    expect(show([{ question: "reported", operator: "none_of", values: ["yes"] }])).toBe(true);
    expect(show([{ question: "reported", operator: "any_of", values: ["yes", "no"] }])).toBe(false);
    expect(show([{ question: "reported", operator: "equals", values: ["no"] }])).toBe(false);
  });

  it("on items of a matrix or precept question", () => {
    expect(show([{ question: "issue_priorities", item: "asb", operator: "equals", values: ["high"] }])).toBe(true);
    expect(show([{ question: "precept_support", item: "increase_10", operator: "any_of", values: ["oppose"] }])).toBe(true);
    expect(chosenIds(answers.precept_support, "increase_14")).toEqual([]);
  });

  it("combined with all or any", () => {
    const yes = { question: "victim", operator: "equals" as const, values: ["yes"] };
    const no = { question: "victim", operator: "equals" as const, values: ["no"] };
    expect(show([yes, no], "all")).toBe(false);
    expect(show([yes, no], "any")).toBe(true);
    expect(isShown(undefined, {})).toBe(true);
  });
});

describe("the victim → reported → why not branch", () => {
  it("shows the reporting pages only down the branch", () => {
    const always = ["your-area", "priorities", "plan", "experience", "contact", "precept", "about-you", "anything-else"];
    expect(pageIds({})).toEqual(always);
    expect(pageIds({ victim: choice("no") })).toEqual(always);
    expect(pageIds({ victim: choice("yes") })).toEqual(["your-area", "priorities", "plan", "experience", "reporting", "contact", "precept", "about-you", "anything-else"]);
    expect(pageIds({ victim: choice("yes"), reported: choice("no") })).toContain("why-not-reported");
  });

  it("shows a question only when its condition holds", () => {
    expect(visibleQuestions(page("contact"), { reported: choice("yes") }).map((q) => q.id)).toEqual(["prevention_advice", "confidence", "satisfaction"]);
    expect(visibleQuestions(page("contact"), { reported: choice("no") }).map((q) => q.id)).toEqual(["prevention_advice", "confidence"]);
    expect(visibleQuestions(page("reporting"), {})).toEqual([]);
  });

  it("discards answers that become hidden when an earlier answer changes", () => {
    const down: Answers = {
      victim: choice("yes"),
      reported: choice("no"),
      why_not: { type: "multiple_choice", options: ["fear"] },
      confidence: { type: "scale", option: "very_confident" },
    };
    expect(pruneHidden(def, down)).toEqual(down);
    // Changing "victim" to no on its page: everything down the branch goes, the rest stays.
    const changed = validatePage(def, page("experience"), { victim: ["no"] }, down, testDistricts);
    expect(changed.errors).toEqual([]);
    expect(changed.answers).toEqual({ victim: choice("no"), confidence: { type: "scale", option: "very_confident" } });
  });

  it("a hidden answer cannot keep a later one alive", () => {
    // "reported" is hidden (victim: no), so "why_not", which depends on it, goes too.
    expect(pruneHidden(def, { victim: choice("no"), reported: choice("no"), why_not: { type: "multiple_choice", options: ["fear"] } })).toEqual({ victim: choice("no") });
  });

  it("discards a question-level answer when its condition stops holding", () => {
    const answers: Answers = { victim: choice("yes"), reported: choice("yes"), satisfaction: { type: "scale", option: "very_satisfied" } };
    const changed = validatePage(def, page("reporting"), { reported: ["no"] }, answers, testDistricts);
    expect(changed.answers).toEqual({ victim: choice("yes"), reported: choice("no") });
  });
});
