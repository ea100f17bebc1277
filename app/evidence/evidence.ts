import { z } from "zod";
import { allQuestions, assertNever, type ConsultationDefinition, type Question } from "../definition/definition";
import { ABOUT_YOU_ITEMS, aboutYouOptions } from "../definition/about-you";
import { AUTHORITIES } from "../areas/postcode";
import { scalePoints } from "../definition/scales";
import { safeCell } from "../exports/results-csv";
import { pointsBetween, roundNumber, roundNumberText } from "../results/rounding";
import { formatCount, formatInterval, formatPercent, formatPoints, percentage, SIGNIFICANCE_LEVEL, twoProportionZTest, wilsonInterval } from "../results/statistics";

/**
 * Evidence statements for the Police and Crime Plan: an indicator names a question (and item),
 * the answers that count, and the base; its figure is "count of base"; its sentence comes from a
 * template. Year on year, an indicator links to the same indicator in an earlier consultation
 * and the change is tested with a pooled two-proportion z-test at 95% (as statsmodels'
 * proportions_ztest computes it; see statistics.ts).
 */

/** The Police and Crime Plan 2021-24's sections: the default list; staff can edit it. */
export const DEFAULT_PLAN_SECTIONS = ["Safer Communities", "Safer Business", "Safer Online", "Safer People", "Safer Roads", "Safer Countryside"];

export const TEMPLATE_FIELDS = ["percent", "count", "base", "low", "high"] as const;

export interface ChoiceOption {
  id: string;
  label: string;
}

/** A question (or one item of it) whose answers are options an indicator can count. */
export interface ChoiceTarget {
  questionId: string;
  itemId: string;
  label: string;
  options: ChoiceOption[];
  /** Each respondent gives one answer here (not multiple choice), so it can define groups. */
  exclusive: boolean;
}

/** Every (question, item) of a definition whose answers are options, in definition order. */
export function choiceTargets(def: ConsultationDefinition): ChoiceTarget[] {
  return allQuestions(def).flatMap((q) => targetsOf(q));
}

function targetsOf(q: Question): ChoiceTarget[] {
  const one = (options: ChoiceOption[], exclusive = true): ChoiceTarget[] => [{ questionId: q.id, itemId: "", label: q.title, options, exclusive }];
  switch (q.type) {
    case "single_choice":
      return one(q.options.map((o) => ({ id: o.id, label: o.label })));
    case "multiple_choice":
      return one(
        q.options.map((o) => ({ id: o.id, label: o.label })),
        false,
      );
    case "scale":
      return one(scalePoints(q.scale, q.dontKnow));
    case "matrix":
      return q.items.map((i) => ({ questionId: q.id, itemId: i.id, label: `${q.title}: ${i.label}`, options: scalePoints(q.scale, q.dontKnow), exclusive: true }));
    case "about_you":
      return q.fields.map((f) => ({ questionId: q.id, itemId: f, label: ABOUT_YOU_ITEMS[f].question, options: aboutYouOptions(f), exclusive: true }));
    case "precept":
      if (q.answer === "choose_one") return one([...q.proposals.map((p) => ({ id: p.id, label: p.label })), { id: "dont_know", label: "Don't know" }]);
      return q.proposals.map((p) => ({
        questionId: q.id,
        itemId: p.id,
        label: `${q.title}: ${p.label}`,
        options: [
          { id: "support", label: "Support" },
          { id: "oppose", label: "Oppose" },
          { id: "dont_know", label: "Don't know" },
        ],
        exclusive: true,
      }));
    case "postcode":
      return one([...Object.entries(AUTHORITIES).map(([id, label]) => ({ id, label })), { id: "unknown", label: "Postcode district not recognised" }]);
    case "ranking": {
      const ranks = Array.from({ length: q.rankCount ?? q.items.length }, (_, r) => ({ id: String(r + 1), label: `Ranked ${r + 1}` }));
      return q.items.map((i) => ({ questionId: q.id, itemId: i.id, label: `${q.title}: ${i.label}`, options: ranks, exclusive: true }));
    }
    case "free_text":
    case "number":
      return [];
    default:
      return assertNever(q);
  }
}

/** The channel a response came by, offered wherever a question can define groups. */
export const CHANNEL_TARGET_ID = "_channel";

export function findTarget(def: ConsultationDefinition, questionId: string, itemId: string): ChoiceTarget | undefined {
  return choiceTargets(def).find((t) => t.questionId === questionId && t.itemId === itemId);
}

