import { ABOUT_YOU_FIELDS } from "../definition/about-you";
import {
  IdSchema,
  parseDefinition,
  type ConsultationDefinition,
  type Question,
  type QuestionType,
  type ShowIf,
} from "../definition/definition";
import { SCALE_NAMES } from "../definition/scales";
import { oneValue, type FormValues } from "../responding/form-values";

/**
 * The consultation builder's edit operations. Each takes a definition and returns a new one,
 * validated by the definition schema, or errors that name the question (or page) they concern
 * and the form field they belong to. Nothing here knows about HTTP or the database.
 */

export interface BuilderError {
  /** The form element the error summary links to (see `fieldForPath`). */
  field: string;
  message: string;
  /** The question concerned, when there is one. */
  questionId?: string;
  pageId?: string;
}

export type BuilderResult = { ok: true; definition: ConsultationDefinition } | { ok: false; errors: BuilderError[] };

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single_choice: "Single choice (radios)",
  multiple_choice: "Multiple choice (checkboxes)",
  scale: "Scale (agree, priority, satisfaction, confidence)",
  matrix: "Matrix (several items on one scale)",
  ranking: "Ranking",
  free_text: "Free text",
  number: "Number",
  postcode: "Postcode",
  precept: "Precept proposal",
  about_you: "About you (equality monitoring)",
};
export const QUESTION_TYPES = Object.keys(QUESTION_TYPE_LABELS) as QuestionType[];

const clone = <T>(v: T): T => structuredClone(v);
const fail = (errors: BuilderError[]): BuilderResult => ({ ok: false, errors });

/** "pages[1].questions[2].options[3].label" → the question editor's field id "options-3-label". */
export function fieldForPath(rest: string): string {
  const trimmed = rest.replace(/^\.?showIf\.?/, "").replace(/^\./, "");
  if (!trimmed) return "title";
  // Condition values are one text box, so "conditions[0].values[1]" lands on "conditions-0-values".
  const parts = trimmed
    .replace(/(conditions\[\d+\]\.values)\[\d+\]/, "$1")
    .replace(/(fields)\[\d+\]/, "$1")
    .split(/[.[\]]+/)
    .filter(Boolean);
  // A list-level problem ("options") is shown against the list's first row.
  if (parts.length === 1 && ["options", "items", "proposals"].includes(parts[0])) return `${parts[0]}-0-label`;
  if (parts.length === 1 && parts[0] === "conditions") return "conditions-0-question";
  return parts.join("-");
}

const FIELD_LABELS: Record<string, string> = {
  id: "ID",
  title: "question",
  label: "label",
  hint: "hint",
  errorMessage: "error message",
  minSelections: "minimum selections",
  maxSelections: "maximum selections",
  rankCount: "number to rank",
  maxLength: "character limit",
  min: "minimum",
  max: "maximum",
  currentBandD: "current Band D",
  referendumLimit: "referendum limit",
  increase: "increase",
  year: "year",
  question: "condition's question",
  item: "condition's item",
  values: "condition's values",
};

function describePart(rest: string): string {
  const m = rest.match(/(options|items|proposals|conditions)\[(\d+)\](?:\.(\w+))?/);
  if (m) {
    const noun = { options: "option", items: "item", proposals: "proposal", conditions: "condition" }[m[1]]!;
    return `${noun} ${Number(m[2]) + 1}${m[3] && FIELD_LABELS[m[3]] ? ` (${FIELD_LABELS[m[3]]})` : ""}`;
  }
  const last = rest.split(".").filter(Boolean).pop()?.replace(/\[\d+\]/, "");
  return last && FIELD_LABELS[last] ? FIELD_LABELS[last] : "";
}

/**
 * Validates a candidate definition. Schema errors are reworded to name the question (or page)
 * they concern, e.g. `Question "Do you support…" (support), option 3 (label): …`.
 */
