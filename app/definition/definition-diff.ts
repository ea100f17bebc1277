import { ABOUT_YOU_ITEMS } from "./about-you";
import { allQuestions, assertNever, type ConsultationDefinition, type Question } from "./definition";
import { scalePoints } from "./scales";

/**
 * What publishing a new version changes, for the editor to read before they publish over
 * responses already given. Results combine versions by question id and option id, so what
 * matters is which ids appear or disappear and which labels change meaning under the same id.
 */

export type ChangeKind =
  | "question_added"
  | "question_removed"
  | "question_relabelled"
  | "question_type_changed"
  | "option_added"
  | "option_removed"
  | "option_relabelled"
  | "routing_changed";

export interface DefinitionChange {
  kind: ChangeKind;
  questionId: string;
  optionId?: string;
  message: string;
  /** Responses before and after can no longer be compared like for like. */
  breaksComparability: boolean;
}

/** The answer choices of a question, by id: options, items, proposals, scale points or fields. */
function choices(q: Question): { id: string; label: string }[] {
  switch (q.type) {
    case "single_choice":
    case "multiple_choice":
      return q.options;
    case "matrix":
      return [...q.items, ...scalePoints(q.scale, q.dontKnow).map((p) => ({ id: `point:${p.id}`, label: p.label }))];
    case "ranking":
      return q.items;
    case "scale":
      return scalePoints(q.scale, q.dontKnow);
    case "precept":
      return q.proposals.map((p) => ({ id: p.id, label: `${p.label} (£${p.increase.toFixed(2)})` }));
    case "about_you":
      return q.fields.map((f) => ({ id: f, label: ABOUT_YOU_ITEMS[f].question }));
    case "free_text":
    case "number":
    case "postcode":
      return [];
    default:
      return assertNever(q);
  }
}

const quote = (s: string) => `"${s.length > 70 ? `${s.slice(0, 69)}…` : s}"`;
const noun = (q: Question) =>
  q.type === "matrix" || q.type === "ranking" ? "item" : q.type === "precept" ? "proposal" : q.type === "about_you" ? "field" : q.type === "scale" ? "scale point" : "option";

export function diffDefinitions(before: ConsultationDefinition, after: ConsultationDefinition): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  const old = new Map(allQuestions(before).map((q) => [q.id, q]));
  const now = new Map(allQuestions(after).map((q) => [q.id, q]));

  for (const [id, q] of old) {
    if (!now.has(id)) {
      changes.push({
        kind: "question_removed",
        questionId: id,
        message: `Question ${quote(q.title)} is removed: answers already given stay in the results, but nobody can answer it from now on.`,
        breaksComparability: true,
      });
    }
  }
  for (const [id, q] of now) {
    const was = old.get(id);
    if (!was) {
      changes.push({
        kind: "question_added",
        questionId: id,
        message: `Question ${quote(q.title)} is added: people who have already responded did not see it, so its base will be smaller.`,
        breaksComparability: false,
      });
      continue;
    }
    if (was.type !== q.type) {
      changes.push({
        kind: "question_type_changed",
        questionId: id,
        message: `Question ${quote(q.title)} changes from ${was.type.replace("_", " ")} to ${q.type.replace("_", " ")}: earlier answers cannot be combined with new ones.`,
        breaksComparability: true,
      });
      continue;
    }
    if (was.title !== q.title) {
      changes.push({
        kind: "question_relabelled",
        questionId: id,
        message: `Question ${quote(was.title)} is reworded to ${quote(q.title)}: answers to both wordings are counted together.`,
        breaksComparability: false,
      });
    }
    if (JSON.stringify(was.showIf ?? null) !== JSON.stringify(q.showIf ?? null)) {
      changes.push({
        kind: "routing_changed",
        questionId: id,
        message: `Who is asked question ${quote(q.title)} changes: its base before and after will differ.`,
        breaksComparability: true,
      });
    }
    const oldChoices = new Map(choices(was).map((c) => [c.id, c.label]));
    const newChoices = new Map(choices(q).map((c) => [c.id, c.label]));
    for (const [cid, label] of oldChoices) {
      if (!newChoices.has(cid)) {
        changes.push({
          kind: "option_removed",
          questionId: id,
          optionId: cid,
          message: `In ${quote(q.title)}, the ${noun(q)} ${quote(label)} is removed: its earlier answers can no longer be compared with new responses.`,
          breaksComparability: true,
        });
      }
    }
    for (const [cid, label] of newChoices) {
      const previous = oldChoices.get(cid);
      if (previous === undefined) {
        changes.push({
          kind: "option_added",
          questionId: id,
          optionId: cid,
          message: `In ${quote(q.title)}, the ${noun(q)} ${quote(label)} is added: people who have already responded could not choose it.`,
          breaksComparability: true,
        });
      } else if (previous !== label) {
        changes.push({
          kind: "option_relabelled",
          questionId: id,
          optionId: cid,
          message: `In ${quote(q.title)}, the ${noun(q)} ${quote(previous)} is relabelled ${quote(label)}: answers to both labels are counted together.`,
          breaksComparability: false,
        });
      }
    }
  }
  return changes;
}
