import { aboutYouOptions, ABOUT_YOU_ITEMS } from "./about-you";
import { allQuestions, assertNever, type Condition, type ConsultationDefinition, type Question, type ShowIf } from "./definition";
import { scalePoints } from "./scales";

/**
 * Routing conditions in words, for people: the builder's "Shown if 'Have you been a victim of
 * crime?' is 'Yes'" and the paper questionnaire's "Answer this only if you answered 'Yes' at
 * question 5". Ids never appear unless a condition refers to something that no longer exists.
 */

export interface LabelledValue {
  id: string;
  label: string;
}

/** What each item of a question can be answered with, labelled ("" when it has no items). */
export function valueLabels(question: Question): { item: string; itemLabel: string; values: LabelledValue[] }[] {
  const one = (values: LabelledValue[]) => [{ item: "", itemLabel: "", values }];
  switch (question.type) {
    case "single_choice":
    case "multiple_choice":
      return one(question.options.map((o) => ({ id: o.id, label: o.label })));
    case "scale":
      return one(scalePoints(question.scale, question.dontKnow));
    case "matrix": {
      const points = scalePoints(question.scale, question.dontKnow);
      return question.items.map((i) => ({ item: i.id, itemLabel: i.label, values: points }));
    }
    case "precept":
      return question.answer === "choose_one"
        ? one([...question.proposals.map((p) => ({ id: p.id, label: p.label })), { id: "dont_know", label: "Don't know" }])
        : question.proposals.map((p) => ({
            item: p.id,
            itemLabel: p.label,
            values: [
              { id: "support", label: "Support" },
              { id: "oppose", label: "Oppose" },
              { id: "dont_know", label: "Don't know" },
            ],
          }));
    case "about_you":
      return question.fields.map((f) => ({ item: f, itemLabel: ABOUT_YOU_ITEMS[f].question, values: aboutYouOptions(f) }));
    case "ranking":
    case "free_text":
    case "number":
    case "postcode":
      return [];
    default:
      return assertNever(question);
  }
}

const quote = (s: string) => `"${s}"`;

function orList(labels: string[]): string {
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
}

interface Resolved {
  question: Question | undefined;
  itemLabel: string;
  labels: string[];
}

function resolve(def: ConsultationDefinition, c: Condition): Resolved {
  const question = allQuestions(def).find((q) => q.id === c.question);
  if (!question) return { question, itemLabel: c.item ?? "", labels: c.values.map(quote) };
  const group = valueLabels(question).find((g) => g.item === (c.item ?? ""));
  return {
    question,
    itemLabel: group?.itemLabel ?? c.item ?? "",
    labels: c.values.map((v) => quote(group?.values.find((x) => x.id === v)?.label ?? v)),
  };
}

/** "'Have you been a victim of crime?' is 'Yes'", "'Which of these…' includes 'Speeding' or 'Litter'". */
export function describeCondition(def: ConsultationDefinition, c: Condition): string {
  const r = resolve(def, c);
  const subject = r.question ? quote(r.question.title) : `${quote(c.question)} (no longer in this consultation)`;
  const about = r.itemLabel ? `${subject}, for ${quote(r.itemLabel)},` : subject;
  const multiple = r.question?.type === "multiple_choice";
  switch (c.operator) {
    case "equals":
      return multiple ? `${about} is only ${r.labels[0]}` : `${about} is ${r.labels[0]}`;
    case "any_of":
      return multiple ? `${about} includes ${orList(r.labels)}` : `${about} is ${orList(r.labels)}`;
    case "none_of":
      return multiple ? `${about} includes none of ${orList(r.labels)}` : `${about} is not ${orList(r.labels)}`;
    default:
      return assertNever(c.operator);
  }
}

const joined = (showIf: ShowIf, parts: string[]) => parts.join(showIf.match === "any" ? ", or " : ", and ");

/** "Shown if 'Have you been a victim of crime?' is 'Yes'". */
export function describeShowIf(def: ConsultationDefinition, showIf: ShowIf): string {
  return `Shown if ${joined(showIf, showIf.conditions.map((c) => describeCondition(def, c)))}`;
}

/**
 * The same conditions as instructions on paper, referring to question numbers: "you answered
 * 'Yes' at question 5", "you ticked 'Speeding' at question 3".
 */
export function describeConditionForPaper(def: ConsultationDefinition, c: Condition, numberOf: (questionId: string) => number | undefined): string {
  const r = resolve(def, c);
  const n = numberOf(c.question);
  const at = `${n ? `at question ${n}` : `to ${r.question ? quote(r.question.title) : "an earlier question"}`}${r.itemLabel ? ` for ${quote(r.itemLabel)}` : ""}`;
  const multiple = r.question?.type === "multiple_choice";
  switch (c.operator) {
    case "equals":
      return multiple ? `you ticked only ${r.labels[0]} ${at}` : `you answered ${r.labels[0]} ${at}`;
    case "any_of":
      return multiple ? `you ticked ${orList(r.labels)} ${at}` : `you answered ${orList(r.labels)} ${at}`;
    case "none_of":
      return multiple ? `you did not tick ${orList(r.labels)} ${at}` : `you did not answer ${orList(r.labels)} ${at}`;
    default:
      return assertNever(c.operator);
  }
}

export function describeShowIfForPaper(def: ConsultationDefinition, showIf: ShowIf, numberOf: (questionId: string) => number | undefined): string {
  return joined(showIf, showIf.conditions.map((c) => describeConditionForPaper(def, c, numberOf)));
}

/** An earlier question a routing condition can refer to, with its answers labelled: what the builder offers. */
export interface ConditionTarget {
  id: string;
  title: string;
  multiple: boolean;
  groups: { item: string; itemLabel: string; values: LabelledValue[] }[];
}

/** A condition as it stands in the builder's form (perhaps half filled in), in words. */
export function describeConditionAgainst(targets: ConditionTarget[], c: { question?: string; item?: string; operator?: string; values?: string[] }): string | null {
  const t = targets.find((x) => x.id === c.question);
  if (!t || !c.values?.length) return null;
  const group = t.groups.find((g) => g.item === (c.item ?? "")) ?? (t.groups.length === 1 ? t.groups[0] : undefined);
  const labels = c.values.map((v) => quote(group?.values.find((x) => x.id === v)?.label ?? v));
  const about = group?.itemLabel ? `${quote(t.title)}, for ${quote(group.itemLabel)},` : quote(t.title);
  switch (c.operator ?? "any_of") {
    case "equals":
      return `Shown if ${about} is ${t.multiple ? "only " : ""}${labels[0]}`;
    case "none_of":
      return `Shown if ${about} ${t.multiple ? "includes none of" : "is not"} ${orList(labels)}`;
    default:
      return `Shown if ${about} ${t.multiple ? "includes" : "is"} ${orList(labels)}`;
  }
}
