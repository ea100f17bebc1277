import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { answerRows, BASE, countKeys, type AnswerRow, type Answers } from "~/responding/answers";
import type { CountRow } from "~/results/aggregate";

export const CHANNELS = ["online", "paper", "event", "phone"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Pseudo-question under which response totals per channel are counted. */
export const RESPONSES_KEY = "_responses";

export interface NewResponse {
  consultationId: string;
  versionId: string;
  channel: Channel;
  answers: Answers;
  /** The submission token's nonce: spent in the same transaction, so a replay records nothing. */
  nonce: string;
  tokenExpiresAt: string;
  /** Held apart (not counted) with a reason, e.g. "completed too fast". */
  excludedReason?: string | null;
  draftId?: string;
  now?: Date;
}

export type SubmitOutcome = { outcome: "recorded"; responseId: string } | { outcome: "duplicate" };

const CHUNK = 500;

/**
 * Stores one response atomically: spends the token, inserts the response, its answer rows and
 * (when counted) its contribution to the maintained counts, and deletes the draft. Either all
 * of it happens or none of it does.
 */
export async function submitResponse(db: Kysely<Database>, input: NewResponse): Promise<SubmitOutcome> {
  const now = input.now ?? new Date();
  const rows: AnswerRow[] = Object.entries(input.answers).flatMap(([questionId, answer]) => answerRows(questionId, answer));
  const counted = !input.excludedReason;
  const responseId = randomUUID();

  return db.transaction().execute(async (trx) => {
    const spent = await trx
      .insertInto("spent_tokens")
      .values({ nonce: input.nonce, expires_at: input.tokenExpiresAt })
      .onConflict((oc) => oc.column("nonce").doNothing())
      .returning("nonce")
      .executeTakeFirst();
    if (!spent) return { outcome: "duplicate" } as const;

    await trx
      .insertInto("responses")
      .values({
        id: responseId,
        consultation_id: input.consultationId,
        version_id: input.versionId,
        channel: input.channel,
        // The date only: a timestamp would help single a respondent out.
        submitted_on: now.toISOString().slice(0, 10),
        status: counted ? "counted" : "excluded",
        excluded_reason: input.excludedReason ?? null,
        answers_json: JSON.stringify(input.answers),
      })
      .execute();

    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto("answers")
        .values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, response_id: responseId, consultation_id: input.consultationId })))
        .execute();
    }

    if (counted) {
      const keys = [
        ...countKeys(rows),
        { question_id: RESPONSES_KEY, item_id: "", option_id: BASE },
        { question_id: RESPONSES_KEY, item_id: "", option_id: input.channel },
      ].sort((a, b) => (a.question_id + "\u0000" + a.item_id + "\u0000" + a.option_id).localeCompare(b.question_id + "\u0000" + b.item_id + "\u0000" + b.option_id));
      // Sorted so that concurrent PostgreSQL transactions lock counter rows in the same order.
      for (let i = 0; i < keys.length; i += CHUNK) {
        await trx
          .insertInto("answer_counts")
          .values(keys.slice(i, i + CHUNK).map((k) => ({ ...k, consultation_id: input.consultationId, n: 1 })))
          .onConflict((oc) =>
            oc.columns(["consultation_id", "question_id", "item_id", "option_id"]).doUpdateSet({ n: sql`answer_counts.n + excluded.n` }),
          )
          .execute();
      }
    }

    if (input.draftId) await trx.deleteFrom("drafts").where("id", "=", input.draftId).execute();
    return { outcome: "recorded", responseId } as const;
  });
}

/** The counts maintained at insert time: what the results pages read. */
export async function readCounts(db: Kysely<Database>, { consultationId }: { consultationId: string }): Promise<CountRow[]> {
  return db
    .selectFrom("answer_counts")
    .select(["question_id", "item_id", "option_id", "n"])
    .where("consultation_id", "=", consultationId)
    .execute();
}

/**
 * The same counts recomputed from scratch with GROUP BY over the answer rows of counted
 * responses. Used to prove the maintained counts exact, and to rebuild them.
 */
