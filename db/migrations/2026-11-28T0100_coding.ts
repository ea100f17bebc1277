import type { Kysely } from "kysely";
import { createAnswerTextSearch, dropAnswerTextSearch } from "../full-text-search";

// Coding free-text answers: codebooks and their change history, codings (current state per
// answer and pass, with an append-only history), suggestions kept apart from codings, the
// double-coding sample, classifier runs, quotes, per-consultation coding settings, and full-text
// search over written answers. Frozen: never import app code here (db/full-text-search.ts's
// createAnswerTextSearch is frozen with it).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("coding_settings")
    .addColumn("consultation_id", "text", (c) => c.primaryKey().references("consultations.id").onDelete("cascade"))
    // 1: never publish quotes from this consultation (e.g. a survey on violence against women and girls).
    .addColumn("no_public_quotes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("alpha_threshold", "double precision", (c) => c.notNull())
    .addColumn("sample_fraction", "double precision", (c) => c.notNull())
    .addColumn("sample_minimum", "integer", (c) => c.notNull())
    // JSON array of question ids whose answers get a stance (support / oppose / mixed / unclear).
    .addColumn("stance_question_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("codebooks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().unique().references("consultations.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("codebook_id", "text", (c) => c.notNull().references("codebooks.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("parent_id", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("include_notes", "text", (c) => c.notNull())
    .addColumn("exclude_notes", "text", (c) => c.notNull())
    .addColumn("examples", "text", (c) => c.notNull())
    .addColumn("rules", "text", (c) => c.notNull())
    .addColumn("plan_section", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("replaced_by", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("codes_codebook_key_unique", ["codebook_id", "key"])
    .execute();

  await db.schema
    .createTable("codebook_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("codebook_id", "text", (c) => c.notNull().references("codebooks.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("staff_id", "text")
    .addColumn("staff_email", "text")
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("change", "text", (c) => c.notNull())
    .addColumn("codings_moved", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("codebook_changes_codebook").on("codebook_changes").columns(["codebook_id", "version"]).execute();

  // One row per coded answer and pass: "main" (the coding that counts), "blind" (the second,
  // independent coding of the double-coding sample) and "first" (the main coding as it was before
  // a disagreement was settled, kept for the reliability figures).
  await db.schema
    .createTable("coded_answers")
    .addColumn("consultation_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("pass", "text", (c) => c.notNull())
    .addColumn("coder_id", "text", (c) => c.notNull())
    .addColumn("coded_at", "text", (c) => c.notNull())
    .addColumn("stance", "text")
    .addColumn("evidence_rich", "integer", (c) => c.notNull())
    .addColumn("excerpt", "text")
    .addColumn("settled_by", "text")
    .addColumn("settled_at", "text")
    .addPrimaryKeyConstraint("coded_answers_pk", ["consultation_id", "question_id", "pass", "response_id"])
    .execute();
  await db.schema.createIndex("coded_answers_response").on("coded_answers").column("response_id").execute();

  await db.schema
    .createTable("codings")
    .addColumn("consultation_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("pass", "text", (c) => c.notNull())
    .addColumn("code_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("codings_pk", ["consultation_id", "question_id", "pass", "code_id", "response_id"])
    .execute();
  await db.schema.createIndex("codings_response").on("codings").columns(["response_id", "question_id", "pass"]).execute();

  // Append-only: every save, undo, merge, split and settlement, with who and when.
  await db.schema
    .createTable("coding_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("consultation_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("pass", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("staff_id", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    // JSON: { codes, stance, evidenceRich, excerpt } after the change, or null when it uncoded the answer.
    .addColumn("state", "text")
    .execute();
  await db.schema.createIndex("coding_history_answer").on("coding_history").columns(["response_id", "question_id", "pass", "seq"]).execute();

  // Suggestions are never codings: they live here, and no figure reads this table.
  await db.schema
    .createTable("coding_suggestions")
    .addColumn("consultation_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("code_id", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("probability", "double precision", (c) => c.notNull())
    .addColumn("because", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("coding_suggestions_pk", ["consultation_id", "question_id", "response_id", "code_id", "source"])
    .execute();
  await db.schema
    .createTable("coding_suggestion_answers")
    .addColumn("consultation_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("uncertainty", "double precision", (c) => c.notNull())
    .addColumn("top_probability", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("coding_suggestion_answers_pk", ["consultation_id", "question_id", "response_id"])
    .execute();
  await db.schema
    .createIndex("coding_suggestion_answers_order")
    .on("coding_suggestion_answers")
    .columns(["consultation_id", "question_id", "uncertainty", "response_id"])
    .execute();

  await db.schema
    .createTable("coding_model_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id").onDelete("cascade"))
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("trained_at", "text", (c) => c.notNull())
    .addColumn("staff_id", "text")
    .addColumn("examples", "integer", (c) => c.notNull())
    .addColumn("metrics", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("coding_model_runs_question").on("coding_model_runs").columns(["consultation_id", "question_id", "trained_at"]).execute();

  await db.schema
    .createTable("coding_samples")
    .addColumn("consultation_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("drawn_at", "text", (c) => c.notNull())
    .addColumn("drawn_by", "text")
    .addPrimaryKeyConstraint("coding_samples_pk", ["consultation_id", "question_id", "response_id"])
    .execute();

  await db.schema
    .createTable("coding_quotes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("code_id", "text", (c) => c.notNull())
    .addColumn("excerpt", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("marked_by", "text", (c) => c.notNull())
    .addColumn("marked_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .execute();
  await db.schema.createIndex("coding_quotes_question").on("coding_quotes").columns(["consultation_id", "question_id", "status"]).execute();

  await createAnswerTextSearch(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropAnswerTextSearch(db);
  for (const table of [
    "coding_quotes",
    "coding_samples",
    "coding_model_runs",
    "coding_suggestion_answers",
    "coding_suggestions",
    "coding_history",
    "codings",
    "coded_answers",
    "codebook_changes",
    "codes",
    "codebooks",
    "coding_settings",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