export interface SubgroupFilter {
  questionId: string;
  itemId: string;
  optionIds: string[];
}

export interface IndicatorDefinition {
  questionId: string;
  itemId: string;
  optionIds: string[];
  filter: SubgroupFilter | null;
  template: string;
}

const ref = z.string().trim().min(1);

/** The add-an-indicator form. "question" and "filter" are "question|item" and "question|item|option". */
export const IndicatorFormSchema = z.object({
  consultationId: ref,
  sectionId: z.string({ required_error: "Choose a section of the plan" }).trim().min(1, "Choose a section of the plan"),
  question: z.string({ required_error: "Choose a question" }).trim().min(1, "Choose a question"),
  optionIds: z.array(z.string().trim().min(1)).min(1, "Select at least one answer that counts"),
  filter: z.string().trim().optional(),
  template: z
    .string({ required_error: "Enter the sentence" })
    .trim()
    .min(1, "Enter the sentence")
    .max(500, "Enter a sentence of 500 characters or fewer")
    .refine((t) => t.includes("{percent}"), "Include {percent} in the sentence, where the figure goes"),
  previousIndicatorId: z.string().trim().optional(),
});

/** Checks ids against the definition; returns field errors keyed like the form. */
export function checkIndicator(def: ConsultationDefinition, input: IndicatorDefinition, extraTargets: ChoiceTarget[] = []): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  // extraTargets: coded free-text questions, whose "options" are codes (app/coding).
  const target = findTarget(def, input.questionId, input.itemId) ?? extraTargets.find((t) => t.questionId === input.questionId && t.itemId === input.itemId);
  if (!target) return [{ field: "question", message: "Choose a question from the list" }];
  const known = new Set(target.options.map((o) => o.id));
  if (input.optionIds.some((id) => !known.has(id))) errors.push({ field: "optionIds", message: "Select answers from the list" });
  if (input.filter) {
    const ft = input.filter.questionId === CHANNEL_TARGET_ID ? { exclusive: true, options: null } : findTarget(def, input.filter.questionId, input.filter.itemId);
    if (!ft || !ft.exclusive || (ft.options && input.filter.optionIds.some((id) => !ft.options!.some((o) => o.id === id)))) {
      errors.push({ field: "filter", message: "Choose a group from the list" });
    }
  }
  const unknownFields = [...input.template.matchAll(/\{([a-z]+)\}/g)].map((m) => m[1]).filter((f) => !(TEMPLATE_FIELDS as readonly string[]).includes(f));
  if (unknownFields.length) {
    errors.push({ field: "template", message: `Use only ${TEMPLATE_FIELDS.map((f) => `{${f}}`).join(", ")} in the sentence (not {${unknownFields[0]}})` });
  }
  return errors;
}

export interface Figure {
  count: number;
  base: number;
  /** Unrounded percentage; null when the base is 0. */
  percent: number | null;
  interval: { low: number; high: number } | null;
}

export function figureOf(count: number, base: number): Figure {
  return { count, base, percent: percentage(count, base), interval: wilsonInterval(count, base) };
}

/** The sentence with its figures, e.g. "76.4% of respondents want to see investment in …". */
export function renderStatement(template: string, figure: Figure): string {
  const values: Record<(typeof TEMPLATE_FIELDS)[number], string> = {
    percent: formatPercent(figure.percent),
    count: formatCount(figure.count),
    base: formatCount(figure.base),
    low: figure.interval ? formatPercent(figure.interval.low * 100) : "–",
    high: figure.interval ? formatPercent(figure.interval.high * 100) : "–",
  };
  return template.replace(/\{(percent|count|base|low|high)\}/g, (_, k: keyof typeof values) => values[k]);
}

export interface Change {
  /** Current minus earlier, in percentage points, rounded once from the exact counts (rounding.ts). */
  points: number;
  z: number;
  p: number;
  significant: boolean;
}

export function changeBetween(earlier: Figure, current: Figure): Change | null {
  const points = pointsBetween(earlier.count, earlier.base, current.count, current.base);
  if (points === null) return null;
  const test = twoProportionZTest(earlier.count, earlier.base, current.count, current.base);
  if (!test) return null;
  return { points, z: test.z, p: test.p, significant: test.p < SIGNIFICANCE_LEVEL };
}

