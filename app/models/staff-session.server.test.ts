import { expect, it } from "vitest";
import { describeEachDatabase } from "../../tests/databases";
import { ABSOLUTE_MS, createStaffSession, endStaffSession, getStaffSession, IDLE_MS } from "./staff-session.server";
import { createStaff, setStaffPassword } from "./staff.server";

const MINUTE = 60_000;

describeEachDatabase("staff sessions", (ctx) => {
  const db = () => ctx().handle.db;
  const t0 = new Date("2026-11-23T09:00:00.000Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);
  let n = 0;
  const newSession = async () => {
    const staff = await createStaff(db(), { email: `session-${n++}@opcc.example`, role: "editor", passwordHash: "hash" });
    return { staff, id: await createStaffSession(db(), { staffId: staff.id, now: t0 }) };
  };

  it("limits are 30 minutes idle and 12 hours absolute", () => {
    expect(IDLE_MS).toBe(30 * MINUTE);
    expect(ABSOLUTE_MS).toBe(12 * 60 * MINUTE);
  });

  it("gives the staff member and a CSRF token per session; ids are never stored as given", async () => {
    const a = await newSession();
    const b = await newSession();
    const sa = await getStaffSession(db(), { id: a.id, now: t0 });
    const sb = await getStaffSession(db(), { id: b.id, now: t0 });
    expect(sa?.staff).toEqual(a.staff);
    expect(sa?.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sa?.csrfToken).not.toBe(sb?.csrfToken);
    const rows = await db().selectFrom("staff_sessions").select("id_hash").execute();
    expect(rows.map((r) => r.id_hash)).not.toContain(a.id);
    expect(await getStaffSession(db(), { id: "not-a-session", now: t0 })).toBeNull();
  });

  it("ends after 30 minutes without a request", async () => {
    const { id } = await newSession();
    expect(await getStaffSession(db(), { id, now: at(IDLE_MS - MINUTE) })).not.toBeNull();
    // That request counted as activity, so the idle clock restarted from it.
    expect(await getStaffSession(db(), { id, now: at(2 * IDLE_MS - 2 * MINUTE) })).not.toBeNull();
    expect(await getStaffSession(db(), { id, now: at(3 * IDLE_MS) })).toBeNull();
    // And it is gone for good, even if the clock were wound back.
    expect(await getStaffSession(db(), { id, now: t0 })).toBeNull();
  });

  it("ends 12 hours after sign-in however active it is", async () => {
    const { id } = await newSession();
    for (let ms = 20 * MINUTE; ms < ABSOLUTE_MS; ms += 20 * MINUTE) {
      expect(await getStaffSession(db(), { id, now: at(ms) }), `at ${ms / MINUTE} minutes`).not.toBeNull();
    }
    expect(await getStaffSession(db(), { id, now: at(ABSOLUTE_MS) })).toBeNull();
  });

  it("signing out deletes the session server-side", async () => {
    const { id } = await newSession();
    await endStaffSession(db(), { id });
    expect(await getStaffSession(db(), { id, now: t0 })).toBeNull();
  });

  it("a password change ends the account's other sessions, and only those", async () => {
    const { staff, id: kept } = await newSession();
    const elsewhere = await createStaffSession(db(), { staffId: staff.id, now: t0 });
    const someoneElse = await newSession();
    const keptSession = (await getStaffSession(db(), { id: kept, now: t0 }))!;
    expect((await setStaffPassword(db(), { id: staff.id, passwordHash: "changed", keepSessionIdHash: keptSession.idHash }))?.sessionsEnded).toBe(1);
    expect(await getStaffSession(db(), { id: elsewhere, now: t0 })).toBeNull();
    expect((await getStaffSession(db(), { id: kept, now: t0 }))?.staff).toEqual(staff);
    expect((await getStaffSession(db(), { id: someoneElse.id, now: t0 }))?.staff).toEqual(someoneElse.staff);
  });
});
