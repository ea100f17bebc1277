import type { Kysely } from "kysely";

// Evidence for the Police and Crime Plan: the plan's sections (editable by staff) and the
// indicators that turn a question's answers into a statement for a section. Frozen: never
// import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("plan_sections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("evidence_indicators")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id").onDelete("cascade"))
    .addColumn("section_id", "text", (c) => c.notNull().references("plan_sections.id"))
    .addColumn("question_id", "text", (c) => c.notNull())
    // "" for a question without items, as in answers.item_id.
    .addColumn("item_id", "text", (c) => c.notNull().defaultTo(""))
    // JSON arrays of option ids: the answers that count, and the subgroup the base is limited to.
    .addColumn("option_ids", "text", (c) => c.notNull())
    .addColumn("filter_question_id", "text")
    .addColumn("filter_item_id", "text")
    .addColumn("filter_option_ids", "text")
    .addColumn("template", "text", (c) => c.notNull())
    // The same indicator in an earlier consultation, for year-on-year change.
    .addColumn("previous_indicator_id", "text", (c) => c.references("evidence_indicators.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("evidence_indicators_section").on("evidence_indicators").column("section_id").execute();
  await db.schema.createIndex("evidence_indicators_consultation").on("evidence_indicators").column("consultation_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("evidence_indicators").ifExists().execute();
  await db.schema.dropTable("plan_sections").ifExists().execute();
}
