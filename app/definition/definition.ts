import { z } from "zod";
import { ABOUT_YOU_FIELDS, aboutYouOptions } from "./about-you";
import { SCALE_NAMES, scalePoints } from "./scales";

/**
 * The consultation definition: pages → questions → options, each with a stable id. This zod
 * schema is the single source of truth; every type below derives from it. Answers are stored
 * by question id and option id, never by label, so labels may be edited freely after publishing
 * but ids may not.
 */

export const IdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "Use 1 to 63 lower-case letters, digits, - or _, starting with a letter or digit");

const Text = (max: number) => z.string().trim().min(1).max(max);

export const OptionSchema = z
  .object({
    id: IdSchema,
    label: Text(300),
    hint: z.string().max(500).optional(),
    /** Multiple choice: "None of these" style option that cannot be combined with others. */
    exclusive: z.boolean().optional(),
    /** Single choice: "Other (please specify)"; a text box is required only when it is chosen. */
    other: z.boolean().optional(),
  })
  .strict();

export const ConditionSchema = z
  .object({
    question: IdSchema,
    /** For questions with items (matrix, about you, precept per proposal): which item. */
    item: IdSchema.optional(),
    operator: z.enum(["equals", "any_of", "none_of"]),
    values: z.array(IdSchema).min(1, "Tick at least one answer"),
  })
  .strict();

export const ShowIfSchema = z
  .object({
    match: z.enum(["all", "any"]).default("all"),
    conditions: z.array(ConditionSchema).min(1),
  })
  .strict();

const QuestionBase = {
  id: IdSchema,
  title: Text(500),
  hint: z.string().max(1000).optional(),
  /**
   * What a resident is told when they leave this required question out, in the GOV.UK style
   * ("Select how far you agree that …"). Without it the message is worded from the title.
   */
  errorMessage: Text(300).optional(),
  required: z.boolean().default(true),
  showIf: ShowIfSchema.optional(),
};

const ItemSchema = z.object({ id: IdSchema, label: Text(300) }).strict();

export const SingleChoiceSchema = z
  .object({ ...QuestionBase, type: z.literal("single_choice"), options: z.array(OptionSchema).min(2) })
  .strict();

export const MultipleChoiceSchema = z
  .object({
    ...QuestionBase,
    type: z.literal("multiple_choice"),
    options: z.array(OptionSchema).min(2),
    minSelections: z.number().int().min(1).optional(),
    maxSelections: z.number().int().min(1).optional(),
  })
  .strict();

export const ScaleQuestionSchema = z
  .object({
    ...QuestionBase,
    type: z.literal("scale"),
    scale: z.enum(SCALE_NAMES),
    dontKnow: z.boolean().default(true),
  })
  .strict();

export const MatrixSchema = z
  .object({
    ...QuestionBase,
    type: z.literal("matrix"),
    scale: z.enum(SCALE_NAMES),
    dontKnow: z.boolean().default(true),
    items: z.array(ItemSchema).min(1),
  })
  .strict();

export const RankingSchema = z
  .object({
    ...QuestionBase,
    type: z.literal("ranking"),
    items: z.array(ItemSchema).min(2),
    /** Rank the top N (defaults to all items). */
    rankCount: z.number().int().min(1).optional(),
  })
  .strict();

export const FreeTextSchema = z
  .object({
    ...QuestionBase,
    type: z.literal("free_text"),
    maxLength: z.number().int().min(1).max(10_000).default(1000),
  })
  .strict();

export const NumberQuestionSchema = z
  .object({
    ...QuestionBase,
    type: z.literal("number"),
    min: z.number().optional(),
    max: z.number().optional(),
    wholeNumber: z.boolean().default(true),
    suffix: z.string().max(40).optional(),
  })
  .strict();

export const PostcodeQuestionSchema = z
  .object({ ...QuestionBase, type: z.literal("postcode") })
  .strict();

export const PreceptProposalSchema = z
  .object({
    id: IdSchema,
    label: Text(300),
    /** Proposed Band D increase in £ a year. */
    increase: z.number().min(0).max(1000),
    requiresReferendum: z.boolean().default(false),
  })
  .strict();

