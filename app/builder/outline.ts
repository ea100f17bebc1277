import { z } from "zod";
import type { ConsultationDefinition, QuestionType } from "../definition/definition";
import type { DefinitionChange } from "../definition/definition-diff";
import { oneValue, type FormValues } from "../responding/form-values";
import { addPage, addQuestion, deletePage, deleteQuestion, movePage, moveQuestion, QUESTION_TYPES, type BuilderError, type BuilderResult } from "./builder";

/**
 * The builder's outline page: every page and question of the working copy, each with its own
 * buttons. A button is a named submit whose value says what to do to what ("page:up:about-you",
 * "add-question:priorities", "publish"), so the page works without JavaScript. This reads the
 * button, applies the edit with the builder's operations and words the audit entry.
 */

const ID = "[a-z0-9][a-z0-9_-]{0,62}";
const INTENT = new RegExp(`^(page|question):(up|down|delete):(${ID})$|^add-question:(${ID})$|^add-page$|^publish$`);

export type OutlineIntent =
  | { kind: "publish" }
  | { kind: "add-page" }
  | { kind: "add-question"; pageId: string }
  | { kind: "page" | "question"; verb: "up" | "down" | "delete"; id: string };

export type OutlineEdit = Exclude<OutlineIntent, { kind: "publish" }>;

/** The button pressed, or null for anything else. */
export function parseOutlineIntent(raw: unknown): OutlineIntent | null {
  const m = typeof raw === "string" ? raw.match(INTENT) : null;
  if (!m) return null;
  if (raw === "publish") return { kind: "publish" };
  if (raw === "add-page") return { kind: "add-page" };
  if (m[4]) return { kind: "add-question", pageId: m[4] };
  return { kind: m[1] as "page" | "question", verb: m[2] as "up" | "down" | "delete", id: m[3] };
}

export interface FieldError {
  field: string;
  message: string;
}

export type OutlineResult =
  | { ok: true; definition: ConsultationDefinition; /** For the audit trail. */ what: string }
  /** `echo`: the form is shown again with what was typed (not for a question type that is no type). */
  | { ok: false; errors: FieldError[]; echo: boolean };

const TypeSchema = z.enum(QUESTION_TYPES as [QuestionType, ...QuestionType[]]);

export function applyOutlineEdit(def: ConsultationDefinition, intent: OutlineEdit, form: FormValues): OutlineResult {
  const get = (name: string) => (oneValue(form, name) ?? "").slice(0, 2000);
  let result: BuilderResult;
  let what: string;
  switch (intent.kind) {
    case "add-page": {
      const type = TypeSchema.safeParse(get("question-type"));
      if (!type.success) return { ok: false, errors: [{ field: "question-type", message: "Choose the type of the new page's first question" }], echo: false };
      result = addPage(def, { id: get("page-id"), title: get("page-title"), intro: get("page-intro"), question: { type: type.data, title: get("question-title"), id: get("question-id") } });
      what = `page "${get("page-title")}" added`;
      break;
    }
    case "add-question": {
      const field = `new-question-${intent.pageId}`;
      const type = TypeSchema.safeParse(get(`${field}-type`));
      if (!type.success) return { ok: false, errors: [{ field: `${field}-type`, message: "Choose the type of the new question" }], echo: false };
      result = addQuestion(def, intent.pageId, { type: type.data, title: get(field), id: get(`${field}-id`) });
      what = `question added to page "${intent.pageId}"`;
      break;
    }
    case "page":
    case "question": {
      const by = intent.verb === "up" ? -1 : 1;
      if (intent.kind === "page") result = intent.verb === "delete" ? deletePage(def, intent.id) : movePage(def, intent.id, by);
      else result = intent.verb === "delete" ? deleteQuestion(def, intent.id) : moveQuestion(def, intent.id, by);
      what = `${intent.kind} "${intent.id}" ${intent.verb === "delete" ? "deleted" : `moved ${intent.verb}`}`;
      break;
    }
  }
  if (!result.ok) return { ok: false, errors: result.errors.map(outlineError), echo: true };
  return { ok: true, definition: result.definition, what };
}

/** Errors from an operation on the whole definition link to the question or page concerned. */
function outlineError(e: BuilderError): FieldError {
  if (e.field.startsWith("new-question-") || e.field.startsWith("page-") || e.field.startsWith("question-")) return { field: e.field, message: e.message };
  return { field: e.questionId ? `question-${e.questionId}` : e.pageId ? `page-${e.pageId}` : "pages", message: e.message };
}

/**
 * Whether the working copy may be published as a new version now: there must be a version
 * already (opening or scheduling publishes version 1), a change, and, once anyone has
 * responded, the editor's confirmation that they have read what the change does.
 */
export function publishRefusal(c: { version: number | null; hasUnpublishedChanges: boolean }, responses: number, confirmed: boolean): FieldError | null {
  if (c.version === null) return { field: "publish", message: "Open or schedule the consultation first: that publishes version 1" };
  if (!c.hasUnpublishedChanges) return { field: "publish", message: "There are no changes to publish" };
  if (responses > 0 && !confirmed) return { field: "confirm", message: "Confirm that you have read what the changes do to the responses already given" };
  return null;
}

/** The audit trail's note of a published version. */
export function publishedDetail(version: number, changes: DefinitionChange[], responses: number): string {
  const affecting = changes.filter((x) => x.breaksComparability).length;
  return `version ${version} published with ${changes.length} change${changes.length === 1 ? "" : "s"} (${affecting} affecting comparability); ${responses} responses before it`;
}
