import { randomUUID } from "node:crypto";
import type { InferResult, Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/schema";
import { ConsultationDefinitionSchema, findQuestion, type ConsultationDefinition } from "~/definition/definition";
import {
  changeBetween,
  DEFAULT_PLAN_SECTIONS,
  describeBase,
  figureOf,
  findTarget,
  renderStatement,
  type EvidenceStatement,
  type Figure,
  type IndicatorDefinition,
  type SubgroupFilter,
} from "~/evidence/evidence";
import { proportion } from "./answer-counts.server";
import { CODED_BASE_DESCRIPTION, codedProportion, codedTargets } from "~/coding/evidence-targets.server";

/** Plan sections and evidence indicators; figures are computed in SQL each time they are read. */

export interface PlanSection {
  id: string;
  name: string;
  position: number;
  indicators: number;
}

export async function listSections(db: Kysely<Database>): Promise<PlanSection[]> {
  const rows = await db
    .selectFrom("plan_sections as s")
    .leftJoin("evidence_indicators as i", "i.section_id", "s.id")
    .select((eb) => ["s.id", "s.name", "s.position", eb.fn.count<number>("i.id").as("indicators")])
    .groupBy(["s.id", "s.name", "s.position"])
    .orderBy("s.position")
    .orderBy("s.name")
    .execute();
  return rows.map((r) => ({ ...r, position: Number(r.position), indicators: Number(r.indicators) }));
}

/** The Police and Crime Plan 2021-24 sections, on a database that has none yet. */
export async function ensureDefaultSections(db: Kysely<Database>): Promise<void> {
  const any = await db.selectFrom("plan_sections").select("id").limit(1).executeTakeFirst();
  if (any) return;
  const now = new Date().toISOString();
  await db
    .insertInto("plan_sections")
    .values(DEFAULT_PLAN_SECTIONS.map((name, i) => ({ id: randomUUID(), name, position: i + 1, created_at: now })))
    .execute();
}

export async function sectionNameTaken(db: Kysely<Database>, { name, exceptId }: { name: string; exceptId?: string }): Promise<boolean> {
  const rows = await db.selectFrom("plan_sections").select(["id", "name"]).execute();
  return rows.some((r) => r.name.toLowerCase() === name.toLowerCase() && r.id !== exceptId);
}

export async function addSection(db: Kysely<Database>, { name }: { name: string }): Promise<{ id: string }> {
  const last = await db.selectFrom("plan_sections").select((eb) => eb.fn.max("position").as("max")).executeTakeFirst();
  const id = randomUUID();
  await db
    .insertInto("plan_sections")
    .values({ id, name, position: Number(last?.max ?? 0) + 1, created_at: new Date().toISOString() })
    .execute();
  return { id };
}

export async function renameSection(db: Kysely<Database>, { id, name }: { id: string; name: string }): Promise<void> {
  await db.updateTable("plan_sections").set({ name }).where("id", "=", id).execute();
}

/** Removes a section with no indicators; returns false (and removes nothing) otherwise. */
export async function removeSection(db: Kysely<Database>, { id }: { id: string }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const used = await trx.selectFrom("evidence_indicators").select("id").where("section_id", "=", id).limit(1).executeTakeFirst();
    if (used) return false;
    await trx.deleteFrom("plan_sections").where("id", "=", id).execute();
    return true;
  });
}

export interface NewIndicator extends IndicatorDefinition {
  consultationId: string;
  sectionId: string;
  previousIndicatorId: string | null;
}

export async function createIndicator(db: Kysely<Database>, input: NewIndicator): Promise<{ id: string }> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto("evidence_indicators")
    .values({
      id,
      consultation_id: input.consultationId,
      section_id: input.sectionId,
      question_id: input.questionId,
      item_id: input.itemId,
      option_ids: JSON.stringify(input.optionIds),
      filter_question_id: input.filter?.questionId ?? null,
      filter_item_id: input.filter?.itemId ?? null,
      filter_option_ids: input.filter ? JSON.stringify(input.filter.optionIds) : null,
      template: input.template,
      previous_indicator_id: input.previousIndicatorId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id };
}

