import type { Kysely } from "kysely";

// Coded themes broken down by a group (an area, an age band, the channel) start from the group's
// answers and look up each respondent's codes: an index on codings by answer (and code, so the
// lookup never reads the table) turns each lookup into one seek. codings holds coded answers
// only, so the index is small beside the answers table. Frozen: never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("codings_answer").on("codings").columns(["consultation_id", "question_id", "pass", "response_id", "code_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("codings_answer").ifExists().execute();
}
