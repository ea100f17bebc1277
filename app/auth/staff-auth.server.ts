import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createCookie, json, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { hasRole, type Role } from "./roles";
import { ClientThrottle, lockoutMs } from "./throttle";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";
import { db } from "../server/db.server";
import { env } from "../server/env.server";
import { recordAudit } from "../models/audit.server";
import { findStaffForLogin, recordLoginFailure, resetLoginFailures, setStaffPassword } from "../models/staff.server";
import { createStaffSession, endStaffSession, getStaffSession, IDLE_MS, type StaffSession } from "../models/staff-session.server";

/**
 * Staff authentication. Every staff loader and action calls requireStaff (or requireStaffAction
 * for mutations) itself: a layout route does not guard its children, and resource routes skip
 * layouts altogether.
 */

const staffCookie = () =>
  createCookie("yoursay_staff", {
    httpOnly: true,
    sameSite: "lax",
    secure: env().NODE_ENV === "production",
    path: "/",
    secrets: [env().SESSION_SECRET],
    // The server ends idle and old sessions; the cookie itself lasts no longer than the absolute limit.
    maxAge: 12 * 60 * 60,
  });

async function sessionIdFrom(request: Request): Promise<string | null> {
  const value = await staffCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export async function getCurrentStaff(request: Request): Promise<StaffSession | null> {
  const id = await sessionIdFrom(request);
  return id ? getStaffSession(db(), { id }) : null;
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(`/staff/login?redirectTo=${encodeURIComponent(back)}`);
}

/** For loaders: signed in with at least `role`, or redirected to sign in / refused with 403. */
export async function requireStaff(request: Request, role: Role): Promise<StaffSession> {
  const session = await getCurrentStaff(request);
  if (!session) throw loginRedirect(request);
  if (!hasRole(session.staff.role, role)) {
    throw json("Your account does not have access to this page. Ask an administrator if you need it.", { status: 403 });
  }
  return session;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * For actions: as requireStaff, plus the session's CSRF token must come back in the form's
 * `_csrf` field (SameSite=Lax is the second line of defence). Returns the parsed form.
 */
export async function requireStaffAction(request: Request, role: Role): Promise<{ session: StaffSession; form: FormData }> {
  const session = await getCurrentStaff(request);
  if (!session) throw loginRedirect(request);
  if (!hasRole(session.staff.role, role)) {
    throw json("Your account does not have access to this action. Ask an administrator if you need it.", { status: 403 });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw json("The form could not be read. Nothing has been changed. Go back and try again.", { status: 400 });
  }
  const token = form.get("_csrf");
  if (typeof token !== "string" || !sameToken(token, session.csrfToken)) {
    throw json("This form has expired or did not come from this site, so nothing has been changed. Go back, reload the page and try again.", {
      status: 403,
    });
  }
  return { session, form };
}

/**
 * As requireStaffAction, for forms with a file upload (multipart): the upload is read in memory,
 * capped at `maxBytes` and never written to disk, files become text fields, and the result goes
 * through the same role and CSRF checks. Returns { tooLarge: true } when the upload is over the cap.
 */
export async function requireStaffUpload(
  request: Request,
  role: Role,
  { maxBytes }: { maxBytes: number },
): Promise<{ session: StaffSession; form: FormData } | { tooLarge: true }> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return requireStaffAction(request, role);
  await requireStaff(request, role);
  let parsed: FormData;
  try {
    parsed = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }));
  } catch {
    // Nothing is changed by refusing it, so this answer needs no CSRF check.
    return { tooLarge: true };
  }
  const body = new URLSearchParams();
  for (const [k, v] of parsed) body.append(k, typeof v === "string" ? v : await v.text());
  const plain = new Request(request.url, {
    method: "POST",
    headers: { Cookie: request.headers.get("Cookie") ?? "", "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  return requireStaffAction(plain, role);
}

// Per-client login throttle, keyed by an HMAC of the address under a per-process random salt:
// the address itself is never kept.
const throttle = new ClientThrottle();
const clientSalt = randomBytes(16);
const clientKey = (address: string) => createHmac("sha256", clientSalt).update(address).digest("base64url");

export type LoginResult =
  | { ok: true; cookie: string; role: Role }
  | { ok: false; message: string; status: 400 | 429 };

const GENERIC_FAILURE = "Enter a correct email address and password";

export async function logIn({ email, password, clientAddress }: { email: string; password: string; clientAddress: string }): Promise<LoginResult> {
  const key = clientKey(clientAddress);
  const now = Date.now();
  const clientWait = throttle.lockedFor(key, now);
  if (clientWait > 0) {
    return { ok: false, status: 429, message: `Too many failed attempts. Wait ${Math.ceil(clientWait / 60_000)} minutes and try again.` };
  }
  const account = await findStaffForLogin(db(), { email });
  if (account?.locked_until && new Date(account.locked_until).getTime() > now) {
    // Same wording as a wrong password would get after the limit, whether or not the account exists.
    throttle.fail(key, now);
    return { ok: false, status: 429, message: "Too many failed attempts. Wait a few minutes and try again." };
  }
  const valid = account ? await verifyPassword(account.password_hash, password) : await verifyAgainstDummy(password);
  if (!account || !valid) {
    throttle.fail(key, now);
    if (account) {
      const failures = account.failed_logins + 1;
      const lock = lockoutMs(failures);
      await recordLoginFailure(db(), { id: account.id, lockedUntil: lock ? new Date(now + lock).toISOString() : null });
      await recordAudit(db(), { staff: { id: account.id, email: account.email }, action: "login.failed" });
    } else {
      await recordAudit(db(), { staff: null, action: "login.failed", detail: "unknown email address" });
    }
    return { ok: false, status: 400, message: GENERIC_FAILURE };
  }
  throttle.succeed(key);
  await resetLoginFailures(db(), { id: account.id });
  // A fresh session id at every sign-in (no fixation); the old cookie's session, if any, is ended by logOut.
  const sessionId = await createStaffSession(db(), { staffId: account.id });
  await recordAudit(db(), { staff: { id: account.id, email: account.email }, action: "login.succeeded" });
  return { ok: true, cookie: await staffCookie().serialize(sessionId), role: account.role };
}

export async function logOut(request: Request): Promise<string> {
  const id = await sessionIdFrom(request);
  if (id) {
    const session = await getStaffSession(db(), { id });
    await endStaffSession(db(), { id });
    if (session) await recordAudit(db(), { staff: session.staff, action: "logout" });
  }
  return staffCookie().serialize("", { maxAge: 0 });
}

/**
 * Changes the signed-in staff member's own password, once the current one is proved: the new
 * hash is stored, every other session of the account ends (a session someone else holds stops
 * working at once), and the audit trail records it. This session carries on.
 */
export async function changeOwnPassword(session: StaffSession, { current, password }: { current: string; password: string }): Promise<{ ok: true } | { ok: false }> {
  const account = await findStaffForLogin(db(), { email: session.staff.email });
  if (!account || !(await verifyPassword(account.password_hash, current))) return { ok: false };
  const changed = await setStaffPassword(db(), { id: account.id, passwordHash: await hashPassword(password), keepSessionIdHash: session.idHash });
  if (!changed) return { ok: false };
  const ended = changed.sessionsEnded;
  await recordAudit(db(), { staff: session.staff, action: "staff.password_changed", detail: ended ? `${ended} other ${ended === 1 ? "session" : "sessions"} signed out` : null });
  return { ok: true };
}

export { hashPassword, IDLE_MS };