export const PreceptQuestionSchema = z
  .object({
    ...QuestionBase,
    type: z.literal("precept"),
    /** The financial year the proposal is for, e.g. "2027/28". */
    year: Text(20),
    /** Current Band D precept in £ a year. */
    currentBandD: z.number().positive().max(10_000),
    /** The year's referendum limit: the largest Band D increase in £ allowed without one. */
    referendumLimit: z.number().min(0).max(1000),
    proposals: z.array(PreceptProposalSchema).min(1),
    /** support_each: support / oppose / don't know per proposal; choose_one: pick a proposal. */
    answer: z.enum(["support_each", "choose_one"]).default("support_each"),
  })
  .strict();

export const AboutYouQuestionSchema = z
  .object({
    ...QuestionBase,
    type: z.literal("about_you"),
    required: z.literal(false).default(false),
    fields: z.array(z.enum(ABOUT_YOU_FIELDS)).min(1),
  })
  .strict();

export const QuestionSchema = z.discriminatedUnion("type", [
  SingleChoiceSchema,
  MultipleChoiceSchema,
  ScaleQuestionSchema,
  MatrixSchema,
  RankingSchema,
  FreeTextSchema,
  NumberQuestionSchema,
  PostcodeQuestionSchema,
  PreceptQuestionSchema,
  AboutYouQuestionSchema,
]);

export const PageSchema = z
  .object({
    id: IdSchema,
    title: Text(200),
    intro: z.string().max(4000).optional(),
    showIf: ShowIfSchema.optional(),
    questions: z.array(QuestionSchema).min(1),
  })
  .strict();

const DefinitionShape = z
  .object({
    /** Minutes a typical resident needs; shown on the start page. */
    estimatedMinutes: z.number().int().min(1).max(120).default(5),
    /**
     * "What happens next" on the confirmation page, after a response is submitted: what the
     * Commissioner does with the answers and when. Paragraphs are separated by a blank line.
     * Without it the page says what happens for the consultation's kind.
     */
    whatHappensNext: z.string().trim().min(1).max(2000).optional(),
    pages: z.array(PageSchema).min(1),
  })
  .strict();

export const ConsultationDefinitionSchema = DefinitionShape.superRefine(checkDefinition);

export type ConsultationDefinition = z.infer<typeof ConsultationDefinitionSchema>;
export type ConsultationDefinitionInput = z.input<typeof ConsultationDefinitionSchema>;
export type Page = z.infer<typeof PageSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionType = Question["type"];
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;
export type Condition = z.infer<typeof ConditionSchema>;
export type ShowIf = z.infer<typeof ShowIfSchema>;

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}

/** The answer values (option ids) a question can take, per item ("" when it has no items). */
export function answerValues(question: Question): Map<string, string[]> {
  const single = (ids: string[]) => new Map([["", ids]]);
  switch (question.type) {
    case "single_choice":
    case "multiple_choice":
      return single(question.options.map((o) => o.id));
    case "scale":
      return single(scalePoints(question.scale, question.dontKnow).map((p) => p.id));
    case "matrix": {
      const ids = scalePoints(question.scale, question.dontKnow).map((p) => p.id);
      return new Map(question.items.map((i) => [i.id, ids]));
    }
    case "precept":
      return question.answer === "choose_one"
        ? single([...question.proposals.map((p) => p.id), "dont_know"])
        : new Map(question.proposals.map((p) => [p.id, ["support", "oppose", "dont_know"]]));
    case "about_you":
      return new Map(question.fields.map((f) => [f, aboutYouOptions(f).map((o) => o.id)]));
    case "ranking":
    case "free_text":
    case "number":
    case "postcode":
      return new Map();
    default:
      return assertNever(question);
  }
}

/** Ids the page layout itself uses. */
const RESERVED_PAGE_IDS = ["main-content"];
/** Suffixes the form markup adds to a question's id (question-hint, question-error…). */
const ITEM_SUFFIXES = ["hint", "error", "info", "other"];

