import { expect, it } from "vitest";
import { describeEachDatabase } from "../../tests/databases";
import { createStaffSession, getStaffSession } from "./staff-session.server";
import {
  changeStaff,
  countStaff,
  createStaff,
  findStaffForLogin,
  getStaff,
  isStaffEmailTaken,
  listStaff,
  recordLoginFailure,
  resetLoginFailures,
  setStaffPassword,
} from "./staff.server";

describeEachDatabase("staff accounts", (ctx) => {
  const db = () => ctx().handle.db;

  it("stores email addresses in lower case and finds them however they are typed", async () => {
    const member = await createStaff(db(), { email: "  Jo.Bloggs@OPCC.example ", role: "editor", passwordHash: "hash" });
    expect(member.email).toBe("jo.bloggs@opcc.example");
    expect((await findStaffForLogin(db(), { email: "JO.BLOGGS@opcc.example" }))?.id).toBe(member.id);
    expect(await isStaffEmailTaken(db(), { email: "jo.bloggs@OPCC.example" })).toBe(true);
    expect(await isStaffEmailTaken(db(), { email: "someone.else@opcc.example" })).toBe(false);
  });

  it("counts failed sign-ins and resets them", async () => {
    const member = await createStaff(db(), { email: "failing@opcc.example", role: "analyst", passwordHash: "hash" });
    await recordLoginFailure(db(), { id: member.id, lockedUntil: null });
    await recordLoginFailure(db(), { id: member.id, lockedUntil: "2030-01-01T00:00:00.000Z" });
    expect(await findStaffForLogin(db(), { email: member.email })).toMatchObject({ failed_logins: 2, locked_until: "2030-01-01T00:00:00.000Z" });
    await resetLoginFailures(db(), { id: member.id });
    expect(await findStaffForLogin(db(), { email: member.email })).toMatchObject({ failed_logins: 0, locked_until: null });
  });

  it("never demotes or removes the last administrator, and does otherwise", async () => {
    const admin = await createStaff(db(), { email: "only-admin@opcc.example", role: "admin", passwordHash: "hash" });
    expect(await changeStaff(db(), { id: admin.id, change: { role: "editor" } })).toEqual({ ok: false, reason: "last_admin" });
    expect(await changeStaff(db(), { id: admin.id, change: { remove: true } })).toEqual({ ok: false, reason: "last_admin" });
    expect((await getStaff(db(), { id: admin.id }))?.role).toBe("admin");

    const second = await createStaff(db(), { email: "second-admin@opcc.example", role: "analyst", passwordHash: "hash" });
    expect(await changeStaff(db(), { id: second.id, change: { role: "admin" } })).toEqual({ ok: true, before: second });
    expect(await changeStaff(db(), { id: admin.id, change: { role: "editor" } })).toMatchObject({ ok: true, before: { role: "admin" } });
    // Now the second is the only one left.
    expect(await changeStaff(db(), { id: second.id, change: { remove: true } })).toEqual({ ok: false, reason: "last_admin" });
    expect(await changeStaff(db(), { id: "00000000-0000-4000-8000-000000000000", change: { role: "admin" } })).toEqual({ ok: false, reason: "not_found" });
  });

  it("removing an account keeps its row for the audit trail, ends its sessions and blocks sign-in", async () => {
    const member = await createStaff(db(), { email: "leaver@opcc.example", role: "editor", passwordHash: "hash" });
    const sessionId = await createStaffSession(db(), { staffId: member.id });
    const before = await countStaff(db());
    expect((await changeStaff(db(), { id: member.id, change: { remove: true } })).ok).toBe(true);
    expect(await getStaffSession(db(), { id: sessionId })).toBeNull();
    expect(await findStaffForLogin(db(), { email: member.email })).toBeUndefined();
    expect(await countStaff(db())).toBe(before - 1);
    expect((await listStaff(db())).map((s) => s.email)).not.toContain(member.email);
    // The address stays taken, so the audit trail's emails keep meaning one person.
    expect(await isStaffEmailTaken(db(), { email: member.email })).toBe(true);
    expect(await changeStaff(db(), { id: member.id, change: { role: "admin" } })).toEqual({ ok: false, reason: "not_found" });
  });

  it("an administrator's reset sets the hash, lifts a lockout and ends every session; never revives a removed account", async () => {
    const member = await createStaff(db(), { email: "forgetful@opcc.example", role: "analyst", passwordHash: "old-hash" });
    const one = await createStaffSession(db(), { staffId: member.id });
    const two = await createStaffSession(db(), { staffId: member.id });
    await recordLoginFailure(db(), { id: member.id, lockedUntil: "2030-01-01T00:00:00.000Z" });
    expect(await setStaffPassword(db(), { id: member.id, passwordHash: "new-hash" })).toEqual({ member, sessionsEnded: 2 });
    expect(await findStaffForLogin(db(), { email: member.email })).toMatchObject({ password_hash: "new-hash", failed_logins: 0, locked_until: null });
    expect(await getStaffSession(db(), { id: one })).toBeNull();
    expect(await getStaffSession(db(), { id: two })).toBeNull();

    await changeStaff(db(), { id: member.id, change: { remove: true } });
    expect(await setStaffPassword(db(), { id: member.id, passwordHash: "another" })).toBeNull();
    expect(await findStaffForLogin(db(), { email: member.email })).toBeUndefined();
  });
});
