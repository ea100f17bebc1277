import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

/**
 * Two-step sign-in state of staff accounts: the TOTP secret (stored encrypted by the caller,
 * app/auth/two-factor.server.ts), the last time step accepted, and single-use recovery codes
 * (argon2id hashes only).
 */

export async function getTotpState(db: Kysely<Database>, { staffId }: { staffId: string }) {
  return db
    .selectFrom("staff")
    .select(["totp_secret", "totp_pending_secret", "totp_enabled_at", "totp_last_step"])
    .where("id", "=", staffId)
    .where("removed_at", "is", null)
    .executeTakeFirst();
}

export async function setPendingTotpSecret(db: Kysely<Database>, { staffId, sealed }: { staffId: string; sealed: string | null }) {
  await db.updateTable("staff").set({ totp_pending_secret: sealed }).where("id", "=", staffId).execute();
}

/**
 * Turns two-step sign-in on with the confirmed secret and a fresh set of recovery codes, in one
 * transaction; the step of the confirming code is recorded so that code cannot be used again.
 */
export async function enableTotp(
  db: Kysely<Database>,
  { staffId, sealed, step, recoveryHashes, now = new Date() }: { staffId: string; sealed: string; step: number; recoveryHashes: string[]; now?: Date },
) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("staff")
      .set({ totp_secret: sealed, totp_pending_secret: null, totp_enabled_at: now.toISOString(), totp_last_step: step })
      .where("id", "=", staffId)
      .execute();
    await replaceCodes(trx, staffId, recoveryHashes, now);
  });
}

export async function disableTotp(db: Kysely<Database>, { staffId }: { staffId: string }) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("staff").set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null }).where("id", "=", staffId).execute();
    await trx.deleteFrom("staff_recovery_codes").where("staff_id", "=", staffId).execute();
  });
}

/**
 * Records that the code of time step `step` was used, only if no later or equal step was used
 * before: one conditional UPDATE, so two instances given the same code at the same moment
 * accept it once (RFC 6238 §5.2: a code must not be accepted twice).
 */
export async function claimTotpStep(db: Kysely<Database>, { staffId, step }: { staffId: string; step: number }): Promise<boolean> {
  const result = await db
    .updateTable("staff")
    .set({ totp_last_step: step })
    .where("id", "=", staffId)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Re-seals the secret (after SESSION_SECRET rotation: sealed again under the new first secret). */
export async function resealTotpSecret(db: Kysely<Database>, { staffId, sealed }: { staffId: string; sealed: string }) {
  await db.updateTable("staff").set({ totp_secret: sealed }).where("id", "=", staffId).execute();
}

async function replaceCodes(db: Kysely<Database>, staffId: string, hashes: string[], now: Date) {
  await db.deleteFrom("staff_recovery_codes").where("staff_id", "=", staffId).execute();
  if (hashes.length) {
    await db
      .insertInto("staff_recovery_codes")
      .values(hashes.map((code_hash) => ({ id: randomUUID(), staff_id: staffId, code_hash, created_at: now.toISOString(), used_at: null })))
      .execute();
  }
}

export async function replaceRecoveryCodes(db: Kysely<Database>, { staffId, hashes, now = new Date() }: { staffId: string; hashes: string[]; now?: Date }) {
  await db.transaction().execute((trx) => replaceCodes(trx, staffId, hashes, now));
}

export async function unusedRecoveryCodes(db: Kysely<Database>, { staffId }: { staffId: string }) {
  return db.selectFrom("staff_recovery_codes").select(["id", "code_hash"]).where("staff_id", "=", staffId).where("used_at", "is", null).execute();
}

/** Spends one recovery code; false when it was spent already (by a concurrent request). */
export async function spendRecoveryCode(db: Kysely<Database>, { id, now = new Date() }: { id: string; now?: Date }): Promise<boolean> {
  const result = await db.updateTable("staff_recovery_codes").set({ used_at: now.toISOString() }).where("id", "=", id).where("used_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Kysely<Database>, { staffId }: { staffId: string }): Promise<number> {
  const row = await db
    .selectFrom("staff_recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("staff_id", "=", staffId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
