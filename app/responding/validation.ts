import { assertNever, type ConsultationDefinition, type Page, type Question } from "../definition/definition";
import { ABOUT_YOU_ITEMS, aboutYouOptions } from "../definition/about-you";
import { scalePoints } from "../definition/scales";
import { outwardCode } from "../areas/postcode";
import type { AnswerValue, Answers } from "./answers";
import { answerToFormValues, fieldId, fieldName, oneValue as one, type FormValues } from "./form-values";
import { redact, REDACTED } from "./redaction";
import { pruneHidden, visibleQuestions } from "./routing";
import { isSupportChoice } from "../precept/precept-support";
import { listOf, missingAnswerMessage, missingRowsMessage, wordingOf } from "./error-wording";

/**
 * Where a submission is validated: one submitted page against the definition (validatePage),
 * and a whole response before storage (checkResponse). Every question type is parsed in one
 * exhaustive switch ending in assertNever.
 */

export interface FieldError {
  questionId: string;
  /** The id of the element the error summary links to. */
  field: string;
  message: string;
}

export interface ValidationContext {
  /** Maps an outward code to its local authority and area; unknown codes are recorded as such. */
  lookupDistrict(outward: string): { authority: string; area: string } | null;
  /**
   * Staff entry only: questions recorded as "Not answered" on a paper, event or phone response.
   * Such a question may be left blank even when required, and is stored as unanswered; an answer
   * as well is refused, so nothing is recorded that the form did not say.
   */
  notAnswered?: ReadonlySet<string>;
}

/** Questions answered in one field, where "Not answered" and an answer cannot both be true. */
function singleAnswer(question: Question): boolean {
  switch (question.type) {
    case "single_choice":
    case "multiple_choice":
    case "scale":
    case "free_text":
    case "number":
    case "postcode":
      return true;
    case "precept":
      return question.answer === "choose_one";
    case "matrix":
    case "ranking":
    case "about_you":
      // Several parts: a form can answer some and leave the rest, so "Not answered" covers the rest.
      return false;
    default:
      return assertNever(question);
  }
}

const OTHER_MAX = 200;
/** More digits than a double holds exactly would not read back as the number the resident typed. */
const NUMBER_MAX_DIGITS = 15;