function checkDefinition(def: z.infer<typeof DefinitionShape>, ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });

  // Where each question id was defined, so conditions can be checked for order.
  const seenQuestions = new Map<string, { page: number; question: Question }>();
  const pageIds = new Set<string>();

  def.pages.forEach((page, p) => {
    if (pageIds.has(page.id)) issue(["pages", p, "id"], `"${page.id}" is used by another page`);
    pageIds.add(page.id);
    if (page.showIf) checkShowIf(page.showIf, ["pages", p, "showIf"], p, null);

    page.questions.forEach((question, q) => {
      const path = ["pages", p, "questions", q];
      if (seenQuestions.has(question.id)) issue([...path, "id"], `"${question.id}" is used by another question`);
      // Field ids on the page are the question id plus "-" suffixes (a-2, a-hint, a-item): a
      // question called "a-2" beside "a" would repeat an id and break the error summary's links.
      const clash = page.questions.find((other) => other !== question && question.id.startsWith(`${other.id}-`));
      if (clash) issue([...path, "id"], `"${question.id}" starts with "${clash.id}-", which this page uses for "${clash.id}"'s fields; choose an id that does not`);
      if (RESERVED_PAGE_IDS.includes(question.id)) issue([...path, "id"], `"${question.id}" is used by the page itself; choose another id`);
      checkQuestion(question, path);
      if (question.showIf) checkShowIf(question.showIf, [...path, "showIf"], p, question.id);
      seenQuestions.set(question.id, { page: p, question });
    });
  });

  function checkShowIf(showIf: ShowIf, path: (string | number)[], pageIndex: number, selfId: string | null) {
    showIf.conditions.forEach((c, i) => {
      const cpath = [...path, "conditions", i];
      if (c.question === selfId) return issue([...cpath, "question"], "A question cannot depend on its own answer");
      const target = seenQuestions.get(c.question);
      if (!target) {
        const later = def.pages.some((pg) => pg.questions.some((qq) => qq.id === c.question));
        return issue(
          [...cpath, "question"],
          later
            ? `"${c.question}" comes later; a condition can only refer to a question on an earlier page`
            : `"${c.question}" is not a question in this consultation`,
        );
      }
      if (target.page >= pageIndex) {
        return issue(
          [...cpath, "question"],
          `"${c.question}" is on the same page; a condition can only refer to a question on an earlier page so it works without JavaScript`,
        );
      }
      const values = answerValues(target.question);
      if (values.size === 0) {
        return issue([...cpath, "question"], `"${c.question}" is a ${target.question.type} question; conditions need a choice question`);
      }
      const itemKey = c.item ?? "";
      const allowed = values.get(itemKey);
      if (!allowed) {
        return issue(
          [...cpath, "item"],
          c.item ? `"${c.item}" is not an item of "${c.question}"` : `Name which item of "${c.question}" the condition is about`,
        );
      }
      c.values.forEach((v, j) => {
        if (!allowed.includes(v)) issue([...cpath, "values", j], `"${v}" is not an option of "${c.question}"`);
      });
      if (c.operator === "equals" && c.values.length !== 1) {
        issue([...cpath, "values"], `"equals" takes exactly one value; use "any_of" for several`);
      }
    });
  }

  function checkQuestion(question: Question, path: (string | number)[]) {
    const uniqueIds = (list: { id: string }[], key: string, what: string) => {
      const seen = new Set<string>();
      list.forEach((o, i) => {
        if (seen.has(o.id)) issue([...path, key, i, "id"], `"${o.id}" is used twice in this ${what}`);
        seen.add(o.id);
      });
    };
    /** Items become field ids ("question-item"), so they must not look like the suffixes the page adds. */
    const itemIds = (list: { id: string }[], key: string) => {
      list.forEach((o, i) => {
        if (o.id.includes("-") || ITEM_SUFFIXES.includes(o.id)) {
          issue([...path, key, i, "id"], `"${o.id}" would repeat a field id on the page; use letters, digits and _ (not "-", and not ${ITEM_SUFFIXES.join(", ")})`);
        }
      });
    };
    switch (question.type) {
      case "single_choice": {
        uniqueIds(question.options, "options", "question");
        question.options.forEach((o, i) => {
          if (o.exclusive) issue([...path, "options", i, "exclusive"], "Only multiple choice options can be exclusive");
        });
        if (question.options.filter((o) => o.other).length > 1) {
          issue([...path, "options"], "Only one option can be \"Other (please specify)\"");
        }
        return;
      }
      case "multiple_choice": {
        uniqueIds(question.options, "options", "question");
        question.options.forEach((o, i) => {
          if (o.other) issue([...path, "options", i, "other"], "\"Other (please specify)\" is for single choice questions");
        });
        const { minSelections: min, maxSelections: max } = question;
        if (max !== undefined && max > question.options.length) {
          issue([...path, "maxSelections"], `Cannot be more than the ${question.options.length} options`);
        }
        if (min !== undefined && max !== undefined && min > max) {
          issue([...path, "minSelections"], "Must not be more than maxSelections");
        }
        return;
      }
      case "matrix":
        itemIds(question.items, "items");
        return uniqueIds(question.items, "items", "matrix");
      case "ranking": {
        itemIds(question.items, "items");
        uniqueIds(question.items, "items", "ranking");
        if (question.rankCount !== undefined && question.rankCount > question.items.length) {
          issue([...path, "rankCount"], `Cannot rank more than the ${question.items.length} items`);
        }
        return;
      }
      case "number":
        if (question.min !== undefined && question.max !== undefined && question.min > question.max) {
          issue([...path, "min"], "Must not be more than max");
        }
        return;
      case "precept": {
        itemIds(question.proposals, "proposals");
        uniqueIds(question.proposals, "proposals", "precept question");
        question.proposals.forEach((proposal, i) => {
          if (proposal.increase > question.referendumLimit && !proposal.requiresReferendum) {
            issue(
              [...path, "proposals", i, "increase"],
              `£${proposal.increase.toFixed(2)} is over the referendum limit of £${question.referendumLimit.toFixed(2)}; lower it or mark the proposal "requiresReferendum": true`,
            );
          }
          if (proposal.id === "dont_know") issue([...path, "proposals", i, "id"], `"dont_know" is reserved`);
        });
        return;
      }
      case "about_you": {
        const seen = new Set<string>();
        question.fields.forEach((f, i) => {
          if (seen.has(f)) issue([...path, "fields", i], `"${f}" is listed twice`);
          seen.add(f);
        });
        return;
      }
      case "scale":
      case "free_text":
      case "postcode":
        return;
      default:
        return assertNever(question);
    }
  }
}

