import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";

// Security hardening (issue 12). Frozen: never import app code here.
//
// - rate_limits and rate_limit_salts: counters shared by every app instance, keyed by an HMAC
//   of the client address under a daily salt (app/server/rate-limit.server.ts).
// - staff: two-step sign-in (TOTP secret, encrypted; the last time step used) and the time of
//   the last failed sign-in, for the notice at the next successful one.
// - staff_recovery_codes: single-use recovery codes, argon2id hashes only.
// - staff_sessions: a public reference (to list and end sessions without showing the id's
//   hash), when the second factor and the last re-authentication happened, and a notice.
// - audit_log: a hash chain (seq, prev_hash, hash) with its head in audit_chain; existing
//   entries are chained here in the order they were written (at, id).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limit_salts")
    .addColumn("day", "text", (c) => c.primaryKey())
    .addColumn("salt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("rate_limits")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("window_index", "integer", (c) => c.notNull())
    .addColumn("hits", "integer", (c) => c.notNull())
    .addColumn("last_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("rate_limits_pk", ["scope", "key", "window_index"])
    .execute();
  await db.schema.createIndex("rate_limits_expiry").on("rate_limits").column("expires_at").execute();

  await db.schema.alterTable("staff").addColumn("totp_secret", "text").execute();
  await db.schema.alterTable("staff").addColumn("totp_pending_secret", "text").execute();
  await db.schema.alterTable("staff").addColumn("totp_enabled_at", "text").execute();
  await db.schema.alterTable("staff").addColumn("totp_last_step", "integer").execute();
  await db.schema.alterTable("staff").addColumn("last_failed_login_at", "text").execute();

  await db.schema
    .createTable("staff_recovery_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("staff_id", "text", (c) => c.notNull().references("staff.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("staff_recovery_codes_staff").on("staff_recovery_codes").column("staff_id").execute();

  await db.schema.alterTable("staff_sessions").addColumn("ref", "text").execute();
  await db.schema.alterTable("staff_sessions").addColumn("second_factor_at", "text").execute();
  await db.schema.alterTable("staff_sessions").addColumn("authenticated_at", "text").execute();
  await db.schema.alterTable("staff_sessions").addColumn("notice", "text").execute();
  for (const s of await db.selectFrom("staff_sessions").select(["id_hash", "created_at"]).execute()) {
    await db
      .updateTable("staff_sessions")
      .set({ ref: randomBytes(16).toString("base64url"), authenticated_at: s.created_at })
      .where("id_hash", "=", s.id_hash)
      .execute();
  }
  await db.schema.createIndex("staff_sessions_ref").on("staff_sessions").column("ref").unique().execute();

  await db.schema.alterTable("audit_log").addColumn("seq", "integer").execute();
  await db.schema.alterTable("audit_log").addColumn("prev_hash", "text").execute();
  await db.schema.alterTable("audit_log").addColumn("hash", "text").execute();
  await db.schema
    .createTable("audit_chain")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  // Chain version 1, exactly as app/models/audit-chain.server.ts computes it.
  let prev = "0".repeat(64);
  let seq = 0;
  const rows = await db
    .selectFrom("audit_log")
    .select(["id", "at", "staff_id", "staff_email", "action", "consultation_id", "detail"])
    .orderBy("at")
    .orderBy("id")
    .execute();
  for (const r of rows) {
    seq += 1;
    const hash = createHash("sha256")
      .update(JSON.stringify([1, prev, seq, r.id, r.at, r.staff_id, r.staff_email, r.action, r.consultation_id, r.detail]))
      .digest("hex");
    await db.updateTable("audit_log").set({ seq, prev_hash: prev, hash }).where("id", "=", r.id).execute();
    prev = hash;
  }
  await db.insertInto("audit_chain").values({ id: 1, seq, hash: prev }).execute();
  await db.schema.createIndex("audit_log_seq").on("audit_log").column("seq").unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_log_seq").ifExists().execute();
  await db.schema.dropTable("audit_chain").ifExists().execute();
  await db.schema.alterTable("audit_log").dropColumn("hash").execute();
  await db.schema.alterTable("audit_log").dropColumn("prev_hash").execute();
  await db.schema.alterTable("audit_log").dropColumn("seq").execute();
  await db.schema.dropIndex("staff_sessions_ref").ifExists().execute();
  for (const c of ["notice", "authenticated_at", "second_factor_at", "ref"]) await db.schema.alterTable("staff_sessions").dropColumn(c).execute();
  await db.schema.dropTable("staff_recovery_codes").ifExists().execute();
  for (const c of ["last_failed_login_at", "totp_last_step", "totp_enabled_at", "totp_pending_secret", "totp_secret"]) await db.schema.alterTable("staff").dropColumn(c).execute();
  await db.schema.dropTable("rate_limits").ifExists().execute();
  await db.schema.dropTable("rate_limit_salts").ifExists().execute();
}
