import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { ConsultationDefinitionSchema, type ConsultationDefinition, type ConsultationDefinitionInput } from "~/consultation/definition";
import { effectiveStatus, type ConsultationKind, type EffectiveStatus } from "~/consultation/lifecycle";

export interface ConsultationSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  kind: string;
  status: EffectiveStatus;
  opensAt: string | null;
  closesAt: string | null;
  resultsPublishedAt: string | null;
  whatWeDid: string | null;
}

export interface ConsultationWithVersion extends ConsultationSummary {
  versionId: string;
  version: number;
  definition: ConsultationDefinition;
}

const SUMMARY_COLUMNS = [
  "id",
  "slug",
  "title",
  "summary",
  "kind",
  "status",
  "opens_at",
  "closes_at",
  "results_published_at",
  "what_we_did",
] as const;

type SummaryRow = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  kind: string;
  status: string;
  opens_at: string | null;
  closes_at: string | null;
  results_published_at: string | null;
  what_we_did: string | null;
};

function toSummary(row: SummaryRow, now: Date): ConsultationSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    kind: row.kind,
    status: effectiveStatus(row, now),
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    resultsPublishedAt: row.results_published_at,
    whatWeDid: row.what_we_did,
  };
}

export async function listConsultations(db: Kysely<Database>, { now = new Date() } = {}): Promise<ConsultationSummary[]> {
  const rows = await db.selectFrom("consultations").select(SUMMARY_COLUMNS).orderBy("closes_at", "desc").execute();
  return rows.map((r) => toSummary(r, now));
}

/** The consultation with the definition residents answer now (its latest published version). */
export async function getConsultationBySlug(
  db: Kysely<Database>,
  { slug, now = new Date() }: { slug: string; now?: Date },
): Promise<ConsultationWithVersion | null> {
  const row = await db
    .selectFrom("consultations as c")
    .innerJoin("consultation_versions as v", "v.id", "c.current_version_id")
    .select(SUMMARY_COLUMNS.map((c) => `c.${c}` as const))
    .select(["v.id as version_id", "v.version", "v.definition"])
    .where("c.slug", "=", slug)
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...toSummary(row, now),
    versionId: row.version_id,
    version: row.version,
    definition: ConsultationDefinitionSchema.parse(JSON.parse(row.definition)),
  };
}

export async function getVersionDefinitions(db: Kysely<Database>, { consultationId }: { consultationId: string }) {
  const rows = await db
    .selectFrom("consultation_versions")
    .select(["id", "version", "definition"])
    .where("consultation_id", "=", consultationId)
    .orderBy("version", "asc")
    .execute();
  return rows.map((r) => ({ id: r.id, version: r.version, definition: ConsultationDefinitionSchema.parse(JSON.parse(r.definition)) }));
}

export interface NewConsultation {
  slug: string;
  title: string;
  summary: string;
  kind: ConsultationKind;
  definition: ConsultationDefinitionInput;
  opensAt: string | null;
  closesAt: string | null;
  /** "live" publishes the definition as version 1; "draft" leaves it editable and unpublished. */
  status: "draft" | "live";
}

export async function createConsultation(db: Kysely<Database>, input: NewConsultation): Promise<{ id: string }> {
  const definition = ConsultationDefinitionSchema.parse(input.definition);
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("consultations")
      .values({
        id,
        slug: input.slug,
        title: input.title,
        summary: input.summary,
        kind: input.kind,
        status: input.status,
        opens_at: input.opensAt,
        closes_at: input.closesAt,
        draft_definition: JSON.stringify(definition),
        current_version_id: null,
        results_published_at: null,
        what_we_did: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (input.status === "live") await publishVersionIn(trx, id, definition);
  });
  return { id };
}

/** Freezes a definition as the consultation's next version; responses keep the version they answered. */
export async function publishVersionIn(db: Kysely<Database>, consultationId: string, definition: ConsultationDefinition) {
  const latest = await db
    .selectFrom("consultation_versions")
    .select((eb) => eb.fn.max("version").as("max"))
    .where("consultation_id", "=", consultationId)
    .executeTakeFirst();
  const version = Number(latest?.max ?? 0) + 1;
  const versionId = randomUUID();
  await db
    .insertInto("consultation_versions")
    .values({ id: versionId, consultation_id: consultationId, version, definition: JSON.stringify(definition), created_at: new Date().toISOString() })
    .execute();
  await db
    .updateTable("consultations")
    .set({ current_version_id: versionId, status: "live", updated_at: new Date().toISOString() })
    .where("id", "=", consultationId)
    .execute();
  return { versionId, version };
}

export async function countConsultations(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("consultations").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}
