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

export interface ConsultationForStaff extends ConsultationSummary {
  draftDefinition: ConsultationDefinition;
  currentVersion: { id: string; version: number; definition: ConsultationDefinition } | null;
  /** True when the working copy differs from the published version. */
  hasUnpublishedChanges: boolean;
}

/** Everything the staff workspace needs about one consultation, by id. */
export async function getConsultationForStaff(
  db: Kysely<Database>,
  { id, now = new Date() }: { id: string; now?: Date },
): Promise<ConsultationForStaff | null> {
  const row = await db
    .selectFrom("consultations as c")
    .leftJoin("consultation_versions as v", "v.id", "c.current_version_id")
    .select(SUMMARY_COLUMNS.map((c) => `c.${c}` as const))
    .select(["c.draft_definition", "v.id as version_id", "v.version", "v.definition"])
    .where("c.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const draftDefinition = ConsultationDefinitionSchema.parse(JSON.parse(row.draft_definition));
  const current =
    row.version_id && row.definition !== null && row.version !== null
      ? { id: row.version_id, version: row.version, definition: ConsultationDefinitionSchema.parse(JSON.parse(row.definition)) }
      : null;
  return {
    ...toSummary(row, now),
    draftDefinition,
    currentVersion: current,
    hasUnpublishedChanges: !current || JSON.stringify(current.definition) !== JSON.stringify(draftDefinition),
  };
}

/** Saves the working copy of the definition; residents keep seeing the published version. */
export async function saveWorkingDefinition(db: Kysely<Database>, { id, definition }: { id: string; definition: ConsultationDefinitionInput }) {
  const parsed = ConsultationDefinitionSchema.parse(definition);
  await db
    .updateTable("consultations")
    .set({ draft_definition: JSON.stringify(parsed), updated_at: new Date().toISOString() })
    .where("id", "=", id)
    .execute();
  return parsed;
}

/**
 * Freezes the working copy as the next version, if it differs from the current one. Responses
 * already given keep the version they answered; results combine versions by question id and
 * option id.
 */
export async function publishWorkingDefinition(db: Kysely<Database>, { id }: { id: string }): Promise<{ version: number; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const staffView = await getConsultationForStaff(trx, { id });
    if (!staffView) throw new Error(`No consultation ${id}`);
    if (staffView.currentVersion && !staffView.hasUnpublishedChanges) return { version: staffView.currentVersion.version, created: false };
    const { version } = await publishVersionIn(trx, id, staffView.draftDefinition);
    return { version, created: true };
  });
}

export async function updateConsultationDetails(
  db: Kysely<Database>,
  { id, title, summary, kind, opensAt, closesAt }: { id: string; title: string; summary: string; kind: ConsultationKind; opensAt: string | null; closesAt: string | null },
) {
  await db
    .updateTable("consultations")
    .set({ title, summary, kind, opens_at: opensAt, closes_at: closesAt, updated_at: new Date().toISOString() })
    .where("id", "=", id)
    .execute();
}

/** Sets the opening and closing times (open now, close early, extend, schedule). */
export async function setConsultationDates(db: Kysely<Database>, { id, opensAt, closesAt }: { id: string; opensAt: string | null; closesAt: string | null }) {
  await db.updateTable("consultations").set({ opens_at: opensAt, closes_at: closesAt, updated_at: new Date().toISOString() }).where("id", "=", id).execute();
}

export async function setResultsPublished(db: Kysely<Database>, { id, whatWeDid, published }: { id: string; whatWeDid: string | null; published: boolean }) {
  await db
    .updateTable("consultations")
    .set({ results_published_at: published ? new Date().toISOString() : null, what_we_did: whatWeDid, updated_at: new Date().toISOString() })
    .where("id", "=", id)
    .execute();
}

export async function isSlugTaken(db: Kysely<Database>, { slug }: { slug: string }): Promise<boolean> {
  return Boolean(await db.selectFrom("consultations").select("id").where("slug", "=", slug).executeTakeFirst());
}