export async function deleteIndicator(db: Kysely<Database>, { id }: { id: string }): Promise<boolean> {
  const result = await db.deleteFrom("evidence_indicators").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

const Ids = z.array(z.string());

function indicatorQuery(db: Kysely<Database>) {
  return db
    .selectFrom("evidence_indicators as i")
    .innerJoin("plan_sections as s", "s.id", "i.section_id")
    .innerJoin("consultations as c", "c.id", "i.consultation_id")
    .leftJoin("consultation_versions as v", "v.id", "c.current_version_id")
    .select([
      "i.id",
      "i.consultation_id",
      "i.section_id",
      "s.name as section_name",
      "s.position as section_position",
      "i.question_id",
      "i.item_id",
      "i.option_ids",
      "i.filter_question_id",
      "i.filter_item_id",
      "i.filter_option_ids",
      "i.template",
      "i.previous_indicator_id",
      "c.slug",
      "c.title",
      "c.closes_at",
      "c.results_published_at",
      "v.definition",
    ]);
}

type IndicatorRow = InferResult<ReturnType<typeof indicatorQuery>>[number];

export interface IndicatorQuery {
  sectionId?: string;
  consultationId?: string;
  /** Public outputs: only consultations whose results are published. */
  publishedOnly?: boolean;
}

/** Every matching indicator with its figure (and the linked earlier figure), by section order. */
export async function listStatements(db: Kysely<Database>, query: IndicatorQuery = {}): Promise<EvidenceStatement[]> {
  let q = indicatorQuery(db).orderBy("s.position").orderBy("c.closes_at", "desc").orderBy("i.created_at");
  if (query.sectionId) q = q.where("i.section_id", "=", query.sectionId);
  if (query.consultationId) q = q.where("i.consultation_id", "=", query.consultationId);
  if (query.publishedOnly) q = q.where("c.results_published_at", "is not", null);
  const rows = await q.execute();
  const previousIds = [...new Set(rows.map((r) => r.previous_indicator_id).filter((x): x is string => Boolean(x)))];
  let previous = previousIds.length ? await indicatorQuery(db).where("i.id", "in", previousIds).execute() : [];
  // An earlier figure in a public output must itself be published.
  if (query.publishedOnly) previous = previous.filter((p) => p.results_published_at !== null);
  const previousById = new Map(previous.map((p) => [p.id, p]));
  const figures = new Map<string, Figure>();
  const figureFor = async (row: IndicatorRow) => {
    const known = figures.get(row.id);
    if (known) return known;
    const f = await computeFigure(db, row);
    figures.set(row.id, f);
    return f;
  };
  const out: EvidenceStatement[] = [];
  for (const row of rows) {
    const def = row.definition ? ConsultationDefinitionSchema.parse(JSON.parse(row.definition)) : null;
    const figure = await figureFor(row);
    const indicator = toIndicator(row);
    const prevRow = row.previous_indicator_id ? previousById.get(row.previous_indicator_id) : undefined;
    const prevFigure = prevRow ? await figureFor(prevRow) : null;
    const question = def ? findQuestion(def, row.question_id) : undefined;
    // A coded free-text question counts codes as its answers.
    const coded = question?.type === "free_text";
    const target = def ? (coded ? (await codedTargets(db, row.consultation_id, def)).find((t) => t.questionId === row.question_id) : findTarget(def, row.question_id, row.item_id)) : undefined;
    out.push({
      id: row.id,
      section: { id: row.section_id, name: row.section_name },
      consultation: { id: row.consultation_id, slug: row.slug, title: row.title, closesAt: row.closes_at, resultsPublishedAt: row.results_published_at },
      question: {
        id: row.question_id,
        title: question?.title ?? row.question_id,
        itemId: row.item_id,
        itemLabel: row.item_id ? (target?.label.replace(`${question?.title ?? ""}: `, "") ?? row.item_id) : null,
      },
      optionIds: indicator.optionIds,
      optionLabels: indicator.optionIds.map((id) => target?.options.find((o) => o.id === id)?.label ?? id),
      baseDescription: coded ? CODED_BASE_DESCRIPTION : def ? describeBase(def, indicator) : "all who answered the question",
      filter: indicator.filter,
      figure,
      statement: renderStatement(row.template, figure),
      suppressed: false,
      previous:
        prevRow && prevFigure
          ? {
              indicatorId: prevRow.id,
              consultationId: prevRow.consultation_id,
              consultationTitle: prevRow.title,
              consultationSlug: prevRow.slug,
              figure: prevFigure,
              change: changeBetween(prevFigure, figure),
              suppressed: false,
            }
          : null,
    });
  }
  return out;
}

function toIndicator(row: IndicatorRow): IndicatorDefinition {
  const filter: SubgroupFilter | null =
    row.filter_question_id && row.filter_option_ids
      ? { questionId: row.filter_question_id, itemId: row.filter_item_id ?? "", optionIds: Ids.parse(JSON.parse(row.filter_option_ids)) }
      : null;
  return { questionId: row.question_id, itemId: row.item_id, optionIds: Ids.parse(JSON.parse(row.option_ids)), filter, template: row.template };
}

async function computeFigure(db: Kysely<Database>, row: IndicatorRow): Promise<Figure> {
  const indicator = toIndicator(row);
  const def: ConsultationDefinition | null = row.definition ? ConsultationDefinitionSchema.parse(JSON.parse(row.definition)) : null;
  if (def && findQuestion(def, row.question_id)?.type === "free_text") {
    const { count, base } = await codedProportion(db, { consultationId: row.consultation_id, questionId: row.question_id, codeIds: indicator.optionIds, filter: indicator.filter });
    return figureOf(count, base);
  }
  // Ranking: "% ranked first" is of everyone who ranked, not only those who ranked this item.
  const baseOnQuestion = def ? findQuestion(def, row.question_id)?.type === "ranking" : false;
  const { count, base } = await proportion(db, { consultationId: row.consultation_id, ...indicator, baseOnQuestion });
  return figureOf(count, base);
}

/** Indicators another may link to as "the same indicator last time": those of other consultations. */
export async function listLinkableIndicators(db: Kysely<Database>, { exceptConsultationId }: { exceptConsultationId: string }) {
  const rows = await indicatorQuery(db).where("i.consultation_id", "<>", exceptConsultationId).orderBy("c.closes_at", "desc").execute();
  return rows.map((r) => ({ id: r.id, label: `${r.title}: ${r.template}` }));
}
