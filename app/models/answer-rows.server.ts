import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { aloneIn } from "../../db/connection";
import { answerRows, type Answers } from "~/responding/answers";

/**
 * Answer rows (the `answers` table: one row per answer, option or item, with two indexes and the
 * written-answer search) are what coding, the written answers, postcode re-derivation and the
 * GROUP BY recounts read. Nothing a resident waits for reads them: the results come from the
 * maintained counts and the column store, both kept from the answers themselves. So a submit
 * stores the answers as JSON (responses.answers_json) with one line in answer_rows_pending, and
 * the rows are written here afterwards, a batch of responses to a transaction: one commit for
 * a hundred responses rather than a hundred. Writing them in the submit was the largest part of
 * its time (docs/benchmarks.md, "Issue 17").
 *
 * Each server process writes them in the background within moments (writeInBackground). A reader
 * that needs every stored response's rows calls answerRowsCurrent first, so what it reads is
 * never behind what was stored before it asked.
 */

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

const INSERT_CHUNK = 500;
/** Responses a reader writes per transaction. */
const READER_BATCH = 1_000;

/**
 * Writes the rows of up to `batch` pending responses (of one consultation or any; up to line
 * `upTo` if given) inside `trx`, and returns how many were taken. Taking them is deleting their
 * lines (DELETE … RETURNING), one writer at a time: SQLite's write lock or, on PostgreSQL, an
 * advisory lock. Without it two PostgreSQL writers locked the same lines in different orders
 * and deadlocked (a test with three writers did, now and then); with it a second writer waits,
 * then finds those lines gone, so no response gets its rows twice.
 */
export async function writePendingBatch(trx: Trx, { consultationId, upTo, batch }: { consultationId?: string; upTo?: number; batch: number }): Promise<number> {
  await aloneIn(trx, "answer rows");
  let oldest = trx.selectFrom("answer_rows_pending").select("seq").orderBy("seq").limit(batch);
  if (consultationId) oldest = oldest.where("consultation_id", "=", consultationId);
  if (upTo !== undefined) oldest = oldest.where("seq", "<=", upTo);
  const taken = await trx.deleteFrom("answer_rows_pending").where("seq", "in", oldest).returning("response_id").execute();
  if (!taken.length) return 0;
  const rows: Database["answers"][] = [];
  for (let i = 0; i < taken.length; i += INSERT_CHUNK) {
    const responses = await trx
      .selectFrom("responses")
      .select(["id", "consultation_id", "answers_json"])
      .where(
        "id",
        "in",
        taken.slice(i, i + INSERT_CHUNK).map((t) => t.response_id),
      )
      .execute();
    // A response deleted since (retention) simply has no rows to write.
    for (const r of responses) {
      // Written by submitResponse from answers it had just validated, as responses-stream reads it.
      const answers = JSON.parse(r.answers_json) as Answers;
      for (const [questionId, answer] of Object.entries(answers)) {
        for (const row of answerRows(questionId, answer)) rows.push({ ...row, response_id: r.id, consultation_id: r.consultation_id });
      }
    }
  }
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx.insertInto("answers").values(rows.slice(i, i + INSERT_CHUNK)).execute();
  return taken.length;
}

/**
 * The last line pending now, and whether any line up to it is still pending. A writer that has to
 * leave nothing behind works up to the first: a batch can come back short when another process
 * took some of its lines (PostgreSQL), so "short" does not mean "done", and lines added after it
 * started are not its business.
 */
function lastPending(db: Db | Trx, consultationId: string | undefined) {
  let q = db.selectFrom("answer_rows_pending").select((eb) => eb.fn.max("seq").as("seq"));
  if (consultationId) q = q.where("consultation_id", "=", consultationId);
  return q.executeTakeFirst().then((r) => (r?.seq === null || r?.seq === undefined ? null : Number(r.seq)));
}
function anyPending(db: Db | Trx, consultationId: string | undefined, upTo: number) {
  let q = db.selectFrom("answer_rows_pending").select("seq").where("seq", "<=", upTo).limit(1);
  if (consultationId) q = q.where("consultation_id", "=", consultationId);
  return q.executeTakeFirst().then(Boolean);
}

/** Writes every pending response's rows within `trx` (for a transaction that then reads them). */
export async function writeAllPendingIn(trx: Trx, { consultationId }: { consultationId?: string } = {}): Promise<number> {
  const upTo = await lastPending(trx, consultationId);
  let total = 0;
  while (upTo !== null && (await anyPending(trx, consultationId, upTo))) total += await writePendingBatch(trx, { consultationId, upTo, batch: READER_BATCH });
  return total;
}

/**
 * Makes the answer rows of one consultation (or all) current: afterwards every response stored
 * before the call has its rows. Looks first, so that the usual case (nothing pending) takes no
 * write lock; then a batch to a transaction.
 */
export async function answerRowsCurrent(db: Db, { consultationId }: { consultationId?: string } = {}): Promise<void> {
  const upTo = await lastPending(db, consultationId);
  if (upTo === null) return;
  while (await anyPending(db, consultationId, upTo)) await db.transaction().execute((trx) => writePendingBatch(trx, { consultationId, upTo, batch: READER_BATCH }));
}

/**
 * Writes pending rows every `everyMs`, `batch` responses to a transaction so that a submit
 * waiting for the write lock waits for a short one, until stopped. A failure is reported and
 * tried again at the next turn: the lines stay until their rows are written, so nothing is lost
 * when a process dies (the next one, or the next reader, writes them).
 */
export function writeInBackground(db: Db, { everyMs = 200, batch = 100, onError }: { everyMs?: number; batch?: number; onError: (error: unknown) => void }) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const turn = async () => {
    try {
      while (!stopped) {
        const pending = await db.selectFrom("answer_rows_pending").select("seq").limit(1).executeTakeFirst();
        if (!pending) break;
        const n = await db.transaction().execute((trx) => writePendingBatch(trx, { batch }));
        if (n < batch) break;
        // Let requests in between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      if (!stopped) onError(error);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = turn().finally(schedule);
    }, everyMs);
    timer.unref();
  };
  schedule();
  return {
    /** Stops after the batch in hand, if any. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