function quoted(title: string) {
  return title.length > 80 ? `${title.slice(0, 77)}…` : title;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * Length of text as the resident typed it. A stored "[redacted]" replaced at least five typed
 * characters (the shortest postcode or registration), so counting it as one keeps a redacted
 * answer within the limit the original met, and a stored response always re-validates.
 */
export function typedLength(text: string): number {
  return [...text.split(REDACTED).join("\u0000")].length;
}

/** Names a question's inputs may take; anything else on the page is unexpected. */
export function fieldNames(question: Question): string[] {
  const q = question.id;
  switch (question.type) {
    case "single_choice":
      return question.options.some((o) => o.other) ? [q, fieldName(q, "other")] : [q];
    case "multiple_choice":
    case "scale":
    case "free_text":
    case "number":
    case "postcode":
      return [q];
    case "matrix":
    case "ranking":
      return question.items.map((i) => fieldName(q, i.id));
    case "precept":
      return question.answer === "choose_one" ? [q] : question.proposals.map((p) => fieldName(q, p.id));
    case "about_you":
      return question.fields.map((f) => fieldName(q, f));
    default:
      return assertNever(question);
  }
}

type Parsed = { value?: AnswerValue; errors: FieldError[] };

export function parseQuestion(question: Question, values: FormValues, ctx: ValidationContext): Parsed {
  const q = question.id;
  const err = (message: string, field = fieldId(q)): Parsed => ({ errors: [{ questionId: q, field, message }] });
  const title = quoted(question.title);
  const notAnswered = ctx.notAnswered?.has(q) ?? false;
  if (notAnswered && singleAnswer(question) && fieldNames(question).some((name) => one(values, name) !== undefined)) {
    return err(`"${title}" is marked as not answered but has an answer too: clear the answer, or untick "Not answered"`);
  }
  // A question staff marked "Not answered" on a paper form may be blank even when required.
  const required = question.required && !notAnswered;
  // Messages follow the GOV.UK Design System's wording, from the question itself (error-wording.ts).
  const missing = () => (required ? err(missingAnswerMessage(question)) : { errors: [] });
  const { what, toSay } = wordingOf(question.title);
  const notShown = () => err(`Select ${what} from the options shown`);

  switch (question.type) {
    case "single_choice": {
      const option = one(values, q);
      if (option === undefined) return missing();
      const chosen = question.options.find((o) => o.id === option);
      if (!chosen) return notShown();
      if (chosen.other) {
        const other = one(values, fieldName(q, "other"));
        if (other === undefined) return err(`Tell us ${what}`, fieldId(q, "other"));
        if (typedLength(other) > OTHER_MAX) return err(`Your answer must be ${OTHER_MAX} characters or fewer`, fieldId(q, "other"));
        const { text, found } = redact(other);
        return { value: { type: "single_choice", option, other: text, ...(found.length ? { redacted: found } : {}) }, errors: [] };
      }
      return { value: { type: "single_choice", option }, errors: [] };
    }
    case "multiple_choice": {
      const chosen = (values[q] ?? []).map((v) => v.trim()).filter(Boolean);
      if (chosen.length === 0) {
        return missing();
      }
      const known = new Set(question.options.map((o) => o.id));
      if (chosen.some((id) => !known.has(id))) return notShown();
      if (new Set(chosen).size !== chosen.length) return err(`Select each option only once ${toSay}`);
      const exclusive = question.options.find((o) => o.exclusive && chosen.includes(o.id));
      if (exclusive && chosen.length > 1) {
        return err(`Select "${exclusive.label}" on its own, or untick it to choose other answers`);
      }
      if (!exclusive && question.minSelections !== undefined && chosen.length < question.minSelections) {
        return err(`Select at least ${question.minSelections} answers ${toSay}`);
      }
      if (question.maxSelections !== undefined && chosen.length > question.maxSelections) {
        return err(`Select up to ${question.maxSelections} answers ${toSay}`);
      }
      // Keep the definition's order so stored answers do not depend on the order fields arrived in.
      const ordered = question.options.map((o) => o.id).filter((id) => chosen.includes(id));
      return { value: { type: "multiple_choice", options: ordered }, errors: [] };
    }
    case "scale": {
      const option = one(values, q);
      if (option === undefined) return missing();
      if (!scalePoints(question.scale, question.dontKnow).some((p) => p.id === option)) return notShown();
      return { value: { type: "scale", option }, errors: [] };
    }
    case "matrix": {
      const ids = scalePoints(question.scale, question.dontKnow).map((p) => p.id);
      const items: Record<string, string> = {};
      const unanswered: string[] = [];
      const invalid: string[] = [];
      for (const item of question.items) {
        const option = one(values, fieldName(q, item.id));
        if (option === undefined) unanswered.push(item.id);
        else if (!ids.includes(option)) invalid.push(item.id);
        else items[item.id] = option;
      }
      // One message for the whole matrix, linked to the first row that needs an answer.
      const label = (id: string) => question.items.find((i) => i.id === id)!.label;
      if (invalid.length) return err(`Select one of the options shown for ${listOf(invalid.map(label))}`, fieldId(q, invalid[0]));
      if (unanswered.length && required) return err(missingRowsMessage(question, unanswered), fieldId(q, unanswered[0]));
      return Object.keys(items).length ? { value: { type: "matrix", items }, errors: [] } : { errors: [] };
    }
    case "ranking": {
      const rankCount = question.rankCount ?? question.items.length;
      const ranks: Record<string, number> = {};
      const firstField = fieldId(q, question.items[0].id);
      for (const item of question.items) {
        const raw = one(values, fieldName(q, item.id));
        if (raw === undefined) continue;
        const rank = Number(raw);
        if (!Number.isInteger(rank) || rank < 1 || rank > rankCount) {
          return err(`Choose a rank from 1 to ${rankCount} for ${item.label}`, fieldId(q, item.id));
        }
        ranks[item.id] = rank;
      }
      const ranked = Object.entries(ranks);
      const used = ranked.map(([, r]) => r);
      if (used.length === 0) return required ? err(missingAnswerMessage(question), firstField) : { errors: [] };
      const duplicateAt = used.findIndex((r, i) => used.indexOf(r) !== i);
      if (duplicateAt !== -1) {
        const [item, rank] = ranked[duplicateAt];
        return err(`You have given more than one item rank ${rank}. Give each rank to one item only`, fieldId(q, item));
      }
      const missing = Array.from({ length: rankCount }, (_, i) => i + 1).filter((r) => !used.includes(r));
      if (missing.length) return err(`Give rank ${missing.join(", ")} to an item (rank your top ${rankCount})`, firstField);
      return { value: { type: "ranking", ranks }, errors: [] };
    }
    case "free_text": {
      const raw = (values[q]?.[0] ?? "").replace(/\r\n/g, "\n").trim();
      if (raw === "") return missing();
      if (typedLength(raw) > question.maxLength) {
        return err(`Your answer must be ${question.maxLength.toLocaleString("en-GB")} characters or fewer`);
      }
      const { text, found } = redact(raw);
      return { value: { type: "free_text", text, redacted: found }, errors: [] };
    }
    case "number": {
      const raw = one(values, q);
      if (raw === undefined) return missing();
      const cleaned = raw.replace(/,/g, "");
      if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return err(`Enter ${what} as a number, like 12`);
      if (cleaned.replace(/\D/g, "").length > NUMBER_MAX_DIGITS) return err(`Enter ${what} as a number with ${NUMBER_MAX_DIGITS} digits or fewer`);
      const value = Number(cleaned);
      if (question.wholeNumber && !Number.isInteger(value)) return err(`Enter ${what} as a whole number`);
      const { min, max } = question;
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        if (min !== undefined && max !== undefined) return err(`Enter a number between ${min} and ${max}`);
        return err(min !== undefined ? `Enter a number that is ${min} or more` : `Enter a number that is ${max} or less`);
      }
      return { value: { type: "number", value }, errors: [] };
    }
    case "postcode": {
      const raw = one(values, q);
      if (raw === undefined) return missing();
      const parsed = outwardCode(raw);
      if (!parsed.ok) return err("Enter a real postcode, like DH1 3HP");
      const district = ctx.lookupDistrict(parsed.outward);
      return {
        value: {
          type: "postcode",
          outward: parsed.outward,
          authority: district?.authority ?? "unknown",
          area: district?.area ?? "unknown",
        },
        errors: [],
      };
    }
    case "precept": {
      if (question.answer === "choose_one") {
        const choice = one(values, q);
        if (choice === undefined) return missing();
        if (![...question.proposals.map((p) => p.id), "dont_know"].includes(choice)) return notShown();
        return { value: { type: "precept", choice }, errors: [] };
      }
      const items: Record<string, "support" | "oppose" | "dont_know"> = {};
      const errors: FieldError[] = [];
      for (const proposal of question.proposals) {
        const v = one(values, fieldName(q, proposal.id));
        const field = fieldId(q, proposal.id);
        if (v === undefined) {
          if (required) {
            // Each proposal has its own table and radios, far apart on a phone: one message each.
            const message = question.proposals.length > 1 ? `Select whether you support ${lowerFirst(proposal.label)}` : missingAnswerMessage(question);
            errors.push({ questionId: q, field, message });
          }
        } else if (isSupportChoice(v)) items[proposal.id] = v;
        else errors.push({ questionId: q, field, message: "Select support, oppose or don't know" });
      }
      if (errors.length) return { errors };
      return Object.keys(items).length ? { value: { type: "precept", items }, errors } : { errors };
    }
    case "about_you": {
      const items: Record<string, string> = {};
      const errors: FieldError[] = [];
      for (const field of question.fields) {
        const v = one(values, fieldName(q, field));
        if (v === undefined) continue;
        if (!aboutYouOptions(field).some((o) => o.id === v)) {
          errors.push({ questionId: q, field: fieldId(q, field), message: `Select ${wordingOf(ABOUT_YOU_ITEMS[field].question).what} from the options shown` });
        } else items[field] = v;
      }
      if (errors.length) return { errors };
      return Object.keys(items).length ? { value: { type: "about_you", items }, errors } : { errors };
    }
    default:
      return assertNever(question);
  }
}

