import type { Kysely } from "kysely";

// Coded themes broken down by a group (an area, an age band) start from the group's answers and
// look up each respondent's codes: an index on codings by answer, with the code and consultation
// so the lookup never reads the table, makes each lookup one seek. It leads with response_id so
// that it never competes with the primary key for a question's range (a count per code).
// It takes over from codings_response (its first three columns), which goes. codings holds coded
// answers only, so the index is small beside the answers table. Frozen: never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("codings_answer").on("codings").columns(["response_id", "question_id", "pass", "code_id", "consultation_id"]).execute();
  await db.schema.dropIndex("codings_response").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("codings_response").on("codings").columns(["response_id", "question_id", "pass"]).execute();
  await db.schema.dropIndex("codings_answer").ifExists().execute();
}
