import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

/** What staff set for a consultation's printed questionnaire: where completed forms go back to. */
export async function getReturnAddress(db: Kysely<Database>, { consultationId }: { consultationId: string }): Promise<string | null> {
  const row = await db.selectFrom("consultation_paper").select("return_address").where("consultation_id", "=", consultationId).executeTakeFirst();
  return row?.return_address ?? null;
}

export async function setReturnAddress(db: Kysely<Database>, { consultationId, address }: { consultationId: string; address: string }) {
  const now = new Date().toISOString();
  await db
    .insertInto("consultation_paper")
    .values({ consultation_id: consultationId, return_address: address, updated_at: now })
    .onConflict((oc) => oc.column("consultation_id").doUpdateSet({ return_address: address, updated_at: now }))
    .execute();
}
