import type { Kysely } from "kysely";

// A consultation's counts can change without a new counted response: replacing the postcode
// lookup re-derives the authority and area of stored "Where you live" answers. Figures kept per
// process are keyed by the counted total, so that change needs a number of its own that every
// instance reads. Frozen: never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("consultations").addColumn("counts_revision", "integer", (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("consultations").dropColumn("counts_revision").execute();
}
