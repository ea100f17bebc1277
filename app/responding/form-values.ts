import { assertNever, type Question } from "../definition/definition";
import { canonicalNumber, type AnswerValue } from "./answers";

/** Submitted form fields: every value of every name, as FormData gives them. Resident pages, paper entry and the builder's editors all read forms as this. */
export type FormValues = Record<string, string[]>;

export function formValuesFrom(entries: Iterable<[string, FormDataEntryValue]>): FormValues {
  // No prototype: a field named "__proto__" or "constructor" is just an unexpected field.
  const values: FormValues = Object.create(null);
  for (const [name, value] of entries) {
    if (typeof value !== "string") continue;
    (values[name] ??= []).push(value);
  }
  return values;
}

/** Field names: `question` or `question.item`; element ids: `question` or `question-item`. */
export const fieldName = (questionId: string, item?: string) => (item ? `${questionId}.${item}` : questionId);
export const fieldId = (questionId: string, item?: string) => (item ? `${questionId}-${item}` : questionId);

/**
 * A single-valued field's value, trimmed; undefined when absent or blank. Should a name come
 * twice (only a hand-made request sends that), the last value is the one read.
 */
export function oneValue(values: FormValues, name: string): string | undefined {
  const v = values[name];
  if (!v || v.length === 0) return undefined;
  const trimmed = v[v.length - 1].trim();
  return trimmed === "" ? undefined : trimmed;
}

/** Renders stored answers back into form values, so a page shows what was answered before. */
export function answerToFormValues(question: Question, answer: AnswerValue | undefined): FormValues {
  const values: FormValues = {};
  if (!answer) return values;
  const q = question.id;
  switch (answer.type) {
    case "single_choice":
      values[q] = [answer.option];
      if (answer.other !== undefined) values[fieldName(q, "other")] = [answer.other];
      break;
    case "multiple_choice":
      values[q] = answer.options;
      break;
    case "scale":
      values[q] = [answer.option];
      break;
    case "matrix":
    case "about_you":
      for (const [item, option] of Object.entries(answer.items)) values[fieldName(q, item)] = [option];
      break;
    case "ranking":
      for (const [item, rank] of Object.entries(answer.ranks)) values[fieldName(q, item)] = [String(rank)];
      break;
    case "free_text":
      values[q] = [answer.text];
      break;
    case "number":
      values[q] = [canonicalNumber(answer.value)];
      break;
    case "postcode":
      values[q] = [answer.outward];
      break;
    case "precept":
      if (answer.choice !== undefined) values[q] = [answer.choice];
      for (const [item, v] of Object.entries(answer.items ?? {})) values[fieldName(q, item)] = [v];
      break;
    default:
      assertNever(answer);
  }
  return values;
}
