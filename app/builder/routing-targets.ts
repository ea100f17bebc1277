import { findQuestion, type ConsultationDefinition } from "../definition/definition";
import { valueLabels, type ConditionTarget } from "../definition/conditions-text";

/** Choice questions on pages before `pageIndex`, with the answers (labelled) a routing condition can use. */
export function builderTargets(def: ConsultationDefinition, pageIndex: number): ConditionTarget[] {
  return def.pages.slice(0, Math.max(0, pageIndex)).flatMap((p) =>
    p.questions.flatMap((q) => {
      const groups = valueLabels(q);
      return groups.length ? [{ id: q.id, title: q.title, multiple: q.type === "multiple_choice", groups }] : [];
    }),
  );
}

/** Ids of a question (and its options, items, proposals) in the published version: `q:id`, `options:id`, … */
export function lockedIdsOf(published: ConsultationDefinition | undefined, questionId: string): string[] {
  const q = published ? findQuestion(published, questionId) : undefined;
  if (!q) return [];
  const ids = [`q:${q.id}`];
  if ("options" in q) ids.push(...q.options.map((o) => `options:${o.id}`));
  if ("items" in q) ids.push(...q.items.map((o) => `items:${o.id}`));
  if ("proposals" in q) ids.push(...q.proposals.map((o) => `proposals:${o.id}`));
  return ids;
}
