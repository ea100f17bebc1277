import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { StaffMember } from "./staff.server";
import { toStaff } from "./staff.server";

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
  /** A public reference to this session (for the list of sessions), never the id or its hash. */
  ref: string;
  createdAt: string;
  /** When the second factor was proved in this session; null when only the password was. */
  secondFactorAt: string | null;
  /** When the password (and code) were last proved: at sign-in or re-authentication. */
  authenticatedAt: string;
  /** Shown once after sign-in, then cleared (see staff-auth.server.ts). */
  notice: string | null;
}

export async function createStaffSession(
  db: Kysely<Database>,
  { staffId, now = new Date(), secondFactor = false, notice = null }: { staffId: string; now?: Date; secondFactor?: boolean; notice?: string | null },
): Promise<string> {
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
      ref: randomBytes(16).toString("base64url"),
      second_factor_at: secondFactor ? now.toISOString() : null,
      authenticated_at: now.toISOString(),
      notice,
    })
    .execute();
  // Tidy expired sessions as we go.
  await db.deleteFrom("staff_sessions").where("expires_at", "<", now.toISOString()).execute();
  return id;
}

export async function getStaffSession(db: Kysely<Database>, { id, now = new Date() }: { id: string; now?: Date }): Promise<StaffSession | null> {
  const idHash = hashId(id);
  // The session and its (not removed) account in one round trip: every staff page asks this first.
  const row = await db
    .selectFrom("staff_sessions as s")
    .leftJoin("staff as m", (join) => join.onRef("m.id", "=", "s.staff_id").on("m.removed_at", "is", null))
    .select(["s.csrf_token", "s.created_at", "s.last_seen_at", "s.expires_at", "s.ref", "s.second_factor_at", "s.authenticated_at", "s.notice"])
    .select(["m.id", "m.email", "m.role", "m.totp_enabled_at"])
    .where("s.id_hash", "=", idHash)
    .executeTakeFirst();
  if (!row) return null;
  const t = now.getTime();
  if (t >= new Date(row.expires_at).getTime() || t - new Date(row.last_seen_at).getTime() >= IDLE_MS) {
    await db.deleteFrom("staff_sessions").where("id_hash", "=", idHash).execute();
    return null;
  }
  if (row.id === null || row.email === null || row.role === null) return null;
  const staff = toStaff({ id: row.id, email: row.email, role: row.role, totp_enabled_at: row.totp_enabled_at });
  if (t - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
    await db.updateTable("staff_sessions").set({ last_seen_at: now.toISOString() }).where("id_hash", "=", idHash).execute();
  }
  return {
    staff,
    csrfToken: row.csrf_token,
    idHash,
    ref: row.ref,
    createdAt: row.created_at,
    secondFactorAt: row.second_factor_at,
    authenticatedAt: row.authenticated_at,
    notice: row.notice,
  };
}

export async function endStaffSession(db: Kysely<Database>, { id }: { id: string }): Promise<void> {
  await db.deleteFrom("staff_sessions").where("id_hash", "=", hashId(id)).execute();
}

/** The second factor was proved: the session is complete, and freshly authenticated. */
export async function recordSecondFactor(db: Kysely<Database>, { idHash, now = new Date() }: { idHash: string; now?: Date }): Promise<void> {
  await db.updateTable("staff_sessions").set({ second_factor_at: now.toISOString(), authenticated_at: now.toISOString() }).where("id_hash", "=", idHash).execute();
}

/** Re-authentication before a sensitive action (staff-auth.server.ts requireRecentAuth). */
export async function recordReauthentication(db: Kysely<Database>, { idHash, now = new Date() }: { idHash: string; now?: Date }): Promise<void> {
  await db.updateTable("staff_sessions").set({ authenticated_at: now.toISOString() }).where("id_hash", "=", idHash).execute();
}

export async function clearSessionNotice(db: Kysely<Database>, { idHash }: { idHash: string }): Promise<void> {
  await db.updateTable("staff_sessions").set({ notice: null }).where("id_hash", "=", idHash).execute();
}

export interface SessionListing {
  ref: string;
  staffId: string;
  staffEmail: string;
  createdAt: string;
  lastSeenAt: string;
  complete: boolean;
}

/** Live sessions, newest first: one account's, or (staffId omitted) everyone's. */
export async function listStaffSessions(db: Kysely<Database>, { staffId, now = new Date() }: { staffId?: string; now?: Date } = {}): Promise<SessionListing[]> {
  let q = db
    .selectFrom("staff_sessions as s")
    .innerJoin("staff as st", "st.id", "s.staff_id")
    .select(["s.ref", "s.staff_id", "st.email", "s.created_at", "s.last_seen_at", "s.second_factor_at"])
    .where("s.expires_at", ">", now.toISOString())
    .where("s.last_seen_at", ">", new Date(now.getTime() - IDLE_MS).toISOString())
    .where("st.removed_at", "is", null);
  if (staffId) q = q.where("s.staff_id", "=", staffId);
  const rows = await q.orderBy("st.email").orderBy("s.created_at", "desc").execute();
  return rows.map((r) => ({ ref: r.ref, staffId: r.staff_id, staffEmail: r.email, createdAt: r.created_at, lastSeenAt: r.last_seen_at, complete: r.second_factor_at !== null }));
}

/** Ends a session by its reference, only if it belongs to `staffId` when that is given. What was ended, or null. */
export async function endStaffSessionByRef(db: Kysely<Database>, { ref, staffId }: { ref: string; staffId?: string }): Promise<{ staffId: string; staffEmail: string } | null> {
  return db.transaction().execute(async (trx) => {
    let q = trx.selectFrom("staff_sessions as s").innerJoin("staff as st", "st.id", "s.staff_id").select(["s.id_hash", "s.staff_id", "st.email"]).where("s.ref", "=", ref);
    if (staffId) q = q.where("s.staff_id", "=", staffId);
    const row = await q.executeTakeFirst();
    if (!row) return null;
    await trx.deleteFrom("staff_sessions").where("id_hash", "=", row.id_hash).execute();
    return { staffId: row.staff_id, staffEmail: row.email };
  });
}

/** Ends every session of an account except `keepIdHash`; how many ended. */
export async function endOtherStaffSessions(db: Kysely<Database>, { staffId, keepIdHash }: { staffId: string; keepIdHash?: string }): Promise<number> {
  let q = db.deleteFrom("staff_sessions").where("staff_id", "=", staffId);
  if (keepIdHash) q = q.where("id_hash", "<>", keepIdHash);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}
