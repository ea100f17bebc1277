import { createCookie } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDb } from "../databases";

/**
 * requireStaff / requireStaffAction / logIn against a real SQLite database, with cookies signed
 * as the app signs them. The app reads its environment once, so it is set before importing.
 */

const SECRET = "staff-auth-test-secret-staff-auth-test-secret";
let database: Awaited<ReturnType<typeof createSqliteTestDb>>;
let auth: typeof import("../../app/auth/staff-auth.server");
let models: {
  staff: typeof import("../../app/models/staff.server");
  sessions: typeof import("../../app/models/staff-session.server");
  audit: typeof import("../../app/models/audit.server");
  hash: typeof import("../../app/auth/password.server");
};
const cookie = createCookie("yoursay_staff", { secrets: [SECRET], path: "/", httpOnly: true, sameSite: "lax" });

beforeAll(async () => {
  database = await createSqliteTestDb();
  process.env.DATABASE_URL = database.url;
  process.env.SESSION_SECRET = SECRET;
  auth = await import("../../app/auth/staff-auth.server");
  models = {
    staff: await import("../../app/models/staff.server"),
    sessions: await import("../../app/models/staff-session.server"),
    audit: await import("../../app/models/audit.server"),
    hash: await import("../../app/auth/password.server"),
  };
});
afterAll(async () => {
  const { closeDb } = await import("../../app/server/db.server");
  await closeDb();
  await database?.drop();
});

async function signedIn(role: "analyst" | "editor" | "admin") {
  const staff = await models.staff.createStaff(database.handle.db, { email: `${role}-${Math.random()}@auth.example`, role, passwordHash: "x" });
  const id = await models.sessions.createStaffSession(database.handle.db, { staffId: staff.id, secondFactor: true });
  const session = await models.sessions.getStaffSession(database.handle.db, { id });
  return { staff, id, csrf: session!.csrfToken, cookie: (await cookie.serialize(id)).split(";")[0] };
}

const post = (cookieHeader: string | null, body: Record<string, string>) =>
  new Request("http://localhost/staff/consultations/new", {
    method: "POST",
    headers: { ...(cookieHeader ? { Cookie: cookieHeader } : {}), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body),
  });

async function thrown(p: Promise<unknown>): Promise<Response> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("expected a thrown Response");
}

describe("requireStaff and requireStaffAction", () => {
  it("sends anonymous requests to sign in, remembering where they were going", async () => {
    const r = await thrown(auth.requireStaff(new Request("http://localhost/staff/audit?action=logout"), "analyst"));
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/staff/login?redirectTo=%2Fstaff%2Faudit%3Faction%3Dlogout");
    // A cookie not signed with the secret is as good as none.
    const forged = await thrown(auth.requireStaffAction(post("yoursay_staff=forged", {}), "analyst"));
    expect(forged.headers.get("Location")).toMatch(/^\/staff\/login/);
  });

  it("refuses a role below the minimum with 403", async () => {
    const analyst = await signedIn("analyst");
    const r = await thrown(auth.requireStaff(new Request("http://localhost/staff/accounts", { headers: { Cookie: analyst.cookie } }), "editor"));
    expect(r.status).toBe(403);
    const a = await thrown(auth.requireStaffAction(post(analyst.cookie, { _csrf: analyst.csrf }), "editor"));
    expect(a.status).toBe(403);
    const admin = await signedIn("admin");
    expect((await auth.requireStaff(new Request("http://localhost/staff", { headers: { Cookie: admin.cookie } }), "editor")).staff.id).toBe(admin.staff.id);
  });

  it("accepts a mutation only with the session's own CSRF token", async () => {
    const editor = await signedIn("editor");
    const other = await signedIn("editor");
    const bodies: Record<string, string>[] = [{}, { _csrf: "" }, { _csrf: "wrong" }, { _csrf: other.csrf }, { _csrf: editor.csrf.slice(0, -1) }];
    for (const body of bodies) {
      const r = await thrown(auth.requireStaffAction(post(editor.cookie, { title: "x", ...body }), "editor"));
      expect(r.status, JSON.stringify(body)).toBe(403);
      expect(await r.json()).toMatch(/did not come from this site, so nothing has been changed/);
    }
    const ok = await auth.requireStaffAction(post(editor.cookie, { title: "kept", _csrf: editor.csrf }), "editor");
    expect(ok.session.staff.id).toBe(editor.staff.id);
    expect(ok.form.get("title")).toBe("kept");
  });

  it("refuses a session that has expired or been ended", async () => {
    const editor = await signedIn("editor");
    await models.sessions.endStaffSession(database.handle.db, { id: editor.id });
    const r = await thrown(auth.requireStaffAction(post(editor.cookie, { _csrf: editor.csrf }), "editor"));
    expect(r.headers.get("Location")).toMatch(/^\/staff\/login/);
  });

  it("reads the account with the session on every request: a new role counts at once, a removed account's session signs no one in", async () => {
    const member = await signedIn("editor");
    const asked = () => auth.requireStaff(new Request("http://localhost/staff", { headers: { Cookie: member.cookie } }), "analyst");
    expect((await asked()).staff.role).toBe("editor");
    await database.handle.db.updateTable("staff").set({ role: "analyst" }).where("id", "=", member.staff.id).execute();
    expect((await asked()).staff.role).toBe("analyst");
    // Removing an account ends its sessions (changeStaff); a row marked removed by hand, its
    // session left behind, still signs no one in.
    await database.handle.db.updateTable("staff").set({ removed_at: new Date().toISOString() }).where("id", "=", member.staff.id).execute();
    expect((await thrown(asked())).headers.get("Location")).toMatch(/^\/staff\/login/);
  });
});

