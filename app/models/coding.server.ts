import { randomUUID } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import { isChannel } from "~/responding/channels";
import { z } from "zod";
import type { Database } from "../../db/schema";
import { answerMatches } from "../../db/full-text-search";
import { applyMoves, codesFromFile, planChange, type Code, type CodebookChange, type CodebookFile } from "~/coding/codebook";
import { DEFAULT_ALPHA_THRESHOLD } from "~/coding/reliability";
import { DEFAULT_SAMPLE_FRACTION, DEFAULT_SAMPLE_MINIMUM } from "~/coding/sampling";
import { STANCES, type CodingState, type Pass, type Stance } from "~/coding/coding-state";
import type { SubgroupFilter } from "~/evidence/evidence";
import type { WorkspaceQuery } from "~/coding/workspace-query";
import { CHANNEL_TARGET_ID } from "~/evidence/evidence";
import { recordAudit } from "./audit.server";

/**
 * Codebooks, codings and coding settings. Codings have a current state per answer and pass
 * (coded_answers + codings) and an append-only history (coding_history). The server enforces
 * blind double coding here: nobody codes both passes of one answer, and the blind pass is read
 * and written only through functions that never read the main pass.
 */

type Db = Kysely<Database>;
type Trx = Transaction<Database>;
export interface Staffer {
  id: string;
  email: string;
}

export interface AnswerKey {
  consultationId: string;
  questionId: string;
  responseId: string;
}

const Strings = z.array(z.string());
const now = () => new Date().toISOString();

// Settings ------------------------------------------------------------------------------------

export interface CodingSettings {
  noPublicQuotes: boolean;
  alphaThreshold: number;
  sampleFraction: number;
  sampleMinimum: number;
  stanceQuestionIds: string[];
}

export const DEFAULT_SETTINGS: CodingSettings = {
  noPublicQuotes: false,
  alphaThreshold: DEFAULT_ALPHA_THRESHOLD,
  sampleFraction: DEFAULT_SAMPLE_FRACTION,
  sampleMinimum: DEFAULT_SAMPLE_MINIMUM,
  stanceQuestionIds: [],
};

export async function getCodingSettings(db: Db, { consultationId }: { consultationId: string }): Promise<CodingSettings> {
  const row = await db.selectFrom("coding_settings").selectAll().where("consultation_id", "=", consultationId).executeTakeFirst();
  if (!row) return DEFAULT_SETTINGS;
  return {
    noPublicQuotes: Number(row.no_public_quotes) === 1,
    alphaThreshold: Number(row.alpha_threshold),
    sampleFraction: Number(row.sample_fraction),
    sampleMinimum: Number(row.sample_minimum),
    stanceQuestionIds: Strings.parse(JSON.parse(row.stance_question_ids)),
  };
}

export async function saveCodingSettings(
  db: Db,
  { consultationId, settings, staff }: { consultationId: string; settings: CodingSettings; staff: Staffer | null }
): Promise<void> {
  const values = {
    no_public_quotes: settings.noPublicQuotes ? 1 : 0,
    alpha_threshold: settings.alphaThreshold,
    sample_fraction: settings.sampleFraction,
    sample_minimum: settings.sampleMinimum,
    stance_question_ids: JSON.stringify(settings.stanceQuestionIds),
    updated_at: now(),
  };
  await db
    .insertInto("coding_settings")
    .values({ consultation_id: consultationId, ...values })
    .onConflict((oc) => oc.column("consultation_id").doUpdateSet(values))
    .execute();
  await recordAudit(db, {
    staff,
    action: "coding.settings_changed",
    consultationId,
    detail: `public quotes ${settings.noPublicQuotes ? "never allowed" : "allowed after approval"}; provisional below α ${
      settings.alphaThreshold
    }; sample ${Math.round(settings.sampleFraction * 100)}%, at least ${settings.sampleMinimum}`,
  });
}

// Codebook ------------------------------------------------------------------------------------

export interface Codebook {
  id: string;
  consultationId: string;
  name: string;
  version: number;
  codes: Code[];
}