export function commit(candidate: unknown): BuilderResult {
  const result = parseDefinition(candidate);
  if (result.ok) return result;
  const pages = (candidate as { pages?: { id?: string; title?: string; questions?: { id?: string; title?: string }[] }[] })?.pages ?? [];
  return fail(
    result.errors.map((e) => {
      const q = e.path.match(/^pages\[(\d+)\]\.questions\[(\d+)\](.*)$/);
      if (q) {
        const question = pages[Number(q[1])]?.questions?.[Number(q[2])];
        const part = describePart(q[3]);
        const name = question?.title ? `Question "${truncate(question.title)}" (${question.id})` : `Question ${Number(q[2]) + 1} on page ${Number(q[1]) + 1}`;
        return {
          field: fieldForPath(q[3]),
          questionId: question?.id,
          pageId: pages[Number(q[1])]?.id,
          message: `${name}${part ? `, ${part}` : ""}: ${e.message}`,
        };
      }
      const p = e.path.match(/^pages\[(\d+)\](.*)$/);
      if (p) {
        const page = pages[Number(p[1])];
        const rest = p[2].replace(/^\./, "");
        const field = rest === "questions" ? "questions" : fieldForPath(rest);
        const message = rest === "questions" ? "A page needs at least one question; delete the page instead" : e.message;
        return { field, pageId: page?.id, message: `Page "${truncate(page?.title ?? String(Number(p[1]) + 1))}"${describePart(rest) ? `, ${describePart(rest)}` : ""}: ${message}` };
      }
      return { field: e.path || "definition", message: e.path ? `${e.path}: ${e.message}` : e.message };
    }),
  );
}

const truncate = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A lower-case id from a label, unique among `taken`: "Safer roads" → "safer_roads". */
export function idFrom(label: string, taken: Iterable<string>, fallback = "question"): string {
  const full = label
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  // Whole words, within the 63 characters an id may have (leaving room for "_2"), so ids stay readable.
  const cut = (text: string, max: number) => (text.length <= max ? text : text.slice(0, max + 1).replace(/_[^_]*$/, "") || text.slice(0, max));
  const base = cut(full, 60) || fallback;
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

const questionIds = (def: ConsultationDefinition) => def.pages.flatMap((p) => p.questions.map((q) => q.id));

/** A new question of a type with sensible settings the editor then changes. */
export function newQuestion(type: QuestionType, id: string, title: string): Question {
  const base = { id, title, required: true };
  switch (type) {
    case "single_choice":
      return { ...base, type, options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] };
    case "multiple_choice":
      return { ...base, type, options: [{ id: "option_1", label: "Option 1" }, { id: "option_2", label: "Option 2" }] };
    case "scale":
      return { ...base, type, scale: "agreement", dontKnow: true };
    case "matrix":
      return { ...base, type, scale: "agreement", dontKnow: true, items: [{ id: "item_1", label: "Item 1" }] };
    case "ranking":
      return { ...base, type, items: [{ id: "item_1", label: "Item 1" }, { id: "item_2", label: "Item 2" }] };
    case "free_text":
      return { ...base, type, required: false, maxLength: 1000 };
    case "number":
      return { ...base, type, wholeNumber: true };
    case "postcode":
      return { ...base, type };
    case "precept":
      return {
        ...base,
        type,
        year: "2027/28",
        currentBandD: 100,
        referendumLimit: 10,
        proposals: [{ id: "increase", label: "An increase of £10 a year for a Band D home", increase: 10, requiresReferendum: false }],
        answer: "support_each",
      };
    case "about_you":
      return { ...base, type, required: false, fields: [...ABOUT_YOU_FIELDS] };
  }
}

function locate(def: ConsultationDefinition, questionId: string): { p: number; q: number } | null {
  for (let p = 0; p < def.pages.length; p++) {
    const q = def.pages[p].questions.findIndex((x) => x.id === questionId);
    if (q >= 0) return { p, q };
  }
  return null;
}

