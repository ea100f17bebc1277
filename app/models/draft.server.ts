import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/schema";
import { AnswersSchema, type Answers } from "~/responding/answers";
import type { DraftChannel } from "~/responding/channels";

/**
 * Answers in progress live in a short-lived draft row (not in `responses`) until the final
 * submit, which deletes it in the same transaction. The browser holds only the draft's random
 * id, in a signed HttpOnly cookie. Drafts are shared by every app instance through the database.
 */

const DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface Draft {
  id: string;
  consultationId: string;
  versionId: string;
  channel: DraftChannel;
  answers: Answers;
  startedAt: string;
  /** Staff entry: questions recorded as "Not answered" (empty for residents). */
  notAnswered: string[];
}

export async function createDraft(
  db: Kysely<Database>,
  { consultationId, versionId, channel, now = new Date() }: { consultationId: string; versionId: string; channel: DraftChannel; now?: Date },
): Promise<Draft> {
  const draft = { id: randomUUID(), consultationId, versionId, channel, answers: {}, startedAt: now.toISOString(), notAnswered: [] };
  // Tidy as we go: expired drafts and spent tokens are never needed again.
  await db.deleteFrom("drafts").where("expires_at", "<", now.toISOString()).execute();
  await db.deleteFrom("spent_tokens").where("expires_at", "<", now.toISOString()).execute();
  await db
    .insertInto("drafts")
    .values({
      id: draft.id,
      consultation_id: consultationId,
      version_id: versionId,
      channel,
      answers: "{}",
      started_at: draft.startedAt,
      expires_at: new Date(now.getTime() + DRAFT_LIFETIME_MS).toISOString(),
    })
    .execute();
  return draft;
}

export async function getDraft(
  db: Kysely<Database>,
  { id, consultationId, now = new Date() }: { id: string; consultationId: string; now?: Date },
): Promise<Draft | null> {
  const row = await db
    .selectFrom("drafts")
    .select(["id", "consultation_id", "version_id", "channel", "answers", "started_at", "not_answered"])
    .where("id", "=", id)
    .where("consultation_id", "=", consultationId)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  if (!row) return null;
  const answers = AnswersSchema.safeParse(JSON.parse(row.answers));
  const notAnswered = z.array(z.string()).safeParse(row.not_answered ? JSON.parse(row.not_answered) : []);
  return {
    id: row.id,
    consultationId: row.consultation_id,
    versionId: row.version_id,
    channel: row.channel,
    answers: answers.success ? answers.data : {},
    startedAt: row.started_at,
    notAnswered: notAnswered.success ? notAnswered.data : [],
  };
}

export async function saveDraftAnswers(db: Kysely<Database>, { id, answers, notAnswered }: { id: string; answers: Answers; notAnswered?: string[] }) {
  await db
    .updateTable("drafts")
    .set({ answers: JSON.stringify(answers), ...(notAnswered ? { not_answered: JSON.stringify(notAnswered) } : {}) })
    .where("id", "=", id)
    .execute();
}

/** Drafts not yet expired, across every consultation (the cap on live drafts, respond.server.ts). */
export async function countLiveDrafts(db: Kysely<Database>, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  const row = await db
    .selectFrom("drafts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
