import { createHash } from "node:crypto";
import { answerRowsCurrent } from "~/models/answer-rows.server";
import { sql } from "kysely";
import { answerRows, AnswersSchema } from "~/responding/answers";
import type { CountRow } from "~/results/aggregate";
import { readCounts, recountFromAnswers } from "~/models/answer-counts.server";
import type { DbHandle } from "../../../db/connection";

/** Checks on a database after a crash, a restore or an attack: read straight from the tables. */

const key = (r: CountRow) => `${r.question_id}\u0000${r.item_id}\u0000${r.option_id}\u0000${Number(r.n)}`;
export const sortedCounts = (rows: CountRow[]) => rows.filter((r) => Number(r.n) !== 0).map(key).sort();

export interface Consistency {
  responses: number;
  /** Responses whose stored answer rows differ in number from their answers_json copy. */
  halfWritten: string[];
  /** Consultations whose maintained counts differ from a full GROUP BY recount. */
  countMismatches: string[];
}

export async function consistency(handle: DbHandle): Promise<Consistency> {
  const db = handle.db;
  // What the next process to start would do first: write the rows of responses stored without them.
  await answerRowsCurrent(db);
  const responses = await db.selectFrom("responses").select(["id", "answers_json"]).execute();
  const perResponse = await db
    .selectFrom("answers")
    .select((eb) => ["response_id", eb.fn.countAll<number>().as("n")])
    .groupBy("response_id")
    .execute();
  const stored = new Map(perResponse.map((r) => [r.response_id, Number(r.n)]));
  const halfWritten = responses
    .filter((r) => {
      const answers = AnswersSchema.parse(JSON.parse(r.answers_json));
      const expected = Object.entries(answers).reduce((n, [q, a]) => n + answerRows(q, a).length, 0);
      return (stored.get(r.id) ?? 0) !== expected;
    })
    .map((r) => r.id);
  const consultations = await db.selectFrom("consultations").select("id").execute();
  const countMismatches: string[] = [];
  for (const { id } of consultations) {
    const [maintained, recount] = await Promise.all([readCounts(db, { consultationId: id }), recountFromAnswers(db, { consultationId: id })]);
    if (JSON.stringify(sortedCounts(maintained)) !== JSON.stringify(sortedCounts(recount))) countMismatches.push(id);
  }
  return { responses: responses.length, halfWritten, countMismatches };
}

/** How many stored answers carry each marker (the unique comment a virtual resident typed). */
export async function markerCounts(handle: DbHandle, question = "comments"): Promise<Map<string, number>> {
  await answerRowsCurrent(handle.db);
  const rows = await handle.db
    .selectFrom("answers")
    .select((eb) => ["value_text", eb.fn.countAll<number>().as("n")])
    .where("question_id", "=", question)
    .groupBy("value_text")
    .execute();
  return new Map(rows.map((r) => [r.value_text ?? "", Number(r.n)]));
}

export async function integrityCheck(handle: DbHandle): Promise<string> {
  if (!handle.sqlite) throw new Error("integrity_check is SQLite only");
  return String(handle.sqlite.pragma("integrity_check", { simple: true }));
}

async function tableNames(handle: DbHandle): Promise<string[]> {
  if (handle.dialect === "sqlite") {
    return handle.sqlite!.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all().map((r) => (r as { name: string }).name);
  }
  const { rows } = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`.execute(handle.db);
  return rows.map((r) => r.table_name);
}

/** Row count and a SHA-256 over every row of every table (order-independent). */
export async function snapshot(handle: DbHandle, { exclude = [] as string[] } = {}): Promise<Record<string, { rows: number; sha256: string }>> {
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const table of (await tableNames(handle)).sort()) {
    if (exclude.includes(table)) continue;
    const rows = await handle.db.selectFrom(table as never).selectAll().execute();
    const lines = rows.map((r) => JSON.stringify(Object.entries(r as object).sort(([a], [b]) => a.localeCompare(b)))).sort();
    out[table] = { rows: rows.length, sha256: createHash("sha256").update(lines.join("\n")).digest("hex") };
  }
  return out;
}
