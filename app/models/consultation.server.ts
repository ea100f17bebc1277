import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { ConsultationRow, Database } from "../../db/schema";
import { ConsultationDefinitionSchema, parseDefinition, versionConflicts, type ConsultationDefinition, type ConsultationDefinitionInput } from "~/definition/definition";
import { effectiveStatus, type ConsultationKind, type EffectiveStatus, type StoredStatus } from "~/lifecycle/lifecycle";
import type { LifecycleChange } from "~/lifecycle/transitions";

export interface ConsultationSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  kind: ConsultationKind;
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

/**
 * A published version never changes, so its parsed definition is kept by version id: parsing it
 * with zod on every resident page and submit cost more than the page's own queries. Frozen, so
 * no caller can change what another request sees. Bounded: old versions fall out first.
 */
const versions = new Map<string, ConsultationDefinition>();
const VERSIONS_KEPT = 64;

function versionDefinition(versionId: string, json: string): ConsultationDefinition {
  let definition = versions.get(versionId);
  if (!definition) {
    definition = deepFreeze(ConsultationDefinitionSchema.parse(JSON.parse(json)));
    if (versions.size >= VERSIONS_KEPT) versions.delete(versions.keys().next().value!);
    versions.set(versionId, definition);
  }
  return definition;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
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

type SummaryRow = Pick<ConsultationRow, (typeof SUMMARY_COLUMNS)[number]>;

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

/** A consultation's summary columns, to which each reader joins the version it needs. */
function summaries(db: Kysely<Database>) {
  return db.selectFrom("consultations as c").select(SUMMARY_COLUMNS.map((c) => `c.${c}` as const));
}

/** The fields every consultation page shows about itself. */
export function headline(c: ConsultationSummary) {
  return { slug: c.slug, title: c.title, summary: c.summary, status: c.status, opensAt: c.opensAt, closesAt: c.closesAt };
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
  const row = await summaries(db)
    .innerJoin("consultation_versions as v", "v.id", "c.current_version_id")
    .select(["v.id as version_id", "v.version"])
    .where("c.slug", "=", slug)
    .executeTakeFirst();
  if (!row) return null;
  // The definition's text (tens of KB) is read only when this process has not parsed that
  // version yet: every resident page and submit asks for the consultation.
  let definition = versions.get(row.version_id);
  if (!definition) {
    const v = await db.selectFrom("consultation_versions").select("definition").where("id", "=", row.version_id).executeTakeFirstOrThrow();
    definition = versionDefinition(row.version_id, v.definition);
  }
  return { ...toSummary(row, now), versionId: row.version_id, version: row.version, definition };
}

export async function getVersionDefinitions(db: Kysely<Database>, { consultationId }: { consultationId: string }) {
  const rows = await db
    .selectFrom("consultation_versions")
    .select(["id", "version", "definition"])
    .where("consultation_id", "=", consultationId)
    .orderBy("version", "asc")
    .execute();
  return rows.map((r) => ({ id: r.id, version: r.version, definition: versionDefinition(r.id, r.definition) }));
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
  status: StoredStatus;
}

export async function createConsultation(db: Kysely<Database>, input: NewConsultation): Promise<{ id: string }> {
  const definition = ConsultationDefinitionSchema.parse(input.definition);
  const { id } = await db.transaction().execute((trx) => insertConsultation(trx, { ...input, definition }));
  return { id };
}

/** Inserts a consultation with its working copy and, when it is to be live, publishes version 1. */
async function insertConsultation(db: Kysely<Database>, input: Omit<NewConsultation, "definition"> & { definition: ConsultationDefinition }) {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto("consultations")
    .values({
      id,
      slug: input.slug,
      title: input.title,
      summary: input.summary,
      kind: input.kind,
      status: "draft",
      opens_at: input.opensAt,
      closes_at: input.closesAt,
      draft_definition: JSON.stringify(input.definition),
      current_version_id: null,
      results_published_at: null,
      what_we_did: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const version = input.status === "live" ? (await publishVersionIn(db, id, input.definition)).version : null;
  return { id, version };
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
  const row = await summaries(db)
    .leftJoin("consultation_versions as v", "v.id", "c.current_version_id")
    .select(["c.draft_definition", "v.id as version_id", "v.version", "v.definition"])
    .where("c.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const draftDefinition = ConsultationDefinitionSchema.parse(JSON.parse(row.draft_definition));
  const current =
    row.version_id && row.definition !== null && row.version !== null
      ? { id: row.version_id, version: row.version, definition: versionDefinition(row.version_id, row.definition) }
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

export interface DefinitionDocument {
  slug: string;
  definition: unknown;
  /** Needed only when the slug is new. */
  details?: { title: string; summary: string; kind: ConsultationKind; opensAt: string | null; closesAt: string | null; status: StoredStatus };
}

export type SaveDefinitionOutcome =
  | { outcome: "invalid"; errors: { path: string; message: string }[] }
  | { outcome: "created"; id: string; version: number | null }
  | { outcome: "draft_saved"; id: string }
  | { outcome: "unchanged"; id: string; version: number }
  | { outcome: "new_version"; id: string; version: number; responses: number };

/**
 * Imports a definition document (consultation:import). A new slug creates the consultation; a
 * draft takes the new definition as its working copy; a published consultation gets a new
 * version, keeping every earlier one, so responses keep the version they answered and results
 * combine versions by question id and option id. Nothing is written when anything is invalid.
 */
export async function saveDefinition(db: Kysely<Database>, doc: DefinitionDocument): Promise<SaveDefinitionOutcome> {
  const parsed = parseDefinition(doc.definition);
  if (!parsed.ok) return { outcome: "invalid", errors: parsed.errors };
  const definition = parsed.definition;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("consultations as c")
      .leftJoin("consultation_versions as v", "v.id", "c.current_version_id")
      .select(["c.id", "c.status", "v.version", "v.definition"])
      .where("c.slug", "=", doc.slug)
      .executeTakeFirst();
    const now = new Date().toISOString();

    if (!row) {
      if (!doc.details) {
        return { outcome: "invalid", errors: [{ path: "slug", message: `There is no consultation "${doc.slug}" yet; to create it, give it a title (--title "…")` }] } as const;
      }
      const { id, version } = await insertConsultation(trx, { slug: doc.slug, ...doc.details, definition });
      return { outcome: "created", id, version } as const;
    }

    if (row.version === null || row.definition === null) {
      await trx.updateTable("consultations").set({ draft_definition: JSON.stringify(definition), updated_at: now }).where("id", "=", row.id).execute();
      return { outcome: "draft_saved", id: row.id } as const;
    }

    const current = ConsultationDefinitionSchema.parse(JSON.parse(row.definition));
    if (JSON.stringify(current) === JSON.stringify(definition)) return { outcome: "unchanged", id: row.id, version: row.version } as const;
    const conflicts = versionConflicts(current, definition);
    if (conflicts.length) return { outcome: "invalid", errors: conflicts } as const;
    await trx.updateTable("consultations").set({ draft_definition: JSON.stringify(definition), updated_at: now }).where("id", "=", row.id).execute();
    const { version } = await publishVersionIn(trx, row.id, definition);
    const counted = await trx
      .selectFrom("responses")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("consultation_id", "=", row.id)
      .executeTakeFirstOrThrow();
    return { outcome: "new_version", id: row.id, version, responses: Number(counted.n) } as const;
  });
}

/** The definition document residents answer now (or the working copy of a draft), for consultation:export. */
export async function exportDefinition(
  db: Kysely<Database>,
  { slug, version }: { slug: string; version?: number },
): Promise<{ definition: ConsultationDefinition; version: number | null } | null> {
  const c = await db.selectFrom("consultations").select(["id", "draft_definition", "current_version_id"]).where("slug", "=", slug).executeTakeFirst();
  if (!c) return null;
  let query = db.selectFrom("consultation_versions").select(["version", "definition"]).where("consultation_id", "=", c.id);
  query = version === undefined ? query.where("id", "=", c.current_version_id ?? "") : query.where("version", "=", version);
  const row = await query.executeTakeFirst();
  if (row) return { definition: ConsultationDefinitionSchema.parse(JSON.parse(row.definition)), version: row.version };
  if (version !== undefined) return null;
  return { definition: ConsultationDefinitionSchema.parse(JSON.parse(c.draft_definition)), version: null };
}


/**
 * Puts a consultation live with the given dates in one transaction: a draft that has never been
 * published has its working copy frozen as version 1 at the same time.
 */
export async function setLiveWithDates(
  db: Kysely<Database>,
  { id, opensAt, closesAt }: { id: string; opensAt: string | null; closesAt: string | null },
): Promise<{ publishedVersion: number | null }> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable("consultations").set({ opens_at: opensAt, closes_at: closesAt, updated_at: new Date().toISOString() }).where("id", "=", id).execute();
    const row = await trx.selectFrom("consultations").select(["current_version_id", "draft_definition"]).where("id", "=", id).executeTakeFirstOrThrow();
    if (row.current_version_id) return { publishedVersion: null };
    const { version } = await publishVersionIn(trx, id, ConsultationDefinitionSchema.parse(JSON.parse(row.draft_definition)));
    return { publishedVersion: version };
  });
}

/** Makes a change that lifecycle/transitions.ts has allowed; says which version going live published, if any. */
export async function applyLifecycleChange(db: Kysely<Database>, { id, change }: { id: string; change: LifecycleChange }): Promise<{ publishedVersion: number | null }> {
  switch (change.kind) {
    case "live":
      return setLiveWithDates(db, { id, opensAt: change.opensAt, closesAt: change.closesAt });
    case "dates":
      await setConsultationDates(db, { id, opensAt: change.opensAt, closesAt: change.closesAt });
      return { publishedVersion: null };
    case "results":
      await setResultsPublished(db, { id, whatWeDid: change.whatWeDid, published: change.published });
      return { publishedVersion: null };
  }
}