function toCode(r: Database["codes"] extends infer T ? (T extends object ? { [K in keyof T]: T[K] } : never) : never): Code {
  return {
    id: r.id,
    key: r.key,
    parentId: r.parent_id,
    name: r.name,
    definition: r.definition,
    include: r.include_notes,
    exclude: r.exclude_notes,
    examples: Strings.parse(JSON.parse(r.examples)),
    rules: Strings.parse(JSON.parse(r.rules)),
    planSection: r.plan_section,
    status: r.status === "retired" ? "retired" : "active",
    replacedBy: Strings.parse(JSON.parse(r.replaced_by)),
    position: Number(r.position),
  };
}

function codeRow(codebookId: string, c: Code) {
  return {
    id: c.id,
    codebook_id: codebookId,
    key: c.key,
    parent_id: c.parentId,
    name: c.name,
    definition: c.definition,
    include_notes: c.include,
    exclude_notes: c.exclude,
    examples: JSON.stringify(c.examples),
    rules: JSON.stringify(c.rules),
    plan_section: c.planSection,
    status: c.status,
    replaced_by: JSON.stringify(c.replacedBy),
    position: c.position,
    updated_at: now(),
  };
}

export async function getCodebook(db: Db | Trx, { consultationId }: { consultationId: string }): Promise<Codebook | null> {
  const book = await db.selectFrom("codebooks").selectAll().where("consultation_id", "=", consultationId).executeTakeFirst();
  if (!book) return null;
  const codes = await db.selectFrom("codes").selectAll().where("codebook_id", "=", book.id).orderBy("position").execute();
  return { id: book.id, consultationId, name: book.name, version: Number(book.version), codes: codes.map(toCode) };
}

async function addChange(
  trx: Trx,
  {
    codebookId,
    version,
    staff,
    summary,
    change,
    moved,
  }: { codebookId: string; version: number; staff: Staffer | null; summary: string; change: unknown; moved: number }
) {
  await trx
    .insertInto("codebook_changes")
    .values({
      id: randomUUID(),
      codebook_id: codebookId,
      version,
      at: now(),
      staff_id: staff?.id ?? null,
      staff_email: staff?.email ?? null,
      summary,
      change: JSON.stringify(change),
      codings_moved: moved,
    })
    .execute();
}

/**
 * A codebook for a consultation from a file (the starting codebook, an import, or another
 * consultation's codebook). A consultation whose codebook has codings keeps it: codes are then
 * changed one at a time, so that codings follow.
 */
export async function createCodebook(
  db: Db,
  { consultationId, file, staff, source }: { consultationId: string; file: CodebookFile; staff: Staffer | null; source: string }
): Promise<{ ok: true; codebook: Codebook } | { ok: false; message: string }> {
  const result = await db.transaction().execute(async (trx) => {
    const existing = await getCodebook(trx, { consultationId });
    if (existing) {
      const coded = await trx.selectFrom("coded_answers").select("response_id").where("consultation_id", "=", consultationId).limit(1).executeTakeFirst();
      if (coded)
        return {
          ok: false as const,
          message:
            "This consultation's answers have been coded with its codebook, so it cannot be replaced. Change its codes one at a time instead (merge, split, rename or retire), and the codings will follow.",
        };
      await trx.deleteFrom("codebooks").where("id", "=", existing.id).execute();
    }
    const id = randomUUID();
    const version = (existing?.version ?? 0) + 1;
    await trx.insertInto("codebooks").values({ id, consultation_id: consultationId, name: file.name, version, created_at: now(), updated_at: now() }).execute();
    const codes = codesFromFile(file, randomUUID);
    for (let i = 0; i < codes.length; i += 100)
      await trx
        .insertInto("codes")
        .values(codes.slice(i, i + 100).map((c) => codeRow(id, c)))
        .execute();
    const summary = `${existing ? "Replaced the codebook with" : "Started the codebook from"} ${source} (${codes.length} codes)`;
    await addChange(trx, { codebookId: id, version, staff, summary, change: { kind: "create", source }, moved: 0 });
    return { ok: true as const, summary };
  });
  if (!result.ok) return result;
  await recordAudit(db, { staff, action: "codebook.changed", consultationId, detail: result.summary });
  return { ok: true, codebook: (await getCodebook(db, { consultationId }))! };
}

/**
 * One versioned change. Codings of merged and split codes move in the same transaction (every
 * pass, with a history entry for each answer moved); suggestions of codes no longer active go.
 */