export function describeChange(change: Change, earlierTitle: string): string {
  return `${formatPoints(change.points)} since ${earlierTitle}: ${
    change.significant ? "a statistically significant change (95% level)" : "not a statistically significant change (95% level)"
  }`;
}

export function describeBase(def: ConsultationDefinition, indicator: Pick<IndicatorDefinition, "questionId" | "itemId" | "filter">): string {
  const what = indicator.filter ? `respondents who answered ${describeFilter(def, indicator.filter)}` : "all who answered the question";
  return indicator.itemId ? `${what} (this item)` : what;
}

export function describeFilter(def: ConsultationDefinition, filter: SubgroupFilter): string {
  if (filter.questionId === CHANNEL_TARGET_ID) return `by ${filter.optionIds.join(" or ")}`;
  const target = findTarget(def, filter.questionId, filter.itemId);
  if (!target) return "a question no longer in the consultation";
  const labels = filter.optionIds.map((id) => target.options.find((o) => o.id === id)?.label ?? id);
  return `"${labels.join('" or "')}" to "${target.label}"`;
}

/** One statement as every output (page, Markdown, CSV, JSON) carries it. */
export interface EvidenceStatement {
  id: string;
  section: { id: string; name: string };
  consultation: { id: string; slug: string; title: string; closesAt: string | null; resultsPublishedAt: string | null };
  question: { id: string; title: string; itemId: string; itemLabel: string | null };
  optionIds: string[];
  optionLabels: string[];
  baseDescription: string;
  /** The subgroup the base is limited to, if any. */
  filter: SubgroupFilter | null;
  figure: Figure;
  /** Null when the figure is suppressed (public outputs only). */
  statement: string | null;
  suppressed: boolean;
  /** The same indicator last time; `suppressed` as its own consultation's disclosure decision says. */
  previous: { indicatorId: string; consultationId: string; consultationTitle: string; consultationSlug: string; figure: Figure; change: Change | null; suppressed: boolean } | null;
}

/** Where staff see the question's results (with the indicator's subgroup filter applied). */
export function staffResultsUrl(s: EvidenceStatement): string {
  const filter = s.filter;
  const qs = filter ? `?filter=${encodeURIComponent(`${filter.questionId}|${filter.itemId}|${filter.optionIds[0]}`)}` : "";
  return `/staff/consultations/${s.consultation.id}/results${qs}#q-${s.question.id}`;
}

export function intervalNote(): string {
  return "95% Wilson interval: the precision these figures would have if respondents were a random sample; respondents chose to take part, so it is indicative only";
}