export interface PageResult {
  answers: Answers;
  errors: FieldError[];
}

/**
 * Validates one submitted page against the definition, given the answers from earlier pages.
 * Only the questions the route shows are validated; answers that become hidden are dropped.
 */
export function validatePage(
  def: ConsultationDefinition,
  page: Page,
  values: FormValues,
  previous: Answers,
  ctx: ValidationContext,
): PageResult {
  const shown = visibleQuestions(page, previous);
  const allowed = new Set(shown.flatMap(fieldNames));
  const errors: FieldError[] = [];

  const unexpected = Object.keys(values).filter((name) => !name.startsWith("_") && !allowed.has(name));
  if (unexpected.length && shown.length) {
    errors.push({
      questionId: shown[0].id,
      field: fieldId(shown[0].id),
      message: `The form sent a field this page does not ask for (${unexpected.slice(0, 3).join(", ")}). Reload the page and try again`,
    });
  }
  const singleValued = shown.flatMap((q) => (q.type === "multiple_choice" ? [] : fieldNames(q)));
  const repeated = singleValued.filter((name) => (values[name]?.length ?? 0) > 1);
  if (repeated.length && shown.length) {
    errors.push({
      questionId: shown[0].id,
      field: fieldId(shown[0].id),
      message: `The form sent more than one answer where one is expected (${repeated.slice(0, 3).join(", ")}). Reload the page and try again`,
    });
  }

  const next: Answers = { ...previous };
  for (const q of page.questions) delete next[q.id];
  for (const question of shown) {
    const parsed = parseQuestion(question, values, ctx);
    errors.push(...parsed.errors);
    if (parsed.value) next[question.id] = parsed.value;
  }
  return { answers: pruneHidden(def, next), errors };
}

