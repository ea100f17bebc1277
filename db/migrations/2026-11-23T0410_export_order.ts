import type { Kysely } from "kysely";

// The raw responses export reads counted responses in keyset-paginated batches
// (WHERE consultation_id = ? AND status = 'counted' AND id > ? ORDER BY id LIMIT n). Without
// this index each batch re-sorted every counted response of the consultation (SQLite: "USE TEMP
// B-TREE FOR ORDER BY"), making an export of N responses cost about N²/n. Frozen: never import
// app code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("responses_export_order").on("responses").columns(["consultation_id", "status", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("responses_export_order").ifExists().execute();
}
