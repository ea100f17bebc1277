import { z } from "zod";
import { assertNever } from "../definition/definition";

/**
 * A resident's answers: what each question type stores, and how answers become rows keyed by
 * question id and option id. Every concern switches on the question type and ends in
 * assertNever, so adding a type fails the type check until it is handled here.
 */

export const AnswerValueSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("single_choice"),
    option: z.string(),
    other: z.string().optional(),
    /** Kinds of personal data removed from the "Other" text (never the values). */
    redacted: z.array(z.string()).optional(),
  }),
  z.object({ type: z.literal("multiple_choice"), options: z.array(z.string()) }),
  z.object({ type: z.literal("scale"), option: z.string() }),
  z.object({ type: z.literal("matrix"), items: z.record(z.string()) }),
  z.object({ type: z.literal("ranking"), ranks: z.record(z.number().int()) }),
  z.object({ type: z.literal("free_text"), text: z.string(), redacted: z.array(z.string()) }),
  z.object({ type: z.literal("number"), value: z.number() }),
  z.object({ type: z.literal("postcode"), outward: z.string(), authority: z.string(), area: z.string() }),
  z.object({
    type: z.literal("precept"),
    choice: z.string().optional(),
    items: z.record(z.enum(["support", "oppose", "dont_know"])).optional(),
  }),
  z.object({ type: z.literal("about_you"), items: z.record(z.string()) }),
]);
export type AnswerValue = z.infer<typeof AnswerValueSchema>;
export const AnswersSchema = z.record(AnswerValueSchema);
export type Answers = z.infer<typeof AnswersSchema>;

// One formatter for the whole process: toLocaleString builds a new one per call, which made this
// a third of the cost of the responses export.
const PLAIN_DECIMAL = new Intl.NumberFormat("en-US", { useGrouping: false, maximumFractionDigits: 20 });

/** A number as plain decimal digits (never "1e-7"), so it reads back through the form parser. */
export function canonicalNumber(value: number): string {
  if (value === 0) return "0";
  const text = String(value);
  return text.includes("e") ? PLAIN_DECIMAL.format(value) : text;
}

/** Kinds of personal data removed from a resident's typed answers, for the check-your-answers notice. */
export function redactionsIn(answers: Answers): string[] {
  const kinds = new Set<string>();
  for (const answer of Object.values(answers)) {
    if (answer.type === "free_text" || answer.type === "single_choice") for (const k of answer.redacted ?? []) kinds.add(k);
  }
  return [...kinds];
}

export interface AnswerRow {
  question_id: string;
  item_id: string;
  option_id: string;
  value_num: number | null;
  value_text: string | null;
}

/**
 * The rows an answer is stored as. option_id is what GROUP BY counts: an option id, a rank
 * ("1", "2"…), a number's canonical value, or an outward code; "" for free text.
 */
export function answerRows(questionId: string, answer: AnswerValue): AnswerRow[] {
  const row = (item_id: string, option_id: string, value_num: number | null = null, value_text: string | null = null): AnswerRow => ({
    question_id: questionId,
    item_id,
    option_id,
    value_num,
    value_text,
  });
  switch (answer.type) {
    case "single_choice":
      return [row("", answer.option, null, answer.other ?? null)];
    case "multiple_choice":
      return answer.options.map((o) => row("", o));
    case "scale":
      return [row("", answer.option)];
    case "matrix":
    case "about_you":
      return Object.entries(answer.items).map(([item, option]) => row(item, option));
    case "ranking":
      return Object.entries(answer.ranks).map(([item, rank]) => row(item, String(rank), rank));
    case "free_text":
      return [row("", "", null, answer.text)];
    case "number":
      return [row("", canonicalNumber(answer.value), answer.value)];
    case "postcode":
      return [row("", answer.authority, null, answer.outward), row("area", answer.area), row("district", answer.outward)];
    case "precept":
      return answer.choice !== undefined
        ? [row("", answer.choice)]
        : Object.entries(answer.items ?? {}).map(([item, option]) => row(item, option));
    default:
      return assertNever(answer);
  }
}

/** Count keys a response adds to: its question bases ("*"), item bases and every option row. */
export const BASE = "*";
export function countKeys(rows: AnswerRow[]): { question_id: string; item_id: string; option_id: string }[] {
  const keys = new Map<string, { question_id: string; item_id: string; option_id: string }>();
  const add = (question_id: string, item_id: string, option_id: string) =>
    keys.set(`${question_id}\u0000${item_id}\u0000${option_id}`, { question_id, item_id, option_id });
  for (const r of rows) {
    add(r.question_id, "", BASE);
    if (r.item_id !== "") add(r.question_id, r.item_id, BASE);
    if (r.option_id !== "") add(r.question_id, r.item_id, r.option_id);
  }
  return [...keys.values()];
}
