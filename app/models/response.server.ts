import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { aloneIn } from "../../db/connection";
import { answerRows, type AnswerRow, type Answers } from "~/responding/answers";
import type { Channel } from "~/responding/channels";
import { addToCounts } from "./answer-counts.server";
import { writeAllPendingIn } from "./answer-rows.server";

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

/**
 * Stores one response atomically: spends the token, inserts the response (its answers as JSON,
 * and a line saying its answer rows are still to be written) and (when counted) its
 * contribution to the maintained counts, and deletes the draft. Either all of it happens or none
 * of it does.
 */
export async function submitResponse(db: Kysely<Database>, input: NewResponse): Promise<SubmitOutcome> {
  return db.transaction().execute((trx) => insertResponse(trx, input));
}

/**
 * Many responses in one transaction (a spreadsheet of paper responses): all are stored, or, if
 * anything fails, none is.
 */
export async function submitResponses(db: Kysely<Database>, inputs: NewResponse[]): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let recorded = 0;
    for (const input of inputs) {
      const outcome = await insertResponse(trx, input);
      if (outcome.outcome !== "recorded") throw new Error("A response in the import was already recorded; nothing has been stored");
      recorded++;
    }
    // An import is one transaction already: its rows go with it, so they are there when it is.
    for (const consultationId of new Set(inputs.map((i) => i.consultationId))) await writeAllPendingIn(trx, { consultationId });
    return recorded;
  });
}

async function insertResponse(trx: Transaction<Database>, input: NewResponse): Promise<SubmitOutcome> {
  const now = input.now ?? new Date();
  const rows: AnswerRow[] = Object.entries(input.answers).flatMap(([questionId, answer]) => answerRows(questionId, answer));
  const counted = !input.excludedReason;
  const responseId = randomUUID();
  {
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

    // Its answer rows follow in a batch (answer-rows.server.ts); the counts need only the keys.
    await trx.insertInto("answer_rows_pending").values({ response_id: responseId, consultation_id: input.consultationId }).execute();

    if (counted) await addToCounts(trx, { consultationId: input.consultationId, rows, channel: input.channel });

    if (input.draftId) await trx.deleteFrom("drafts").where("id", "=", input.draftId).execute();
    return { outcome: "recorded", responseId } as const;
  }
}

export async function isTokenSpent(db: Kysely<Database>, { nonce }: { nonce: string }): Promise<boolean> {
  const row = await db.selectFrom("spent_tokens").select("nonce").where("nonce", "=", nonce).executeTakeFirst();
  return Boolean(row);
}

/**
 * Retention: deletes the individual responses (their answer rows and column store) of consultations that
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
        // Not while a writer is taking lines (it would lock them in another order).
        await aloneIn(trx, "answer rows");
        await trx.deleteFrom("answer_rows_pending").where("consultation_id", "=", c.id).execute();
        await trx.deleteFrom("answers").where("consultation_id", "=", c.id).execute();
        // The column store holds each response's answers as codes: it goes with them.
        await trx.deleteFrom("column_stores").where("consultation_id", "=", c.id).execute();
        await trx.deleteFrom("responses").where("consultation_id", "=", c.id).execute();
      });
    }
  }
  return due.map((c) => ({ consultationId: c.id, title: c.title, responses: Number(c.n) }));
}
