import { describe, expect, it } from "vitest";
import { allQuestionTypes, completeAnswers } from "../../tests/fixtures";
import type { Answers } from "./answers";
import { firstIncompletePage, firstStep, isReadyToSubmit, lastPageId, nextStep, previousPageId, sectionProgress } from "./journey";

const def = allQuestionTypes();
const choice = (option: string) => ({ type: "single_choice" as const, option });

describe("journey", () => {
  it("starts on the first page and goes on page by page, down the branch", () => {
    expect(firstStep(def, {})).toEqual({ kind: "page", pageId: "your-area" });
    expect(nextStep(def, {}, "your-area", false)).toEqual({ kind: "page", pageId: "priorities" });
    expect(nextStep(def, { victim: choice("no") }, "experience", false)).toEqual({ kind: "page", pageId: "contact" });
    expect(nextStep(def, { victim: choice("yes") }, "experience", false)).toEqual({ kind: "page", pageId: "reporting" });
    expect(nextStep(def, { victim: choice("yes"), reported: choice("no") }, "reporting", false)).toEqual({ kind: "page", pageId: "why-not-reported" });
    expect(nextStep(def, completeAnswers, "anything-else", false)).toEqual({ kind: "check" });
  });

  it("goes back along the route the answers take", () => {
    expect(previousPageId(def, { victim: choice("no") }, "contact")).toBe("experience");
    expect(previousPageId(def, { victim: choice("yes"), reported: choice("no") }, "contact")).toBe("why-not-reported");
    expect(previousPageId(def, {}, "your-area")).toBeNull();
    expect(lastPageId(def, {})).toBe("anything-else");
  });

  it("numbers sections along the route", () => {
    expect(sectionProgress(def, { victim: choice("no") }, "contact")).toEqual({ number: 5, total: 8 });
    expect(sectionProgress(def, { victim: choice("yes"), reported: choice("no") }, "contact")).toEqual({ number: 7, total: 10 });
  });

  it("after a change from check your answers, returns there unless the change opened a page that needs answers", () => {
    const noVictim: Answers = { ...completeAnswers, victim: choice("no") };
    delete noVictim.reported;
    delete noVictim.why_not;
    expect(isReadyToSubmit(def, noVictim)).toBe(true);
    expect(nextStep(def, noVictim, "experience", true)).toEqual({ kind: "check" });
    const nowVictim = { ...noVictim, victim: choice("yes") };
    expect(isReadyToSubmit(def, nowVictim)).toBe(false);
    expect(nextStep(def, nowVictim, "experience", true)).toEqual({ kind: "page", pageId: "reporting" });
    expect(firstIncompletePage(def, nowVictim)).toBe("reporting");
  });

  it("is ready to submit only when every page on the route has its required answers", () => {
    expect(isReadyToSubmit(def, completeAnswers)).toBe(true);
    expect(firstIncompletePage(def, completeAnswers)).toBeNull();
    const { years_lived: _, ...missing } = completeAnswers;
    expect(firstIncompletePage(def, missing)).toBe("about-you");
  });
});
