import type { Kysely } from "kysely";

// Paper, out and in. consultation_paper holds what staff set for the printed questionnaire (the
// return address). drafts.not_answered lists the questions a staff member recorded as "Not
// answered" while typing in a paper, event or phone response (a JSON array of question ids), so
// a required question left blank on the form is stored as unanswered, never invented. Frozen:
// never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("consultation_paper")
    .addColumn("consultation_id", "text", (c) => c.primaryKey().references("consultations.id").onDelete("cascade"))
    .addColumn("return_address", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("drafts").addColumn("not_answered", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("drafts").dropColumn("not_answered").execute();
  await db.schema.dropTable("consultation_paper").ifExists().execute();
}