export async function changeCodebook(
  db: Db,
  { consultationId, change, staff }: { consultationId: string; change: CodebookChange; staff: Staffer | null }
): Promise<{ ok: true; summary: string; moved: number; created: string[] } | { ok: false; field: string; message: string }> {
  const result = await db.transaction().execute(async (trx) => {
    const book = await getCodebook(trx, { consultationId });
    if (!book) return { ok: false as const, field: "codebook", message: "This consultation has no codebook yet" };
    const planned = planChange(book.codes, change, randomUUID);
    if (!planned.ok) return planned;
    const { plan } = planned;
    const before = new Map(book.codes.map((c) => [c.id, JSON.stringify(c)]));
    for (const c of plan.codes) {
      const prior = before.get(c.id);
      if (prior === JSON.stringify(c)) continue;
      const row = codeRow(book.id, c);
      if (prior === undefined) await trx.insertInto("codes").values(row).execute();
      else await trx.updateTable("codes").set(row).where("id", "=", c.id).execute();
    }
    const moved = plan.moves.length ? await moveCodings(trx, consultationId, plan.moves, staff, change.kind) : 0;
    const inactive = plan.codes.filter((c) => c.status !== "active").map((c) => c.id);
    if (inactive.length) {
      await trx.deleteFrom("coding_suggestions").where("consultation_id", "=", consultationId).where("code_id", "in", inactive).execute();
    }
    const version = book.version + 1;
    await trx.updateTable("codebooks").set({ version, updated_at: now() }).where("id", "=", book.id).execute();
    await addChange(trx, { codebookId: book.id, version, staff, summary: plan.summary, change, moved });
    return { ok: true as const, summary: plan.summary, moved, created: plan.created };
  });
  if (result.ok) {
    await recordAudit(db, {
      staff,
      action: "codebook.changed",
      consultationId,
      detail: `${result.summary}${result.moved ? ` (${result.moved} codings moved)` : ""}`,
    });
  }
  return result;
}

async function moveCodings(trx: Trx, consultationId: string, moves: { from: string; to: string }[], staff: Staffer | null, reason: string): Promise<number> {
  const from = moves.map((m) => m.from);
  const affected = await trx
    .selectFrom("codings")
    .select(["question_id", "response_id", "pass"])
    .distinct()
    .where("consultation_id", "=", consultationId)
    .where("code_id", "in", from)
    .execute();
  for (const a of affected) {
    const key = { consultationId, questionId: a.question_id, responseId: a.response_id };
    const state = await readState(trx, key, a.pass);
    if (!state) continue;
    await writeState(trx, key, a.pass, { ...state, codes: applyMoves(state.codes, moves) }, staff, reason, { keepCoder: true });
  }
  return affected.length;
}

export async function listCodebookChanges(db: Db, { codebookId, limit = 50 }: { codebookId: string; limit?: number }) {
  const rows = await db
    .selectFrom("codebook_changes")
    .select(["version", "at", "staff_email", "summary", "codings_moved"])
    .where("codebook_id", "=", codebookId)
    .orderBy("version", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ version: Number(r.version), at: r.at, staffEmail: r.staff_email, summary: r.summary, codingsMoved: Number(r.codings_moved) }));
}

/** Consultations with a codebook, to reuse one. */
export async function listCodebooks(db: Db) {
  return db
    .selectFrom("codebooks as b")
    .innerJoin("consultations as c", "c.id", "b.consultation_id")
    .select(["b.consultation_id", "c.title", "b.name", "b.version"])
    .orderBy("c.title")
    .execute();
}

// Answers -------------------------------------------------------------------------------------

export interface WrittenAnswer {
  responseId: string;
  text: string;
  /** Kinds of personal data the machine removed when it was submitted (never the values). */
  redacted: string[];
  channel: string;
  submittedOn: string;
}

const FreeTextJson = z.object({ type: z.literal("free_text"), text: z.string(), redacted: z.array(z.string()) });