/** Formats a zod path as `pages[2].questions[0].options[3].id`. */
export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), "");
}

export type DefinitionResult =
  | { ok: true; definition: ConsultationDefinition }
  | { ok: false; errors: { path: string; message: string }[] };

export function parseDefinition(input: unknown): DefinitionResult {
  const result = ConsultationDefinitionSchema.safeParse(input);
  if (result.success) return { ok: true, definition: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
  };
}

export function allQuestions(def: ConsultationDefinition): Question[] {
  return def.pages.flatMap((p) => p.questions);
}

export function findQuestion(def: ConsultationDefinition, id: string): Question | undefined {
  return allQuestions(def).find((q) => q.id === id);
}

/**
 * Checks that a new version can be combined with the one before it. Results add versions up by
 * question id, item id and option id, so an id must keep meaning the same kind of answer: a
 * question may not change type (or scale, or precept answer style) under the same id. Labels,
 * hints, order, new questions and new options are all fine.
 */
export function versionConflicts(previous: ConsultationDefinition, next: ConsultationDefinition): { path: string; message: string }[] {
  const before = new Map(allQuestions(previous).map((q) => [q.id, q]));
  const conflicts: { path: string; message: string }[] = [];
  next.pages.forEach((page, p) => {
    page.questions.forEach((question, q) => {
      const old = before.get(question.id);
      if (!old) return;
      const path = formatPath(["pages", p, "questions", q]);
      const fresh = `; give the changed question a new id so its answers are counted apart`;
      if (old.type !== question.type) {
        conflicts.push({ path: `${path}.type`, message: `"${question.id}" was a ${old.type} question in the published version${fresh}` });
      } else if ((old.type === "scale" || old.type === "matrix") && "scale" in question && old.scale !== question.scale) {
        conflicts.push({ path: `${path}.scale`, message: `"${question.id}" used the ${old.scale} scale in the published version${fresh}` });
      } else if (old.type === "precept" && question.type === "precept" && old.answer !== question.answer) {
        conflicts.push({ path: `${path}.answer`, message: `"${question.id}" was answered "${old.answer}" in the published version${fresh}` });
      }
    });
  });
  return conflicts;
}