/**
 * Checks a whole response (all pages) before storage, by the same rules as page by page, and
 * gives back the answers as they should be stored: only questions of this definition that the
 * route shows, each re-parsed from what a form would send. Anything else is dropped.
 */
export function checkResponse(def: ConsultationDefinition, answers: Answers, ctx: ValidationContext): PageResult {
  let running: Answers = {};
  const errors: FieldError[] = [];
  for (const page of def.pages) {
    const values: FormValues = {};
    // Answers to questions the route hides are dropped, as they are page by page.
    for (const q of visibleQuestions(page, running)) {
      const answer = answers[q.id];
      // An answer of the wrong shape for its question cannot come from our forms.
      if (answer && answer.type !== q.type) {
        errors.push({ questionId: q.id, field: fieldId(q.id), message: `The answer to "${quoted(q.title)}" is not a ${q.type.replace("_", " ")} answer` });
        continue;
      }
      Object.assign(values, answerToFormValues(q, answer));
    }
    const result = validatePage(def, page, values, running, ctx);
    errors.push(...result.errors);
    running = result.answers;
  }
  // Re-parsing already redacted text finds nothing more; keep the record of what was removed.
  for (const [id, answer] of Object.entries(running)) {
    const before = answers[id];
    if ((answer.type === "free_text" || answer.type === "single_choice") && before?.type === answer.type && before.redacted?.length) {
      const kinds = [...new Set([...(answer.redacted ?? []), ...before.redacted])];
      running[id] = { ...answer, redacted: kinds };
    }
  }
  return { answers: running, errors };
}

export function validateResponse(def: ConsultationDefinition, answers: Answers, ctx: ValidationContext): FieldError[] {
  return checkResponse(def, answers, ctx).errors;
}