/** A counted response's written answer to a free-text question. */
export async function getWrittenAnswer(db: Db | Trx, key: AnswerKey): Promise<WrittenAnswer | null> {
  const row = await db
    .selectFrom("answers as a")
    .innerJoin("responses as r", "r.id", "a.response_id")
    .select(["a.value_text", "r.answers_json", "r.channel", "r.submitted_on"])
    .where("a.response_id", "=", key.responseId)
    .where("a.consultation_id", "=", key.consultationId)
    .where("a.question_id", "=", key.questionId)
    .where("a.item_id", "=", "")
    .where("a.option_id", "=", "")
    .where("r.status", "=", "counted")
    .executeTakeFirst();
  if (!row || row.value_text === null) return null;
  const stored = FreeTextJson.safeParse((JSON.parse(row.answers_json) as Record<string, unknown>)[key.questionId]);
  return {
    responseId: key.responseId,
    text: row.value_text,
    redacted: stored.success ? stored.data.redacted : [],
    channel: row.channel,
    submittedOn: row.submitted_on,
  };
}

export async function getWrittenAnswers(
  db: Db,
  { consultationId, questionId, responseIds }: { consultationId: string; questionId: string; responseIds: string[] }
): Promise<Map<string, string>> {
  if (!responseIds.length) return new Map();
  const rows = await db
    .selectFrom("answers")
    .select(["response_id", "value_text"])
    .where("consultation_id", "=", consultationId)
    .where("question_id", "=", questionId)
    .where("item_id", "=", "")
    .where("option_id", "=", "")
    .where("response_id", "in", responseIds)
    .execute();
  return new Map(rows.map((r) => [r.response_id, r.value_text ?? ""]));
}

// Codings -------------------------------------------------------------------------------------

export interface StoredCoding extends CodingState {
  coderId: string;
  coderEmail: string | null;
  codedAt: string;
  settledAt: string | null;
}

/** One pass of an answer's coding ("main", "blind" or "first"), with its codes; null when not coded in that pass. */
export async function readState(db: Db | Trx, key: AnswerKey, pass: string): Promise<StoredCoding | null> {
  const row = await db
    .selectFrom("coded_answers as ca")
    .leftJoin("staff as s", "s.id", "ca.coder_id")
    .select(["ca.coder_id", "s.email", "ca.coded_at", "ca.stance", "ca.evidence_rich", "ca.excerpt", "ca.settled_at"])
    .where("ca.consultation_id", "=", key.consultationId)
    .where("ca.question_id", "=", key.questionId)
    .where("ca.pass", "=", pass)
    .where("ca.response_id", "=", key.responseId)
    .executeTakeFirst();
  if (!row) return null;
  const codes = await db
    .selectFrom("codings")
    .select("code_id")
    .where("response_id", "=", key.responseId)
    .where("question_id", "=", key.questionId)
    .where("pass", "=", pass)
    .where("consultation_id", "=", key.consultationId)
    .execute();
  return {
    codes: codes.map((c) => c.code_id).sort(),
    stance: (STANCES as readonly string[]).includes(row.stance ?? "") ? (row.stance as Stance) : null,
    evidenceRich: Number(row.evidence_rich) === 1,
    excerpt: row.excerpt,
    coderId: row.coder_id,
    coderEmail: row.email ?? null,
    codedAt: row.coded_at,
    settledAt: row.settled_at,
  };
}