export function evidenceMarkdown(statements: EvidenceStatement[], sections: { id: string; name: string }[], resultsUrl: (s: EvidenceStatement) => string): string {
  const lines = ["# Evidence from consultations", "", `Figures describe the people who responded, not the whole population. Intervals: ${intervalNote()}.`, ""];
  for (const section of sections) {
    const mine = statements.filter((s) => s.section.id === section.id);
    if (!mine.length) continue;
    lines.push(`## ${section.name}`, "");
    for (const s of mine) {
      lines.push(`- ${s.statement ?? "Figure not published (fewer than the disclosure threshold)"}`);
      lines.push(
        `  - ${s.consultation.title}${s.consultation.closesAt ? ` (closed ${s.consultation.closesAt.slice(0, 10)})` : ""}; base: ${s.baseDescription}, n=${formatCount(s.figure.base)}; 95% interval ${formatInterval(s.figure.interval)}; [results](${resultsUrl(s)})`,
      );
      if (s.previous?.change) lines.push(`  - ${describeChange(s.previous.change, s.previous.consultationTitle)}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

export const EVIDENCE_CSV_HEADER = [
  "section",
  "statement",
  "percent",
  "count",
  "base",
  "base_description",
  "ci_low",
  "ci_high",
  "consultation",
  "consultation_slug",
  "closes_at",
  "question_id",
  "item_id",
  "option_ids",
  "previous_consultation",
  "previous_percent",
  "change_points",
  "change_p",
  "change_significant",
];

const round = (x: number | null | undefined, dp = 1) => (x === null || x === undefined ? "" : roundNumberText(x, dp, { trim: true }));

export function evidenceCsvRows(statements: EvidenceStatement[]): string[][] {
  return statements.map((s) => [
    s.section.name,
    s.statement ?? "",
    round(s.figure.percent),
    String(s.figure.count),
    String(s.figure.base),
    s.baseDescription,
    round(s.figure.interval ? s.figure.interval.low * 100 : null),
    round(s.figure.interval ? s.figure.interval.high * 100 : null),
    s.consultation.title,
    s.consultation.slug,
    s.consultation.closesAt ?? "",
    s.question.id,
    s.question.itemId,
    s.optionIds.join(" "),
    s.previous?.consultationTitle ?? "",
    round(s.previous?.figure.percent),
    round(s.previous?.change?.points),
    round(s.previous?.change?.p, 4),
    s.previous?.change ? (s.previous.change.significant ? "yes" : "no") : "",
  ].map(safeCell));
}

// The public JSON API (docs/evidence-api.md). Versioned: fields are only ever added.

const ApiFigure = z.object({
  count: z.number().int().nonnegative(),
  base: z.number().int().nonnegative(),
  percent: z.number().min(0).max(100),
  interval: z.object({ low: z.number().min(0).max(100), high: z.number().min(0).max(100) }),
});

export const EvidenceApiSchema = z
  .object({
    schemaVersion: z.literal(1),
    generatedAt: z.string().datetime(),
    suppressionThreshold: z.number().int().positive(),
    intervalNote: z.string(),
    filters: z.object({ section: z.string().nullable(), consultation: z.string().nullable() }),
    sections: z.array(z.object({ id: z.string(), name: z.string() }).strict()),
    statements: z.array(
      z
        .object({
          id: z.string(),
          section: z.object({ id: z.string(), name: z.string() }).strict(),
          consultation: z.object({ slug: z.string(), title: z.string(), closesAt: z.string().nullable(), resultsPublishedAt: z.string(), resultsUrl: z.string() }).strict(),
          question: z.object({ id: z.string(), title: z.string(), itemId: z.string().nullable(), itemLabel: z.string().nullable() }).strict(),
          answers: z.array(z.object({ id: z.string(), label: z.string() }).strict()).min(1),
          base: z.object({ description: z.string(), n: z.number().int().nonnegative().nullable() }).strict(),
          suppressed: z.boolean(),
          figure: ApiFigure.strict().nullable(),
          statement: z.string().nullable(),
          change: z
            .object({
              previousConsultation: z.object({ slug: z.string(), title: z.string() }).strict(),
              previousPercent: z.number().min(0).max(100),
              percentagePoints: z.number(),
              z: z.number(),
              p: z.number().min(0).max(1),
              significant: z.boolean(),
            })
            .strict()
            .nullable(),
        })
        .strict(),
    ),
  })
  .strict();
export type EvidenceApi = z.infer<typeof EvidenceApiSchema>;

const one = (x: number) => roundNumber(x, 1);

/**
 * A statement as an output shows it: figures rounded to 1 d.p., or, when its consultation's
 * disclosure decision withholds it (`suppressed`, set by resultsFor), no figure, no base and no
 * sentence; a change only when the earlier figure is shown too.
 */
export function toApiStatement(s: EvidenceStatement, resultsUrl: string): EvidenceApi["statements"][number] {
  const { count, base } = s.figure;
  const suppressed = s.suppressed;
  const prev = s.previous;
  const prevSuppressed = !prev || prev.suppressed;
  return {
    id: s.id,
    section: s.section,
    consultation: {
      slug: s.consultation.slug,
      title: s.consultation.title,
      closesAt: s.consultation.closesAt,
      resultsPublishedAt: s.consultation.resultsPublishedAt ?? "",
      resultsUrl,
    },
    question: { id: s.question.id, title: s.question.title, itemId: s.question.itemId || null, itemLabel: s.question.itemLabel },
    answers: s.optionIds.map((id, i) => ({ id, label: s.optionLabels[i] ?? id })),
    base: { description: s.baseDescription, n: suppressed ? null : base },
    suppressed,
    figure:
      suppressed || s.figure.percent === null || !s.figure.interval
        ? null
        : { count, base, percent: one(s.figure.percent), interval: { low: one(s.figure.interval.low * 100), high: one(s.figure.interval.high * 100) } },
    statement: suppressed ? null : s.statement,
    change:
      !suppressed && !prevSuppressed && prev?.change && prev.figure.percent !== null
        ? {
            previousConsultation: { slug: prev.consultationSlug, title: prev.consultationTitle },
            previousPercent: one(prev.figure.percent),
            percentagePoints: one(prev.change.points),
            z: roundNumber(prev.change.z, 2),
            p: roundNumber(prev.change.p, 4),
            significant: prev.change.significant,
          }
        : null,
  };
}