const missingPage = (pageId: string): BuilderResult => fail([{ field: "pages", pageId, message: `There is no page "${pageId}"; reload the builder and try again` }]);
const missingQuestion = (questionId: string): BuilderResult =>
  fail([{ field: "pages", questionId, message: `There is no question "${questionId}"; reload the builder and try again` }]);

function checkNewId(id: string, taken: string[], what: "page" | "question", field: string): BuilderError | null {
  if (!IdSchema.safeParse(id).success) {
    return { field, message: `Enter a ${what} ID of 1 to 63 lower-case letters, digits, - or _, starting with a letter or digit` };
  }
  if (taken.includes(id)) return { field, message: `"${id}" is already used by another ${what}; choose a different ID` };
  return null;
}

export interface NewQuestionInput {
  type: QuestionType;
  title: string;
  /** Made from the title when left blank. */
  id?: string;
}

export function addPage(def: ConsultationDefinition, input: { id?: string; title: string; intro?: string; question: NewQuestionInput }): BuilderResult {
  const next = clone(def);
  const pageId = input.id?.trim() || idFrom(input.title, def.pages.map((p) => p.id), "page");
  const qid = input.question.id?.trim() || idFrom(input.question.title, questionIds(def));
  const errors = [
    checkNewId(pageId, def.pages.map((p) => p.id), "page", "page-id"),
    checkNewId(qid, questionIds(def), "question", "question-id"),
  ].filter((e): e is BuilderError => e !== null);
  if (!input.title.trim()) errors.push({ field: "page-title", message: "Enter a title for the new page" });
  if (!input.question.title.trim()) errors.push({ field: "question-title", message: "Enter the first question of the new page" });
  if (errors.length) return fail(errors);
  next.pages.push({ id: pageId, title: input.title.trim(), intro: input.intro?.trim() || undefined, questions: [newQuestion(input.question.type, qid, input.question.title.trim())] });
  return commit(next);
}

export function addQuestion(def: ConsultationDefinition, pageId: string, input: NewQuestionInput): BuilderResult {
  const next = clone(def);
  const page = next.pages.find((p) => p.id === pageId);
  if (!page) return missingPage(pageId);
  const field = `new-question-${pageId}`;
  if (!input.title.trim()) return fail([{ field, pageId, message: `Enter the new question for page "${truncate(page.title)}"` }]);
  const qid = input.id?.trim() || idFrom(input.title, questionIds(def));
  const bad = checkNewId(qid, questionIds(def), "question", field);
  if (bad) return fail([{ ...bad, pageId }]);
  page.questions.push(newQuestion(input.type, qid, input.title.trim()));
  return commit(next);
}

export function updatePage(def: ConsultationDefinition, pageId: string, input: { title: string; intro?: string; showIf?: ShowIf }): BuilderResult {
  const next = clone(def);
  const page = next.pages.find((p) => p.id === pageId);
  if (!page) return missingPage(pageId);
  page.title = input.title.trim();
  page.intro = input.intro?.trim() || undefined;
  page.showIf = input.showIf;
  return commit(next);
}

/** Moves a page one place up (-1) or down (+1). */
export function movePage(def: ConsultationDefinition, pageId: string, by: -1 | 1): BuilderResult {
  const next = clone(def);
  const i = next.pages.findIndex((p) => p.id === pageId);
  if (i < 0) return missingPage(pageId);
  const j = i + by;
  if (j < 0 || j >= next.pages.length) return { ok: true, definition: next };
  [next.pages[i], next.pages[j]] = [next.pages[j], next.pages[i]];
  return commit(next);
}

export function deletePage(def: ConsultationDefinition, pageId: string): BuilderResult {
  const next = clone(def);
  const i = next.pages.findIndex((p) => p.id === pageId);
  if (i < 0) return missingPage(pageId);
  if (next.pages.length === 1) return fail([{ field: `page-${pageId}`, pageId, message: "A consultation needs at least one page; add another page before deleting this one" }]);
  next.pages.splice(i, 1);
  return commit(next);
}