describe("logIn", () => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
    const t = performance.now();
    const r = await f();
    return [r, performance.now() - t];
  };

  it("answers an unknown address exactly as a known one, in comparable time, also after repeated failures (issue 12, reproduction 5)", async () => {
    const email = "throttled@auth.example";
    const password = "a long and correct password";
    await models.staff.createStaff(database.handle.db, { email, role: "editor", passwordHash: await models.hash.hashPassword(password) });
    const unknown = await auth.logIn({ email: "nobody@auth.example", password: "whatever it is", clientAddress: "198.51.100.1" });
    const wrong = await auth.logIn({ email, password: "not the password", clientAddress: "198.51.100.2" });
    expect(unknown).toEqual(wrong);
    expect(wrong).toEqual({ ok: false, status: 400, message: "Enter a correct email address and password" });

    // Four more failures each, from other clients: both addresses have now had five.
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < 4; i++) {
      knownTimes.push((await timed(() => auth.logIn({ email, password: "still wrong", clientAddress: `198.51.100.${10 + i}` })))[1]);
      unknownTimes.push((await timed(() => auth.logIn({ email: "nobody@auth.example", password: "still wrong", clientAddress: `198.51.100.${20 + i}` })))[1]);
    }
    // A dummy argon2 verification for the unknown address: the same order of time.
    expect(median(unknownTimes) / median(knownTimes)).toBeGreaterThan(0.4);
    expect(median(unknownTimes) / median(knownTimes)).toBeLessThan(2.5);

    // A sixth client: the same answer for both (it used to be "Too many failed attempts" for
    // the real address only, and faster).
    const [sixthKnown, tKnown] = await timed(() => auth.logIn({ email, password: "guess", clientAddress: "198.51.100.99" }));
    const [sixthUnknown, tUnknown] = await timed(() => auth.logIn({ email: "nobody@auth.example", password: "guess", clientAddress: "198.51.100.98" }));
    expect(sixthKnown).toEqual(sixthUnknown);
    expect(sixthKnown).toMatchObject({ ok: false, status: 429, message: expect.stringMatching(/^Too many failed attempts\. Wait \d+ seconds? and try again\.$/) });
    expect(Math.abs(tKnown - tUnknown)).toBeLessThan(100);

    const entries = await models.audit.listAudit(database.handle.db, { action: "login.failed" });
    expect(entries.filter((e) => e.staff_email === email)).toHaveLength(5);
    // No address is ever written down.
    expect(JSON.stringify(entries)).not.toContain("198.51.100");
    const limits = await database.handle.db.selectFrom("rate_limits").selectAll().execute();
    expect(JSON.stringify(limits)).not.toMatch(/198\.51\.100|throttled@|nobody@/);
  });

  it("never locks the owner out: a browser that signed in before is judged on its own failures only", async () => {
    const email = "owner@auth.example";
    const password = "the owner's long password";
    await models.staff.createStaff(database.handle.db, { email, role: "editor", passwordHash: await models.hash.hashPassword(password) });
    const first = await auth.logIn({ email, password, clientAddress: "192.0.2.50", request: new Request("http://localhost/staff/login") });
    if (!first.ok) throw new Error("first sign-in failed");
    const device = first.cookies.map((c) => c.split(";")[0]).find((c) => c.startsWith("yoursay_device="))!;
    expect(device).toBeTruthy();
    // Someone guesses at the account from elsewhere, many times.
    for (let i = 0; i < 8; i++) await auth.logIn({ email, password: `guess ${i}`, clientAddress: `203.0.113.${100 + i}` });
    const stranger = await auth.logIn({ email, password, clientAddress: "203.0.113.200" });
    expect(stranger).toMatchObject({ ok: false, status: 429 });
    // The owner, on their own browser, is not held up, and is told about the failures.
    const owner = await auth.logIn({ email, password, clientAddress: "192.0.2.50", request: new Request("http://localhost/staff/login", { headers: { Cookie: device } }) });
    expect(owner).toMatchObject({ ok: true, next: "complete", notice: true });
    const audit = await models.audit.listAudit(database.handle.db, { action: "login.repeated_failures", staffEmail: email });
    expect(audit).toHaveLength(1);
    // Five were checked (and failed); the rest were refused by the delay before any check.
    expect(audit[0].detail).toMatch(/^5 failed attempts to sign in since the last sign-in/);
  });

  it("slows a client down after ten failures across accounts", async () => {
    for (let i = 0; i < 10; i++) await auth.logIn({ email: `guess-${i}@auth.example`, password: "guessing", clientAddress: "203.0.113.7" });
    const r = await auth.logIn({ email: "guess-11@auth.example", password: "guessing", clientAddress: "203.0.113.7" });
    expect(r).toMatchObject({ ok: false, status: 429, message: expect.stringMatching(/Too many failed attempts/) });
  });

  it("starts a fresh session at each sign-in", async () => {
    const email = "fresh@auth.example";
    const password = "another long correct password";
    await models.staff.createStaff(database.handle.db, { email, role: "analyst", passwordHash: await models.hash.hashPassword(password) });
    const first = await auth.logIn({ email, password, clientAddress: "192.0.2.1" });
    const second = await auth.logIn({ email, password, clientAddress: "192.0.2.1" });
    if (!first.ok || !second.ok) throw new Error("sign-in failed");
    expect(first.cookies[0]).not.toBe(second.cookies[0]);
    expect(first.cookies[0]).toMatch(/HttpOnly/);
    expect(first.cookies[0]).toMatch(/SameSite=Lax/);
  });
});