async function writeState(
  trx: Trx,
  key: AnswerKey,
  pass: string,
  state: CodingState | null,
  staff: Staffer | null,
  reason: string,
  { keepCoder = false, settled = false }: { keepCoder?: boolean; settled?: boolean } = {}
): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's query builders share no common where/orderBy type
  const where = <Q extends { where: (...a: any[]) => Q }>(q: Q) =>
    q
      .where("consultation_id", "=", key.consultationId)
      .where("question_id", "=", key.questionId)
      .where("pass", "=", pass)
      .where("response_id", "=", key.responseId);
  const previous = await where(trx.selectFrom("coded_answers").select(["coder_id", "coded_at", "settled_by", "settled_at"])).executeTakeFirst();
  await where(trx.deleteFrom("codings")).execute();
  await where(trx.deleteFrom("coded_answers")).execute();
  const at = now();
  if (state) {
    await trx
      .insertInto("coded_answers")
      .values({
        consultation_id: key.consultationId,
        question_id: key.questionId,
        response_id: key.responseId,
        pass,
        // A merge or split moves codings but does not make them someone else's judgement.
        coder_id: keepCoder && previous ? previous.coder_id : staff?.id ?? "system",
        coded_at: keepCoder && previous ? previous.coded_at : at,
        stance: state.stance,
        evidence_rich: state.evidenceRich ? 1 : 0,
        excerpt: state.excerpt,
        settled_by: settled ? staff?.id ?? null : previous?.settled_by ?? null,
        settled_at: settled ? at : previous?.settled_at ?? null,
      })
      .execute();
    const codes = [...new Set(state.codes)];
    if (codes.length) {
      await trx
        .insertInto("codings")
        .values(codes.map((code_id) => ({ consultation_id: key.consultationId, question_id: key.questionId, response_id: key.responseId, pass, code_id })))
        .execute();
    }
  }
  const last = await trx
    .selectFrom("coding_history")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .where("response_id", "=", key.responseId)
    .where("question_id", "=", key.questionId)
    .where("pass", "=", pass)
    .executeTakeFirst();
  await trx
    .insertInto("coding_history")
    .values({
      id: randomUUID(),
      seq: Number(last?.seq ?? 0) + 1,
      consultation_id: key.consultationId,
      question_id: key.questionId,
      response_id: key.responseId,
      pass,
      at,
      staff_id: staff?.id ?? null,
      reason,
      state: state
        ? JSON.stringify({ codes: [...new Set(state.codes)].sort(), stance: state.stance, evidenceRich: state.evidenceRich, excerpt: state.excerpt })
        : null,
    })
    .execute();
}

/** The main coding of an answer (never the blind one). */
export async function getMainCoding(db: Db, key: AnswerKey): Promise<StoredCoding | null> {
  return readState(db, key, "main");
}

/**
 * The blind coding of an answer, for the blind coder's own page: it reads only the blind pass.
 * Null unless `staff` made it.
 */
export async function getOwnBlindCoding(db: Db, key: AnswerKey, staff: Staffer): Promise<StoredCoding | null> {
  const state = await readState(db, key, "blind");
  return state && state.coderId === staff.id ? state : null;
}

export type SaveOutcome = { ok: true } | { ok: false; reason: "not-an-answer" | "coded-other-pass" | "not-in-sample" | "blind-taken" | "unknown-code" };

const CODERS_APART =
  "You coded this answer in the other pass. Each answer in the double-coding sample is coded by two different analysts, so that their agreement means something.";
export const SAVE_MESSAGES: Record<Exclude<SaveOutcome, { ok: true }>["reason"], string> = {
  "not-an-answer": "There is no written answer to code at this address.",
  "coded-other-pass": CODERS_APART,
  "not-in-sample": "This answer is not in the double-coding sample.",
  "blind-taken": "Another analyst has already coded this answer blind.",
  "unknown-code": "Choose codes from the codebook's active codes.",
};

/**
 * Saves an analyst's coding of an answer in one pass. Blind double coding is enforced here: the
 * second pass exists only for answers in the sample, and no one codes both passes of an answer.
 */
export async function saveCoding(
  db: Db,
  { key, pass, staff, state }: { key: AnswerKey; pass: Pass; staff: Staffer; state: CodingState }
): Promise<SaveOutcome> {
  return db.transaction().execute(async (trx) => {
    if (!(await getWrittenAnswer(trx, key))) return { ok: false, reason: "not-an-answer" };
    const book = await getCodebook(trx, { consultationId: key.consultationId });
    const active = new Set((book?.codes ?? []).filter((c) => c.status === "active").map((c) => c.id));
    if (state.codes.some((id) => !active.has(id))) return { ok: false, reason: "unknown-code" };
    const other = await trx
      .selectFrom("coded_answers")
      .select(["coder_id", "pass"])
      .where("consultation_id", "=", key.consultationId)
      .where("question_id", "=", key.questionId)
      .where("response_id", "=", key.responseId)
      .where("pass", "in", pass === "main" ? ["blind"] : ["main", "first"])
      .execute();
    if (other.some((o) => o.coder_id === staff.id)) return { ok: false, reason: "coded-other-pass" };
    if (pass === "blind") {
      const sampled = await trx
        .selectFrom("coding_samples")
        .select("response_id")
        .where("consultation_id", "=", key.consultationId)
        .where("question_id", "=", key.questionId)
        .where("response_id", "=", key.responseId)
        .executeTakeFirst();
      if (!sampled) return { ok: false, reason: "not-in-sample" };
      const mine = await readState(trx, key, "blind");
      if (mine && mine.coderId !== staff.id) return { ok: false, reason: "blind-taken" };
    }
    await writeState(trx, key, pass, state, staff, "coded");
    return { ok: true };
  });
}

