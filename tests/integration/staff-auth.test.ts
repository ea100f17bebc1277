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
  const id = await models.sessions.createStaffSession(database.handle.db, { staffId: staff.id });
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
});

describe("logIn", () => {
  it("gives the same message for a wrong password and an unknown email, and locks the account after five failures", async () => {
    const email = "throttled@auth.example";
    const password = "a long and correct password";
    await models.staff.createStaff(database.handle.db, { email, role: "editor", passwordHash: await models.hash.hashPassword(password) });
    const unknown = await auth.logIn({ email: "nobody@auth.example", password: "whatever it is", clientAddress: "198.51.100.1" });
    const wrong = await auth.logIn({ email, password: "not the password", clientAddress: "198.51.100.2" });
    expect(unknown).toEqual(wrong);
    expect(wrong).toEqual({ ok: false, status: 400, message: "Enter a correct email address and password" });

    for (let i = 0; i < 4; i++) await auth.logIn({ email, password: "still wrong", clientAddress: `198.51.100.${10 + i}` });
    // Five failures from five addresses: the account itself is now locked, even for the right password.
    const locked = await auth.logIn({ email, password, clientAddress: "198.51.100.99" });
    expect(locked).toMatchObject({ ok: false, status: 429 });
    const entries = await models.audit.listAudit(database.handle.db, { action: "login.failed" });
    expect(entries.filter((e) => e.staff_email === email)).toHaveLength(5);
    // No address is ever written down.
    expect(JSON.stringify(entries)).not.toContain("198.51.100");
  });

  it("locks a client address after five failures across accounts", async () => {
    for (let i = 0; i < 5; i++) await auth.logIn({ email: `guess-${i}@auth.example`, password: "guessing", clientAddress: "203.0.113.7" });
    const r = await auth.logIn({ email: "guess-6@auth.example", password: "guessing", clientAddress: "203.0.113.7" });
    expect(r).toMatchObject({ ok: false, status: 429, message: expect.stringMatching(/Too many failed attempts/) });
  });

  it("starts a fresh session at each sign-in", async () => {
    const email = "fresh@auth.example";
    const password = "another long correct password";
    await models.staff.createStaff(database.handle.db, { email, role: "analyst", passwordHash: await models.hash.hashPassword(password) });
    const first = await auth.logIn({ email, password, clientAddress: "192.0.2.1" });
    const second = await auth.logIn({ email, password, clientAddress: "192.0.2.1" });
    if (!first.ok || !second.ok) throw new Error("sign-in failed");
    expect(first.cookie).not.toBe(second.cookie);
    expect(first.cookie).toMatch(/HttpOnly/);
    expect(first.cookie).toMatch(/SameSite=Lax/);
  });
});
