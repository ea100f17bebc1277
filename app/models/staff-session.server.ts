import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { StaffMember } from "./staff.server";
import { getStaff } from "./staff.server";

/**
 * Server-side staff sessions: 30 minutes idle, 12 hours absolute. Ending a session deletes its
 * row, so a copied cookie stops working at once, on every app instance.
 */
export const IDLE_MS = 30 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
// Writing last_seen_at on every request would turn every page view into a write; a minute is
// fine-grained enough for a 30-minute idle timeout.
const TOUCH_AFTER_MS = 60 * 1000;

const hashId = (id: string) => createHash("sha256").update(id).digest("hex");

export interface StaffSession {
  staff: StaffMember;
  csrfToken: string;
  idHash: string;
}

export async function createStaffSession(db: Kysely<Database>, { staffId, now = new Date() }: { staffId: string; now?: Date }): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db
    .insertInto("staff_sessions")
    .values({
      id_hash: hashId(id),
      staff_id: staffId,
      csrf_token: randomBytes(32).toString("base64url"),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ABSOLUTE_MS).toISOString(),
    })
    .execute();
  // Tidy expired sessions as we go.
  await db.deleteFrom("staff_sessions").where("expires_at", "<", now.toISOString()).execute();
  return id;
}

export async function getStaffSession(db: Kysely<Database>, { id, now = new Date() }: { id: string; now?: Date }): Promise<StaffSession | null> {
  const idHash = hashId(id);
  const row = await db
    .selectFrom("staff_sessions")
    .select(["staff_id", "csrf_token", "last_seen_at", "expires_at"])
    .where("id_hash", "=", idHash)
    .executeTakeFirst();
  if (!row) return null;
  const t = now.getTime();
  if (t >= new Date(row.expires_at).getTime() || t - new Date(row.last_seen_at).getTime() >= IDLE_MS) {
    await db.deleteFrom("staff_sessions").where("id_hash", "=", idHash).execute();
    return null;
  }
  const staff = await getStaff(db, { id: row.staff_id });
  if (!staff) return null;
  if (t - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
    await db.updateTable("staff_sessions").set({ last_seen_at: now.toISOString() }).where("id_hash", "=", idHash).execute();
  }
  return { staff, csrfToken: row.csrf_token, idHash };
}

export async function endStaffSession(db: Kysely<Database>, { id }: { id: string }): Promise<void> {
  await db.deleteFrom("staff_sessions").where("id_hash", "=", hashId(id)).execute();
}

