import { assertNever, type Page, type Question } from "../definition/definition";

/**
 * A page that asks too much at once is long on a phone (the first Police and Crime Survey page,
 * a six-row matrix and a ranking, was 4,200 px tall at 320 px) and hard to correct when the
 * error summary lists many problems. GOV.UK's "one thing per page" pattern
 * (https://www.gov.uk/service-manual/design/form-structure) is the ideal; the builder warns an
 * editor beyond this many answers a page, counting what a resident actually answers.
 */
export const MAX_ANSWERS_PER_PAGE = 6;

/** What a resident answers for a question: each matrix row, "about you" item or precept proposal separately. */
export function answersAsked(question: Question): number {
  switch (question.type) {
    case "matrix":
      return question.items.length;
    case "about_you":
      return question.fields.length;
    case "precept":
      return question.answer === "support_each" ? question.proposals.length : 1;
    case "single_choice":
    case "multiple_choice":
    case "scale":
    case "ranking":
    case "free_text":
    case "number":
    case "postcode":
      return 1;
    default:
      return assertNever(question);
  }
}

/** The builder's warning for a long page, or null. */
export function longPageWarning(page: Pick<Page, "questions">): string | null {
  const asked = page.questions.reduce((n, q) => n + answersAsked(q), 0);
  if (asked <= MAX_ANSWERS_PER_PAGE) return null;
  return `This page asks ${asked} questions (each row of a matrix and each "about you" item counts). Pages with more than ${MAX_ANSWERS_PER_PAGE} are long on a phone and hard to correct: consider splitting it into two pages.`;
}