/**
 * Moves a question one place up or down; past the top or bottom of its page it moves to the end
 * of the previous page or the start of the next one.
 */
export function moveQuestion(def: ConsultationDefinition, questionId: string, by: -1 | 1): BuilderResult {
  const next = clone(def);
  const at = locate(next, questionId);
  if (!at) return missingQuestion(questionId);
  const page = next.pages[at.p];
  const j = at.q + by;
  if (j >= 0 && j < page.questions.length) {
    [page.questions[at.q], page.questions[j]] = [page.questions[j], page.questions[at.q]];
    return commit(next);
  }
  const target = next.pages[at.p + by];
  if (!target) return { ok: true, definition: next };
  if (page.questions.length === 1) {
    return fail([{ field: `question-${questionId}`, questionId, message: `Question "${truncate(page.questions[0].title)}" is the only one on its page; move the page instead` }]);
  }
  const [moved] = page.questions.splice(at.q, 1);
  if (by < 0) target.questions.push(moved);
  else target.questions.unshift(moved);
  return commit(next);
}

export function deleteQuestion(def: ConsultationDefinition, questionId: string): BuilderResult {
  const next = clone(def);
  const at = locate(next, questionId);
  if (!at) return missingQuestion(questionId);
  const page = next.pages[at.p];
  if (page.questions.length === 1) {
    return fail([
      {
        field: `question-${questionId}`,
        questionId,
        message: `Question "${truncate(page.questions[0].title)}" is the only one on page "${truncate(page.title)}"; delete the page instead`,
      },
    ]);
  }
  page.questions.splice(at.q, 1);
  return commit(next);
}

/** Replaces a question (edited in the question editor) in place; its position is kept. */
export function replaceQuestion(def: ConsultationDefinition, questionId: string, question: unknown): BuilderResult {
  const next = clone(def);
  const at = locate(next, questionId);
  if (!at) return missingQuestion(questionId);
  (next.pages[at.p].questions as unknown[])[at.q] = question;
  return commit(next);
}

/** Reads a JSON definition (pasted or uploaded). */
export function importDefinition(text: string): BuilderResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail([{ field: "json", message: `The definition is not valid JSON (${(e as Error).message}); check it was copied in full` }]);
  }
  const result = commit(data);
  if (result.ok) return result;
  return fail(result.errors.map((e) => ({ ...e, field: "json" })));
}

// ---------------------------------------------------------------------------------------------
// The question editor's form. One form holds every setting of the question; each button is a
// named submit (`intent`), so adding, moving and deleting options works without JavaScript and
// keeps whatever else the editor typed. Read like every other form (responding/form-values).

export const LISTS = ["options", "items", "proposals", "conditions"] as const;
export type ListName = (typeof LISTS)[number];

export type Intent =
  | { kind: "save" }
  /** Shows the form again as typed, e.g. a routing condition's answers once its question is chosen. */
  | { kind: "refresh" }
  | { kind: "add"; list: ListName }
  | { kind: "up" | "down" | "delete"; list: ListName; index: number };

export function parseIntent(raw: string | undefined): Intent {
  if (raw === "refresh") return { kind: "refresh" };
  const m = raw?.match(/^(add|up|down|delete):(options|items|proposals|conditions)(?::(\d{1,4}))?$/);
  if (!m) return { kind: "save" };
  if (m[1] === "add") return { kind: "add", list: m[2] as ListName };
  return m[3] === undefined ? { kind: "save" } : { kind: m[1] as "up" | "down" | "delete", list: m[2] as ListName, index: Number(m[3]) };
}

/** A single-valued field's text, "" when blank or absent. */
const one = (f: FormValues, name: string) => oneValue(f, name) ?? "";
const flag = (f: FormValues, name: string) => (f[name] ?? []).includes("true");