export async function recountFromAnswers(db: Kysely<Database>, { consultationId }: { consultationId: string }): Promise<CountRow[]> {
  const counted = db
    .selectFrom("answers as a")
    .innerJoin("responses as r", "r.id", "a.response_id")
    .where("a.consultation_id", "=", consultationId)
    .where("r.status", "=", "counted");

  const [questionBases, itemBases, options, channels] = await Promise.all([
    counted
      .select((eb) => ["a.question_id", sql<string>`''`.as("item_id"), sql<string>`${BASE}`.as("option_id"), eb.fn.count<number>("a.response_id").distinct().as("n")])
      .groupBy("a.question_id")
      .execute(),
    counted
      .where("a.item_id", "<>", "")
      .select((eb) => ["a.question_id", "a.item_id", sql<string>`${BASE}`.as("option_id"), eb.fn.count<number>("a.response_id").distinct().as("n")])
      .groupBy(["a.question_id", "a.item_id"])
      .execute(),
    counted
      .where("a.option_id", "<>", "")
      .select((eb) => ["a.question_id", "a.item_id", "a.option_id", eb.fn.countAll<number>().as("n")])
      .groupBy(["a.question_id", "a.item_id", "a.option_id"])
      .execute(),
    db
      .selectFrom("responses")
      .where("consultation_id", "=", consultationId)
      .where("status", "=", "counted")
      .select((eb) => ["channel", eb.fn.countAll<number>().as("n")])
      .groupBy("channel")
      .execute(),
  ]);
  const total = channels.reduce((s, c) => s + Number(c.n), 0);
  const responseRows: CountRow[] = channels.map((c) => ({ question_id: RESPONSES_KEY, item_id: "", option_id: c.channel, n: Number(c.n) }));
  if (total > 0) responseRows.push({ question_id: RESPONSES_KEY, item_id: "", option_id: BASE, n: total });
  return [...questionBases, ...itemBases, ...options, ...responseRows].map((r) => ({ ...r, n: Number(r.n) }));
}

export interface ResponseTotals {
  counted: number;
  byChannel: Record<string, number>;
  excluded: { reason: string; n: number }[];
}

export async function responseTotals(db: Kysely<Database>, { consultationId }: { consultationId: string }): Promise<ResponseTotals> {
  const [channelRows, excluded] = await Promise.all([
    db
      .selectFrom("answer_counts")
      .select(["option_id", "n"])
      .where("consultation_id", "=", consultationId)
      .where("question_id", "=", RESPONSES_KEY)
      .execute(),
    db
      .selectFrom("responses")
      .where("consultation_id", "=", consultationId)
      .where("status", "=", "excluded")
      .select((eb) => ["excluded_reason", eb.fn.countAll<number>().as("n")])
      .groupBy("excluded_reason")
      .execute(),
  ]);
  const byChannel: Record<string, number> = {};
  let counted = 0;
  for (const r of channelRows) {
    if (r.option_id === BASE) counted = Number(r.n);
    else byChannel[r.option_id] = Number(r.n);
  }
  return { counted, byChannel, excluded: excluded.map((e) => ({ reason: e.excluded_reason ?? "unknown", n: Number(e.n) })) };
}

export async function isTokenSpent(db: Kysely<Database>, { nonce }: { nonce: string }): Promise<boolean> {
  const row = await db.selectFrom("spent_tokens").select("nonce").where("nonce", "=", nonce).executeTakeFirst();
  return Boolean(row);
}

/**
 * Retention: deletes the individual responses (and their answer rows) of consultations that
 * closed before `closedBefore`. The maintained counts are aggregates, not personal data, so they
 * stay: published results and evidence keep working, while breakdowns and raw exports of those
 * consultations become empty. Returns what was deleted, per consultation.
 */
export async function deleteResponsesOfConsultationsClosedBefore(
  db: Kysely<Database>,
  { closedBefore, dryRun = false }: { closedBefore: Date; dryRun?: boolean },
): Promise<{ consultationId: string; title: string; responses: number }[]> {
  const due = await db
    .selectFrom("consultations as c")
    .innerJoin("responses as r", "r.consultation_id", "c.id")
    .select((eb) => ["c.id", "c.title", eb.fn.countAll<number>().as("n")])
    .where("c.closes_at", "is not", null)
    .where("c.closes_at", "<", closedBefore.toISOString())
    .groupBy(["c.id", "c.title"])
    .execute();
  if (!dryRun) {
    for (const c of due) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("answers").where("consultation_id", "=", c.id).execute();
        await trx.deleteFrom("responses").where("consultation_id", "=", c.id).execute();
      });
    }
  }
  return due.map((c) => ({ consultationId: c.id, title: c.title, responses: Number(c.n) }));
}
