import { expect, it } from "vitest";
import { createDb } from "../../db/connection";
import { describeEachDatabase } from "../../tests/databases";
import { attempt, HOUR_MS, type LimitSpec } from "./rate-limit.server";

/**
 * The shared per-client limit against a real database (SQLite and PostgreSQL). Issue 12,
 * reproduction 4: the limit was bypassed by changing the User-Agent, reset at midnight and
 * counted per process.
 */

const spec = (limit: number, scope = `test-${Math.random()}`): LimitSpec => ({ scope, limit, windowMs: HOUR_MS });
const at = (iso: string) => new Date(iso).getTime();

describeEachDatabase("shared per-client limit", (ctx) => {
  const db = () => ctx().handle.db;

  it("allows the limit in any hour from one address, then refuses with a Retry-After", async () => {
    const s = spec(3);
    const t = at("2027-01-15T09:10:00Z");
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await attempt(db(), s, "203.0.113.7", t + i * 1000));
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, true, false]);
    expect(outcomes[3].retryAfter).toBeGreaterThan(0);
    // The estimate treats the current hour's hits as spread over it, so the wait can pass an hour a little.
    expect(outcomes[3].retryAfter).toBeLessThanOrEqual(2 * 3600);
    // Another address is another allowance; nothing else (user agent, consultation) is in the key.
    expect((await attempt(db(), s, "203.0.113.8", t)).allowed).toBe(true);
  });

  it("slides across the hour and across midnight: no fresh allowance at 00:00", async () => {
    const s = spec(4);
    const evening = at("2027-01-15T23:55:00Z");
    for (let i = 0; i < 4; i++) expect((await attempt(db(), s, "198.51.100.4", evening + i)).allowed).toBe(true);
    // Ten minutes later it is a new day (a new salt): the previous window still counts.
    expect((await attempt(db(), s, "198.51.100.4", at("2027-01-16T00:05:00Z"))).allowed).toBe(false);
    // Once the hour has slid past, the allowance is back.
    expect((await attempt(db(), s, "198.51.100.4", at("2027-01-16T00:58:00Z"))).allowed).toBe(true);
  });

  it("is shared by every process on the database: two handles (two instances) share one limit", async () => {
    const second = createDb(ctx().url, { poolSize: 2 });
    try {
      const s = spec(2);
      const t = at("2027-02-01T10:00:00Z");
      expect((await attempt(db(), s, "192.0.2.9", t)).allowed).toBe(true);
      expect((await attempt(second.db, s, "192.0.2.9", t + 1)).allowed).toBe(true);
      expect((await attempt(db(), s, "192.0.2.9", t + 2)).allowed).toBe(false);
      expect((await attempt(second.db, s, "192.0.2.9", t + 3)).allowed).toBe(false);
    } finally {
      await second.close();
    }
  });

  it("stores no address, and its rows expire", async () => {
    const s = spec(5);
    const t = at("2027-03-01T12:00:00Z");
    await attempt(db(), s, "203.0.113.250", t);
    const rows = await db().selectFrom("rate_limits").selectAll().where("scope", "=", s.scope).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain("203.0.113");
    expect(new Date(rows[0].expires_at).getTime()).toBeLessThanOrEqual(t + 2 * HOUR_MS);
    // A later attempt (after the prune interval) tidies what has expired.
    await attempt(db(), s, "203.0.113.251", t + 3 * HOUR_MS);
    const left = await db().selectFrom("rate_limits").select("expires_at").where("scope", "=", s.scope).execute();
    expect(left.every((r) => new Date(r.expires_at).getTime() > t + 3 * HOUR_MS)).toBe(true);
  });

  it("is off at 0", async () => {
    const s = spec(0);
    for (let i = 0; i < 50; i++) expect((await attempt(db(), s, "203.0.113.1")).allowed).toBe(true);
  });
});