/** Rows of a repeated group, in form order: `options-0-id`, `options-0-label`, … */
function rows(f: FormValues, list: string, keys: string[]): Record<string, string>[] {
  const indices = new Set<number>();
  for (const name of Object.keys(f)) {
    const m = name.match(new RegExp(`^${list}-(\\d{1,4})-`));
    if (m) indices.add(Number(m[1]));
  }
  return [...indices]
    .sort((a, b) => a - b)
    .map((i) => Object.fromEntries(keys.map((k) => [k, k === "exclusive" || k === "other" || k === "requiresReferendum" ? String(flag(f, `${list}-${i}-${k}`)) : one(f, `${list}-${i}-${k}`)])));
}

function numberField(f: FormValues, name: string, label: string, errors: BuilderError[], questionName: string): number | undefined {
  const raw = one(f, name).replace(/[£,\s]/g, "");
  if (raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    errors.push({ field: name, message: `${questionName}, ${label}: enter a number, like 12 or 3.5` });
    return undefined;
  }
  return n;
}

function conditionsFrom(f: FormValues): ShowIf | undefined {
  const list = rows(f, "conditions", ["question", "item", "operator"])
    .map((c, i) => ({ question: c.question, item: c.item, operator: c.operator, ticked: conditionValues(f, i) }))
    .filter((c) => c.question || c.ticked.length)
    .map((c) => ({
      question: c.question,
      item: c.item || undefined,
      operator: c.operator || "any_of",
      values: c.ticked,
    }));
  if (!list.length) return undefined;
  return { match: one(f, "showIf-match") === "any" ? "any" : "all", conditions: list } as ShowIf;
}

/** A condition's answers: the boxes ticked (one field each), or ids typed with commas between them. */
function conditionValues(f: FormValues, index: number): string[] {
  const rowIndex = [...new Set(Object.keys(f).flatMap((name) => name.match(/^conditions-(\d{1,4})-/)?.[1] ?? []))].map(Number).sort((a, b) => a - b)[index];
  return [...new Set((f[`conditions-${rowIndex}-values`] ?? []).flatMap((v) => v.split(/[,\s]+/)).map((v) => v.trim()).filter(Boolean))];
}

/**
 * Builds the question described by the editor's form, then applies the intent (add, move or
 * delete a row). The result is unvalidated: `replaceQuestion` validates it with the definition.
 */