/**
 * Undoes the staff member's latest change to an answer in a pass: the state before it comes back
 * (or the answer is uncoded again), as a new history entry. False when there is nothing of
 * theirs to undo.
 */
export async function undoCoding(db: Db, { key, pass, staff }: { key: AnswerKey; pass: Pass; staff: Staffer }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const history = await trx
      .selectFrom("coding_history")
      .select(["seq", "staff_id", "state", "reason"])
      .where("response_id", "=", key.responseId)
      .where("question_id", "=", key.questionId)
      .where("pass", "=", pass)
      .where("consultation_id", "=", key.consultationId)
      .orderBy("seq", "desc")
      .limit(2)
      .execute();
    if (!history.length || history[0].staff_id !== staff.id || history[0].reason !== "coded") return false;
    const current = await readState(trx, key, pass);
    if (current && current.coderId !== staff.id) return false;
    const before = history[1]?.state ? (JSON.parse(history[1].state) as CodingState) : null;
    await writeState(trx, key, pass, before, staff, "undo");
    return true;
  });
}

/** A third analyst's decision on a disagreement becomes the main coding (see settleDisagreement). */
export async function saveSettledCoding(db: Db, { key, staff, state }: { key: AnswerKey; staff: Staffer; state: CodingState }): Promise<void> {
  await db.transaction().execute((trx) => writeState(trx, key, "main", state, staff, "settled", { settled: true }));
}

export async function codingHistory(db: Db, key: AnswerKey, pass: Pass) {
  const rows = await db
    .selectFrom("coding_history as h")
    .leftJoin("staff as s", "s.id", "h.staff_id")
    .select(["h.seq", "h.at", "s.email", "h.reason", "h.state"])
    .where("h.response_id", "=", key.responseId)
    .where("h.question_id", "=", key.questionId)
    .where("h.pass", "=", pass)
    .where("h.consultation_id", "=", key.consultationId)
    .orderBy("h.seq", "desc")
    .limit(20)
    .execute();
  return rows.map((r) => ({ at: r.at, staffEmail: r.email ?? null, reason: r.reason, codes: r.state ? (JSON.parse(r.state) as CodingState).codes : null }));
}

// The workspace's list of answers --------------------------------------------------------------

/** The workspace's filters without their raw form values. */
export type WorkspaceFilter = Omit<WorkspaceQuery, "values">;

/**
 * Respondents who answered a free-text question (counted responses), within a subgroup. The
 * question's own answer rows drive the query, in response-id order (one range of the answers
 * index, so "the next answer" is a seek); responses not counted (few) and the subgroup are
 * uncorrelated IN lists, which both databases evaluate once.
 */
function respondents(db: Db, consultationId: string, questionId: string, filter: SubgroupFilter | null) {
  let q = db
    .selectFrom("answers as a")
    .where("a.consultation_id", "=", consultationId)
    .where("a.question_id", "=", questionId)
    .where("a.item_id", "=", "")
    .where("a.option_id", "=", "")
        // "excluded" is the only other status (responses held apart): an index seek, usually empty.
    .where("a.response_id", "not in", db.selectFrom("responses").select("id").where("consultation_id", "=", consultationId).where("status", "=", "excluded"));
  if (filter && filter.questionId === CHANNEL_TARGET_ID) {
    // An id that is no channel matches no response; an empty IN () is an error on PostgreSQL.
    const channels = filter.optionIds.filter(isChannel);
    q = channels.length
      ? q.where("a.response_id", "in", db.selectFrom("responses").select("id").where("consultation_id", "=", consultationId).where("channel", "in", channels))
      : q.where(sql<boolean>`1 = 0`);
  } else if (filter) {
    q = q.where(
      "a.response_id",
      "in",
      db
        .selectFrom("answers as f")
        .select("f.response_id")
        .where("f.consultation_id", "=", consultationId)
        .where("f.question_id", "=", filter.questionId)
        .where("f.item_id", "=", filter.itemId)
        .where("f.option_id", "in", filter.optionIds),
    );
  }
  return q;
}

