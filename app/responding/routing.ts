import type { Answers, AnswerValue } from "./answers";
import { assertNever, type Condition, type ConsultationDefinition, type Page, type Question, type ShowIf } from "../definition/definition";

/**
 * Routing: which pages and questions a resident sees, given their answers so far. Conditions
 * only ever refer to earlier pages (the definition schema enforces it), so one pass in page
 * order is enough to settle everything.
 */

/** The option ids an answer holds for one item ("" for questions without items). */
export function chosenIds(answer: AnswerValue | undefined, item: string): string[] {
  if (!answer) return [];
  switch (answer.type) {
    case "single_choice":
    case "scale":
      return item === "" ? [answer.option] : [];
    case "multiple_choice":
      return item === "" ? answer.options : [];
    case "matrix":
    case "about_you": {
      const v = answer.items[item];
      return v ? [v] : [];
    }
    case "precept":
      if (answer.choice !== undefined) return item === "" ? [answer.choice] : [];
      return answer.items?.[item] ? [answer.items[item]] : [];
    case "ranking":
    case "free_text":
    case "number":
    case "postcode":
      return [];
    default:
      return assertNever(answer);
  }
}

function conditionHolds(c: Condition, answers: Answers): boolean {
  const chosen = chosenIds(answers[c.question], c.item ?? "");
  switch (c.operator) {
    case "equals":
      return chosen.length > 0 && chosen.every((id) => id === c.values[0]);
    case "any_of":
      return chosen.some((id) => c.values.includes(id));
    case "none_of":
      // An unanswered question matches "none of": the resident chose none of those values.
      return !chosen.some((id) => c.values.includes(id));
    default:
      return assertNever(c.operator);
  }
}

export function isShown(showIf: ShowIf | undefined, answers: Answers): boolean {
  if (!showIf) return true;
  const results = showIf.conditions.map((c) => conditionHolds(c, answers));
  return showIf.match === "any" ? results.some(Boolean) : results.every(Boolean);
}

export function visibleQuestions(page: Page, answers: Answers): Question[] {
  if (!isShown(page.showIf, answers)) return [];
  return page.questions.filter((q) => isShown(q.showIf, answers));
}

/** Pages the resident will see, in order: a page whose questions are all hidden is skipped. */
export function visiblePages(def: ConsultationDefinition, answers: Answers): Page[] {
  return def.pages.filter((p) => visibleQuestions(p, answers).length > 0);
}

/** Drops answers to questions that the current answers hide (e.g. after changing an earlier answer). */
export function pruneHidden(def: ConsultationDefinition, answers: Answers): Answers {
  const kept: Answers = {};
  for (const page of def.pages) {
    for (const q of page.questions) {
      if (answers[q.id] === undefined) continue;
      // Judge visibility on what has been kept so far, so a hidden answer cannot keep a later one alive.
      if (isShown(page.showIf, kept) && isShown(q.showIf, kept)) kept[q.id] = answers[q.id];
    }
  }
  return kept;
}