export function questionFromForm(existing: Question, f: FormValues, intent: Intent): { question: unknown; errors: BuilderError[] } {
  const errors: BuilderError[] = [];
  const title = one(f, "title");
  const name = `Question "${truncate(title || existing.title)}" (${existing.id})`;
  const base: Record<string, unknown> = {
    id: one(f, "id") || existing.id,
    type: existing.type,
    title,
    hint: one(f, "hint") || undefined,
    errorMessage: one(f, "errorMessage") || undefined,
    required: existing.type === "about_you" ? false : flag(f, "required"),
    showIf: conditionsFrom(f),
  };
  let q: Record<string, unknown>;
  switch (existing.type) {
    case "single_choice":
    case "multiple_choice": {
      const options = rows(f, "options", ["id", "label", "hint", "exclusive", "other"]).map((o) => ({
        id: o.id,
        label: o.label,
        hint: o.hint || undefined,
        ...(existing.type === "multiple_choice" && o.exclusive === "true" ? { exclusive: true } : {}),
        ...(existing.type === "single_choice" && o.other === "true" ? { other: true } : {}),
      }));
      q = { ...base, options };
      if (existing.type === "multiple_choice") {
        q.minSelections = numberField(f, "minSelections", "minimum selections", errors, name);
        q.maxSelections = numberField(f, "maxSelections", "maximum selections", errors, name);
      }
      break;
    }
    case "scale":
    case "matrix": {
      const scale = one(f, "scale");
      q = { ...base, scale: (SCALE_NAMES as readonly string[]).includes(scale) ? scale : existing.scale, dontKnow: flag(f, "dontKnow") };
      if (existing.type === "matrix") q.items = rows(f, "items", ["id", "label"]);
      break;
    }
    case "ranking":
      q = { ...base, items: rows(f, "items", ["id", "label"]), rankCount: numberField(f, "rankCount", "number to rank", errors, name) };
      break;
    case "free_text":
      q = { ...base, maxLength: numberField(f, "maxLength", "character limit", errors, name) ?? 1000 };
      break;
    case "number":
      q = {
        ...base,
        min: numberField(f, "min", "minimum", errors, name),
        max: numberField(f, "max", "maximum", errors, name),
        wholeNumber: flag(f, "wholeNumber"),
        suffix: one(f, "suffix") || undefined,
      };
      break;
    case "postcode":
      q = base;
      break;
    case "precept": {
      const proposals = rows(f, "proposals", ["id", "label", "increase", "requiresReferendum"]).map((p, i) => {
        const increase = numberField({ v: [p.increase] }, "v", `proposal ${i + 1} increase`, errors, name);
        if (errors.at(-1)?.field === "v") errors[errors.length - 1].field = `proposals-${i}-increase`;
        return { id: p.id, label: p.label, increase: increase ?? Number.NaN, requiresReferendum: p.requiresReferendum === "true" };
      });
      q = {
        ...base,
        year: one(f, "year"),
        currentBandD: numberField(f, "currentBandD", "current Band D", errors, name),
        referendumLimit: numberField(f, "referendumLimit", "referendum limit", errors, name),
        proposals,
        answer: one(f, "answer") === "choose_one" ? "choose_one" : "support_each",
      };
      break;
    }
    case "about_you": {
      const chosen = new Set(f.fields ?? []);
      q = { ...base, fields: ABOUT_YOU_FIELDS.filter((x) => chosen.has(x)) };
      break;
    }
  }
  applyIntent(q, intent);
  return { question: stripUndefined(q), errors };
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Adds, moves or deletes a row of the form's state; the editor saves with "Save" afterwards. */
export function applyIntent(q: Record<string, unknown>, intent: Intent) {
  if (intent.kind === "save" || intent.kind === "refresh") return;
  if (intent.list === "conditions") {
    const showIf = (q.showIf as ShowIf | undefined) ?? { match: "all", conditions: [] };
    const list = showIf.conditions as unknown[];
    if (intent.kind === "add") list.push({ question: "", operator: "any_of", values: [] });
    else moveOrDelete(list, intent);
    q.showIf = list.length ? { ...showIf, conditions: list } : undefined;
    return;
  }
  const list = q[intent.list] as { id: string; label: string }[] | undefined;
  if (!Array.isArray(list)) return;
  if (intent.kind === "add") {
    const noun = { options: "Option", items: "Item", proposals: "Proposal" }[intent.list];
    const n = list.length + 1;
    const id = idFrom(`${noun}_${n}`, list.map((x) => x.id));
    list.push(
      intent.list === "proposals"
        ? ({ id, label: `${noun} ${n}`, increase: 0, requiresReferendum: false } as never)
        : { id, label: `${noun} ${n}` },
    );
  } else moveOrDelete(list, intent);
}

function moveOrDelete(list: unknown[], intent: Extract<Intent, { index: number }>) {
  const i = intent.index;
  if (i < 0 || i >= list.length) return;
  if (intent.kind === "delete") list.splice(i, 1);
  else {
    const j = intent.kind === "up" ? i - 1 : i + 1;
    if (j >= 0 && j < list.length) [list[i], list[j]] = [list[j], list[i]];
  }
}

/** The page editor's form: title, intro and routing conditions. */
export function pageFromForm(f: FormValues, intent: Intent): { title: string; intro?: string; showIf?: ShowIf } {
  const holder: Record<string, unknown> = { showIf: conditionsFrom(f) };
  if (intent.kind !== "save" && intent.kind !== "refresh" && intent.list === "conditions") applyIntent(holder, intent);
  return { title: one(f, "title"), intro: one(f, "intro") || undefined, showIf: holder.showIf as ShowIf | undefined };
}