function matching(db: Db, consultationId: string, questionId: string, f: WorkspaceFilter) {
  let q = respondents(db, consultationId, questionId, f.subgroup).leftJoin("coding_suggestion_answers as s", (j) =>
    j.onRef("s.response_id", "=", "a.response_id").on("s.consultation_id", "=", consultationId).on("s.question_id", "=", questionId)
  );
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's query builders share no common where/orderBy type
  const codedMain = (eb: any) =>
    eb.exists(
      db
        .selectFrom("coded_answers as ca")
        .select("ca.response_id")
        .where("ca.consultation_id", "=", consultationId)
        .where("ca.question_id", "=", questionId)
        .where("ca.pass", "=", "main")
        .where("ca.response_id", "=", sql.ref<string>("a.response_id"))
    );
  if (f.status === "uncoded") q = q.where((eb) => eb.not(codedMain(eb)));
  if (f.status === "coded") q = q.where((eb) => codedMain(eb));
  if (f.codeId) {
    const codeId = f.codeId;
    q = q.where((eb) =>
      eb.exists(
        db
          .selectFrom("codings as x")
          .select("x.response_id")
          .where("x.consultation_id", "=", consultationId)
          .where("x.question_id", "=", questionId)
          .where("x.pass", "=", "main")
          .where("x.code_id", "=", codeId)
          .where("x.response_id", "=", sql.ref<string>("a.response_id"))
      )
    );
  }
  if (f.confidence === "high") q = q.where("s.top_probability", ">=", 0.8);
  if (f.confidence === "medium") q = q.where("s.top_probability", ">=", 0.5).where("s.top_probability", "<", 0.8);
  if (f.confidence === "low") q = q.where("s.top_probability", "<", 0.5);
  if (f.search) q = q.where(answerMatches(db, f.search));
  return q;
}

/** Order key: least certain first (answers without suggestions last); in a fixed order, none. */
function orderKey(order: WorkspaceFilter["order"]) {
  return order === "uncertain" ? sql<number>`coalesce(1 - s.uncertainty, 2)` : null;
}

export interface WorkspacePosition {
  total: number;
  /** 1-based position of the current answer in the filtered list (null when it is not in it). */
  position: number | null;
  current: string | null;
  previous: string | null;
  next: string | null;
}

/**
 * Where an answer stands in the filtered list, by keyset (never OFFSET): the answer asked for (or
 * the first), the one before and the one after. An answer that has just left the list (coded,
 * under "not yet coded") still finds its neighbours by its own key.
 */
