import type { Kysely } from "kysely";

// Frozen in time: this file must never import app code. Column types are chosen to mean the
// same on SQLite and PostgreSQL (text ids, ISO-8601 text dates, JSON as text).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("consultations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("opens_at", "text")
    .addColumn("closes_at", "text")
    .addColumn("draft_definition", "text", (c) => c.notNull())
    .addColumn("current_version_id", "text")
    .addColumn("results_published_at", "text")
    .addColumn("what_we_did", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("consultation_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("consultation_versions_consultation_version_unique", ["consultation_id", "version"])
    .execute();

  await db.schema
    .createTable("responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id").onDelete("cascade"))
    .addColumn("version_id", "text", (c) => c.notNull().references("consultation_versions.id"))
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("submitted_on", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("excluded_reason", "text")
    .addColumn("answers_json", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("responses_consultation_status")
    .on("responses")
    .columns(["consultation_id", "status", "channel"])
    .execute();

  await db.schema
    .createTable("answers")
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("consultation_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("option_id", "text", (c) => c.notNull())
    .addColumn("value_num", "double precision")
    .addColumn("value_text", "text")
    .execute();
  await db.schema
    .createIndex("answers_question_option")
    .on("answers")
    .columns(["consultation_id", "question_id", "item_id", "option_id", "response_id"])
    .execute();
  await db.schema.createIndex("answers_response").on("answers").column("response_id").execute();

  // Counts maintained in the same transaction as each counted response, so results at a
  // million responses are a lookup rather than a scan. A full recount must always agree.
  await db.schema
    .createTable("answer_counts")
    .addColumn("consultation_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("option_id", "text", (c) => c.notNull())
    .addColumn("n", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("answer_counts_pk", ["consultation_id", "question_id", "item_id", "option_id"])
    .execute();

  await db.schema
    .createTable("drafts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id").onDelete("cascade"))
    .addColumn("version_id", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("drafts_expires").on("drafts").column("expires_at").execute();

  // Outward code → local authority and area; ships as db/postcode-districts.csv, replaceable by staff.
  await db.schema
    .createTable("postcode_districts")
    .addColumn("outward", "text", (c) => c.primaryKey())
    .addColumn("authority", "text", (c) => c.notNull())
    .addColumn("area", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("spent_tokens")
    .addColumn("nonce", "text", (c) => c.primaryKey())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["spent_tokens", "postcode_districts", "drafts", "answer_counts", "answers", "responses", "consultation_versions", "consultations"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
