import { randomUUID } from "node:crypto";
import { PostgresAdapter, type Kysely, type Selectable } from "kysely";
import type { Database, StaffTable } from "../../db/schema";
import { isRole, type Role } from "~/auth/roles";

export interface StaffMember {
  id: string;
  email: string;
  role: Role;
  /** Two-step sign-in (TOTP) is set up for this account. */
  twoFactor: boolean;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function toStaff(row: Pick<Selectable<StaffTable>, "id" | "email" | "role" | "totp_enabled_at">): StaffMember {
  // The column is typed Role, but a row written by hand (SQL) could hold anything.
  if (!isRole(row.role)) throw new Error(`Unknown role in database: ${String(row.role)}`);
  return { id: row.id, email: row.email, role: row.role, twoFactor: row.totp_enabled_at !== null };
}

export async function createStaff(
  db: Kysely<Database>,
  { email, passwordHash, role }: { email: string; passwordHash: string; role: Role },
): Promise<StaffMember> {
  const member = { id: randomUUID(), email: normaliseEmail(email), role };
  await db
    .insertInto("staff")
    .values({ ...member, password_hash: passwordHash, failed_logins: 0, locked_until: null, created_at: new Date().toISOString(), removed_at: null })
    .execute();
  return { ...member, twoFactor: false };
}

/** For sign-in only: includes the hashes and failure counts. Removed accounts are never found. */
export async function findStaffForLogin(db: Kysely<Database>, { email }: { email: string }) {
  return db
    .selectFrom("staff")
    .select(["id", "email", "role", "password_hash", "failed_logins", "locked_until", "last_failed_login_at", "totp_enabled_at"])
    .where("email", "=", normaliseEmail(email))
    .where("removed_at", "is", null)
    .executeTakeFirst();
}

export async function getStaff(db: Kysely<Database>, { id }: { id: string }): Promise<StaffMember | null> {
  const row = await db.selectFrom("staff").select(["id", "email", "role", "totp_enabled_at"]).where("id", "=", id).where("removed_at", "is", null).executeTakeFirst();
  return row ? toStaff(row) : null;
}

export async function listStaff(db: Kysely<Database>): Promise<(StaffMember & { createdAt: string })[]> {
  const rows = await db.selectFrom("staff").select(["id", "email", "role", "created_at", "totp_enabled_at"]).where("removed_at", "is", null).orderBy("email").execute();
  return rows.map((r) => ({ ...toStaff(r), createdAt: r.created_at }));
}

/**
 * Counts a failed sign-in against the account (failures since its last successful sign-in, for
 * the notice then). It never locks the account: delays are per address typed and per client
 * (app/auth/login-throttle.server.ts), and never apply to a browser the account has signed in
 * with before. `lockedUntil` is kept for older callers and is no longer set by sign-in.
 */
export async function recordLoginFailure(db: Kysely<Database>, { id, lockedUntil = null, now = new Date() }: { id: string; lockedUntil?: string | null; now?: Date }) {
  await db
    .updateTable("staff")
    .set((eb) => ({ failed_logins: eb("failed_logins", "+", 1), locked_until: lockedUntil, last_failed_login_at: now.toISOString() }))
    .where("id", "=", id)
    .execute();
}

export async function resetLoginFailures(db: Kysely<Database>, { id }: { id: string }) {
  await db.updateTable("staff").set({ failed_logins: 0, locked_until: null }).where("id", "=", id).execute();
}

/**
 * A new password for an account, in one transaction: the hash replaced, any lockout lifted and
 * the account's sessions ended on every instance. An administrator's reset ends them all; staff
 * changing their own keep the session they made the change in (keepSessionIdHash). Removed
 * accounts stay removed (null).
 */
export async function setStaffPassword(
  db: Kysely<Database>,
  { id, passwordHash, keepSessionIdHash }: { id: string; passwordHash: string; keepSessionIdHash?: string },
): Promise<{ member: StaffMember; sessionsEnded: number } | null> {
  return db.transaction().execute(async (trx) => {
    const member = await getStaff(trx, { id });
    if (!member) return null;
    await trx.updateTable("staff").set({ password_hash: passwordHash, failed_logins: 0, locked_until: null }).where("id", "=", id).execute();
    let sessions = trx.deleteFrom("staff_sessions").where("staff_id", "=", id);
    if (keepSessionIdHash) sessions = sessions.where("id_hash", "<>", keepSessionIdHash);
    const ended = await sessions.executeTakeFirst();
    return { member, sessionsEnded: Number(ended.numDeletedRows) };
  });
}

export async function countStaff(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("staff").select((eb) => eb.fn.countAll<number>().as("n")).where("removed_at", "is", null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function isStaffEmailTaken(db: Kysely<Database>, { email }: { email: string }): Promise<boolean> {
  // Removed accounts keep their address: the audit trail names them, so it is not reused.
  return Boolean(await db.selectFrom("staff").select("id").where("email", "=", normaliseEmail(email)).executeTakeFirst());
}

export type StaffChangeOutcome = { ok: true; before: StaffMember } | { ok: false; reason: "not_found" | "last_admin" };

/**
 * Changes a role or removes an account, unless that would leave no administrator. The check and
 * the change happen in one transaction, with the administrators' rows locked on PostgreSQL, so
 * two administrators demoting each other at once cannot both succeed. Removing keeps the row (the
 * audit trail names it) but ends the account's sessions and blocks sign-in.
 */
export async function changeStaff(
  db: Kysely<Database>,
  { id, change }: { id: string; change: { role: Role } | { remove: true } },
): Promise<StaffChangeOutcome> {
  return db.transaction().execute(async (trx) => {
    let admins = trx.selectFrom("staff").select(["id"]).where("role", "=", "admin").where("removed_at", "is", null);
    // SQLite has no FOR UPDATE; its transactions already run one writer at a time.
    if (trx.getExecutor().adapter instanceof PostgresAdapter) admins = admins.forUpdate();
    const adminIds = (await admins.execute()).map((r) => r.id);
    const before = await getStaff(trx, { id });
    if (!before) return { ok: false, reason: "not_found" } as const;
    const losesAdmin = before.role === "admin" && ("remove" in change || change.role !== "admin");
    if (losesAdmin && adminIds.filter((a) => a !== id).length === 0) return { ok: false, reason: "last_admin" } as const;
    if ("remove" in change) {
      await trx.updateTable("staff").set({ removed_at: new Date().toISOString() }).where("id", "=", id).execute();
      await trx.deleteFrom("staff_sessions").where("staff_id", "=", id).execute();
    } else {
      await trx.updateTable("staff").set({ role: change.role }).where("id", "=", id).execute();
    }
    return { ok: true, before } as const;
  });
}
