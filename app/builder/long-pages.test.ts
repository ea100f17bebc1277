import { describe, expect, it } from "vitest";
import { allQuestionTypes } from "../../tests/fixtures";
import { longPageWarning, MAX_ANSWERS_PER_PAGE, answersAsked } from "./long-pages";
import { TEMPLATES } from "./templates";
import { findQuestion } from "../definition/definition";

describe("long pages", () => {
  const def = allQuestionTypes();
  const q = (id: string) => findQuestion(def, id)!;

  it("counts what a resident answers: each matrix row, 'about you' item and precept proposal", () => {
    expect(answersAsked(q("issue_priorities"))).toBe(5);
    expect(answersAsked(q("precept_support"))).toBe(2);
    expect(answersAsked(q("plan_sections"))).toBe(1);
    expect(answersAsked(q("find_out"))).toBe(1);
  });

  it("warns about a page like the survey's old first page: a six-row matrix and a ranking", () => {
    const survey = TEMPLATES.survey.definition;
    const oldFirstPage = { questions: [findQuestion(survey, "plan_priorities")!, findQuestion(survey, "top_issues")!] };
    expect(longPageWarning(oldFirstPage)).toBe(
      `This page asks 7 questions (each row of a matrix and each "about you" item counts). Pages with more than ${MAX_ANSWERS_PER_PAGE} are long on a phone and hard to correct: consider splitting it into two pages.`,
    );
    expect(longPageWarning({ questions: [findQuestion(survey, "plan_priorities")!] })).toBeNull();
  });

  it("no page of a shipped template is long", () => {
    for (const [name, template] of Object.entries(TEMPLATES)) {
      const long = template.definition.pages.filter((p) => longPageWarning(p)).map((p) => `${name}: ${p.id}`);
      expect(long).toEqual([]);
    }
  });
});