export async function workspacePosition(
  db: Db,
  { consultationId, questionId, filter, at }: { consultationId: string; questionId: string; filter: WorkspaceFilter; at: string | null }
): Promise<WorkspacePosition> {
  // Least certain first needs suggestions; without any, the order is the fixed one (an index seek).
  const suggested =
    filter.order === "uncertain" &&
    Boolean(
      await db
        .selectFrom("coding_suggestion_answers")
        .select("response_id")
        .where("consultation_id", "=", consultationId)
        .where("question_id", "=", questionId)
        .limit(1)
        .executeTakeFirst(),
    );
  const key = orderKey(suggested ? "uncertain" : "fixed");
  const base = () => matching(db, consultationId, questionId, filter);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's query builders share no common where/orderBy type
  const ordered = <Q extends { orderBy: (...a: any[]) => Q }>(q: Q, direction: "asc" | "desc" = "asc") =>
    (key ? q.orderBy(key, direction) : q).orderBy("a.response_id", direction);
  const total = await countMatching(db, consultationId, questionId, filter, () =>
    base()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst(),
  );
  let current: { id: string; k: number } | null = null;
  if (at) {
    const own = await respondents(db, consultationId, questionId, null)
      .leftJoin("coding_suggestion_answers as s", (j) =>
        j.onRef("s.response_id", "=", "a.response_id").on("s.consultation_id", "=", consultationId).on("s.question_id", "=", questionId)
      )
      .select(["a.response_id", (key ?? sql<number>`0`).as("k")])
      .where("a.response_id", "=", at)
      .executeTakeFirst();
    if (own) current = { id: own.response_id, k: Number(own.k) };
  }
  const inList = current ? Boolean(await base().select("a.response_id").where("a.response_id", "=", current.id).executeTakeFirst()) : false;
  if (!current) {
    const first = await ordered(base().select(["a.response_id", (key ?? sql<number>`0`).as("k")]))
      .limit(1)
      .executeTakeFirst();
    if (!first) return { total, position: null, current: null, previous: null, next: null };
    current = { id: first.response_id, k: Number(first.k) };
  }
  const c = current;
  const after = key ? sql<boolean>`(${key} > ${c.k} OR (${key} = ${c.k} AND a.response_id > ${c.id}))` : sql<boolean>`a.response_id > ${c.id}`;
  const before = key ? sql<boolean>`(${key} < ${c.k} OR (${key} = ${c.k} AND a.response_id < ${c.id}))` : sql<boolean>`a.response_id < ${c.id}`;
  const [next, previous, earlier] = await Promise.all([
    ordered(base().select("a.response_id").where(after)).limit(1).executeTakeFirst(),
    ordered(base().select("a.response_id").where(before), "desc").limit(1).executeTakeFirst(),
    inList || !at
      ? base()
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where(before)
          .executeTakeFirst()
      : Promise.resolve(null),
  ]);
  return {
    total,
    position: earlier ? Number(earlier.n) + 1 : null,
    current: c.id,
    previous: previous?.response_id ?? null,
    next: next?.response_id ?? null,
  };
}

/** The number of answers a filter matches: from the maintained counts when it is only about coded or not. */
async function countMatching(db: Db, consultationId: string, questionId: string, f: WorkspaceFilter, count: () => Promise<{ n: number } | undefined>): Promise<number> {
  if (f.codeId || f.confidence || f.subgroup || f.search) return Number((await count())?.n ?? 0);
  const p = await codingProgress(db, { consultationId, questionId });
  return f.status === "all" ? p.answered : f.status === "coded" ? p.coded : p.answered - p.coded;
}

/** How far coding has got on a question: answered, coded (main), double-coded, sampled. */
export async function codingProgress(db: Db, { consultationId, questionId }: { consultationId: string; questionId: string }) {
  const [answered, passes, sampled] = await Promise.all([
    answeredCount(db, consultationId, questionId),
    db
      .selectFrom("coded_answers")
      .select((eb) => ["pass", eb.fn.countAll<number>().as("n")])
      .where("consultation_id", "=", consultationId)
      .where("question_id", "=", questionId)
      .groupBy("pass")
      .execute(),
    db
      .selectFrom("coding_samples")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("consultation_id", "=", consultationId)
      .where("question_id", "=", questionId)
      .executeTakeFirst(),
  ]);
  const n = (p: string) => Number(passes.find((x) => x.pass === p)?.n ?? 0);
  return {
    answered,
    coded: n("main"),
    doubleCoded: await countDoubleCoded(db, consultationId, questionId),
    blind: n("blind"),
    sampled: Number(sampled?.n ?? 0),
  };
}

/** Respondents who answered a question (counted responses), from the counts maintained on submission. */
export async function answeredCount(db: Db, consultationId: string, questionId: string): Promise<number> {
  const row = await db
    .selectFrom("answer_counts")
    .select("n")
    .where("consultation_id", "=", consultationId)
    .where("question_id", "=", questionId)
    .where("item_id", "=", "")
    .where("option_id", "=", "*")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function countDoubleCoded(db: Db, consultationId: string, questionId: string): Promise<number> {
  const row = await db
    .selectFrom("coded_answers as b")
    .innerJoin("coded_answers as m", (j) =>
      j
        .onRef("m.response_id", "=", "b.response_id")
        .onRef("m.question_id", "=", "b.question_id")
        .onRef("m.consultation_id", "=", "b.consultation_id")
        .on("m.pass", "=", "main")
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("b.consultation_id", "=", consultationId)
    .where("b.question_id", "=", questionId)
    .where("b.pass", "=", "blind")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export { respondents as respondentsToQuestion };
