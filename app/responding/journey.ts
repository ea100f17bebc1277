import type { Answers } from "./answers";
import type { ConsultationDefinition, Page } from "../definition/definition";
import { visiblePages, visibleQuestions } from "./routing";

/**
 * The resident's path through a consultation: which page comes next, which came before, and
 * "Section 2 of 5". Everything follows the route the current answers take.
 */

export type Step = { kind: "page"; pageId: string } | { kind: "check" };

/** Questions staff recorded as "Not answered" on a paper, event or phone response (none online). */
type NotAnswered = ReadonlySet<string> | undefined;

function isComplete(page: Page, answers: Answers, notAnswered?: NotAnswered): boolean {
  return visibleQuestions(page, answers).every((q) => !q.required || answers[q.id] !== undefined || notAnswered?.has(q.id));
}

export function firstStep(def: ConsultationDefinition, answers: Answers): Step {
  const first = visiblePages(def, answers)[0];
  return first ? { kind: "page", pageId: first.id } : { kind: "check" };
}

/**
 * After a page is saved: normally the next page on the route. When the resident came from
 * check-your-answers to change something, straight back there, unless the change opened a page
 * that still needs answers.
 */
export function nextStep(def: ConsultationDefinition, answers: Answers, currentPageId: string, changing: boolean, notAnswered?: NotAnswered): Step {
  const pages = visiblePages(def, answers);
  const index = pages.findIndex((p) => p.id === currentPageId);
  const after = pages.slice(index + 1);
  if (changing) {
    const needed = after.find((p) => !isComplete(p, answers, notAnswered));
    return needed ? { kind: "page", pageId: needed.id } : { kind: "check" };
  }
  return after[0] ? { kind: "page", pageId: after[0].id } : { kind: "check" };
}

export function previousPageId(def: ConsultationDefinition, answers: Answers, currentPageId: string): string | null {
  const pages = visiblePages(def, answers);
  const index = pages.findIndex((p) => p.id === currentPageId);
  return index > 0 ? pages[index - 1].id : null;
}

export function lastPageId(def: ConsultationDefinition, answers: Answers): string | null {
  const pages = visiblePages(def, answers);
  return pages.length ? pages[pages.length - 1].id : null;
}

export function sectionProgress(def: ConsultationDefinition, answers: Answers, pageId: string): { number: number; total: number } {
  const pages = visiblePages(def, answers);
  return { number: pages.findIndex((p) => p.id === pageId) + 1, total: pages.length };
}

/** True when every page on the route has its required answers: the response may be submitted. */
export function isReadyToSubmit(def: ConsultationDefinition, answers: Answers, notAnswered?: NotAnswered): boolean {
  return visiblePages(def, answers).every((p) => isComplete(p, answers, notAnswered));
}

export function firstIncompletePage(def: ConsultationDefinition, answers: Answers, notAnswered?: NotAnswered): string | null {
  return visiblePages(def, answers).find((p) => !isComplete(p, answers, notAnswered))?.id ?? null;
}
