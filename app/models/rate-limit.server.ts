import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

/**
 * Counters of the shared limits, one row per (scope, key, window), and the daily salts their
 * keys are made with. Keys are HMACs (app/server/rate-limit.server.ts): no address is stored.
 * Rows expire two windows after their window starts; salts after two days.
 */

/** Today's (or any day's) salt, made by whichever instance asks first. */
export async function saltForDay(db: Kysely<Database>, { day }: { day: string }): Promise<string> {
  await db
    .insertInto("rate_limit_salts")
    .values({ day, salt: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("day").doNothing())
    .execute();
  const row = await db.selectFrom("rate_limit_salts").select("salt").where("day", "=", day).executeTakeFirstOrThrow();
  return row.salt;
}

/** Adds one hit to a window's counter and returns the window's hits and when the last was. */
export async function addHit(
  db: Kysely<Database>,
  { scope, key, windowIndex, now, expiresAt }: { scope: string; key: string; windowIndex: number; now: Date; expiresAt: Date },
): Promise<number> {
  const row = await db
    .insertInto("rate_limits")
    .values({ scope, key, window_index: windowIndex, hits: 1, last_at: now.toISOString(), expires_at: expiresAt.toISOString() })
    .onConflict((oc) =>
      oc.columns(["scope", "key", "window_index"]).doUpdateSet((eb) => ({ hits: eb("rate_limits.hits", "+", 1), last_at: now.toISOString() })),
    )
    .returning("hits")
    .executeTakeFirstOrThrow();
  return Number(row.hits);
}

export async function readWindow(db: Kysely<Database>, { scope, key, windowIndex }: { scope: string; key: string; windowIndex: number }): Promise<{ hits: number; lastAt: string | null }> {
  const row = await db
    .selectFrom("rate_limits")
    .select(["hits", "last_at"])
    .where("scope", "=", scope)
    .where("key", "=", key)
    .where("window_index", "=", windowIndex)
    .executeTakeFirst();
  return { hits: row ? Number(row.hits) : 0, lastAt: row?.last_at ?? null };
}

/** Forgets a key's counters in a scope (a successful sign-in clears its failures). */
export async function clearKey(db: Kysely<Database>, { scope, keys }: { scope: string; keys: string[] }): Promise<void> {
  if (keys.length) await db.deleteFrom("rate_limits").where("scope", "=", scope).where("key", "in", keys).execute();
}

export async function pruneRateLimits(db: Kysely<Database>, { now, keepSaltsFrom }: { now: Date; keepSaltsFrom: string }): Promise<void> {
  await db.deleteFrom("rate_limits").where("expires_at", "<", now.toISOString()).execute();
  await db.deleteFrom("rate_limit_salts").where("day", "<", keepSaltsFrom).execute();
}
