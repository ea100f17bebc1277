import { randomBytes, timingSafeEqual } from "node:crypto";
import { createCookie, json, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { z } from "zod";
import { hasRole, type Role } from "./roles";
import { NOTICE_AFTER_FAILURES, waitWords } from "./throttle";
import { loginFailed, loginSucceeded, loginWait, secondFactorFailed, secondFactorSucceeded, secondFactorWait, type LoginSubject } from "./login-throttle.server";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";
import { twoFactorRequired, verifySecondFactor } from "./two-factor.server";
import { db } from "../server/db.server";
import { cookieName, env } from "../server/env.server";
import { MAX_REDIRECT_LENGTH, safeRedirectPath } from "../server/request-checks.server";
import { recordAudit } from "../models/audit.server";
import { findStaffForLogin, normaliseEmail, recordLoginFailure, resetLoginFailures, setStaffPassword } from "../models/staff.server";
import {
  createStaffSession,
  endStaffSession,
  getStaffSession,
  IDLE_MS,
  recordReauthentication,
  recordSecondFactor,
  type StaffSession,
} from "../models/staff-session.server";

/**
 * Staff authentication. Every staff loader and action calls requireStaff (or requireStaffAction
 * for mutations) itself: a layout route does not guard its children, and resource routes skip
 * layouts altogether.
 *
 * Sign-in is two steps where two-step verification is on or required (two-factor.server.ts): a
 * correct password makes a session that can do nothing but prove the second factor (or set it
 * up, where it is required and not yet set up), for at most PENDING_MS. Cookies are signed with
 * the first of SESSION_SECRETS and accepted under any of them (rotation), and named with the
 * __Host- prefix in production (Secure, Path=/, no Domain: a sibling subdomain cannot set them).
 */

/** How long a password-only session may wait for its second step. */
export const PENDING_MS = 10 * 60 * 1000;
/** A sensitive action needs the password (and code) proved within this long (re-authentication). */
export const REAUTH_MS = 15 * 60 * 1000;

const baseCookie = () => ({ httpOnly: true, sameSite: "lax" as const, secure: env().NODE_ENV === "production", path: "/", secrets: env().SESSION_SECRETS });

const staffCookie = () =>
  createCookie(cookieName("yoursay_staff"), {
    ...baseCookie(),
    // The server ends idle and old sessions; the cookie itself lasts no longer than the absolute limit.
    maxAge: 12 * 60 * 60,
  });

/** The sign-in form's CSRF token (double submit: this signed cookie and the form's field must match). */
const loginCsrfCookie = () => createCookie(cookieName("yoursay_signin"), { ...baseCookie(), maxAge: 2 * 60 * 60 });

/**
 * Browsers an account has completed sign-in with (OWASP device cookies): a signed list of
 * (account id, random nonce) pairs, at most five, for 90 days. Such a browser is throttled on
 * its own failures only (throttle.ts).
 */
const deviceCookie = () => createCookie(cookieName("yoursay_device"), { ...baseCookie(), maxAge: 90 * 24 * 60 * 60 });
const DeviceEntries = z.array(z.object({ s: z.string().max(64), n: z.string().max(64) })).max(5);

async function deviceEntries(request: Request): Promise<z.infer<typeof DeviceEntries>> {
  const parsed = DeviceEntries.safeParse(await deviceCookie().parse(request.headers.get("Cookie")));
  return parsed.success ? parsed.data : [];
}

async function trustThisBrowser(request: Request, staffId: string): Promise<string> {
  const entries = (await deviceEntries(request)).filter((e) => e.s !== staffId);
  entries.unshift({ s: staffId, n: randomBytes(16).toString("base64url") });
  return deviceCookie().serialize(entries.slice(0, 5));
}

async function sessionIdFrom(request: Request): Promise<string | null> {
  const value = await staffCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The signed-in staff member's session, complete or not (see sessionStage). */
export async function getCurrentStaff(request: Request): Promise<StaffSession | null> {
  const id = await sessionIdFrom(request);
  return id ? getStaffSession(db(), { id }) : null;
}

/** Where a session stands: complete, or waiting for its second factor to be proved or set up. */
export function sessionStage(session: StaffSession): "complete" | "verify" | "enrol" {
  if (session.secondFactorAt) return "complete";
  if (session.staff.twoFactor) return "verify";
  return twoFactorRequired(session.staff.role) ? "enrol" : "complete";
}

/** The path and query of a request, as a redirectTo value; the query is dropped when too long. */
function backTo(request: Request): string {
  const url = new URL(request.url);
  const full = url.pathname + url.search;
  return full.length <= MAX_REDIRECT_LENGTH ? full : url.pathname.slice(0, MAX_REDIRECT_LENGTH);
}

const withRedirect = (path: string, to: string) => (to === "/staff" ? path : `${path}?redirectTo=${encodeURIComponent(to)}`);

function loginRedirect(request: Request): Response {
  return redirect(`/staff/login?redirectTo=${encodeURIComponent(backTo(request))}`);
}

/** Session present and complete (second factor proved where needed), or the right redirect. */
async function completeSession(request: Request): Promise<StaffSession> {
  const session = await getCurrentStaff(request);
  if (!session) throw loginRedirect(request);
  const stage = sessionStage(session);
  if (stage !== "complete") {
    if (Date.now() - new Date(session.createdAt).getTime() > PENDING_MS) {
      await endPending(request);
      throw loginRedirect(request);
    }
    throw redirect(withRedirect(stage === "verify" ? "/staff/two-factor" : "/staff/two-factor/setup", backTo(request)));
  }
  return session;
}

async function endPending(request: Request) {
  const id = await sessionIdFrom(request);
  if (id) await endStaffSession(db(), { id });
}

/** For loaders: signed in with at least `role`, or redirected to sign in / refused with 403. */
export async function requireStaff(request: Request, role: Role): Promise<StaffSession> {
  const session = await completeSession(request);
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

async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw json("The form could not be read. Nothing has been changed. Go back and try again.", { status: 400 });
  }
}

const EXPIRED_FORM = "This form has expired or did not come from this site, so nothing has been changed. Go back, reload the page and try again.";

function requireCsrf(form: FormData, session: StaffSession) {
  const token = form.get("_csrf");
  if (typeof token !== "string" || !sameToken(token, session.csrfToken)) throw json(EXPIRED_FORM, { status: 403 });
}

/**
 * For actions: as requireStaff, plus the session's CSRF token must come back in the form's
 * `_csrf` field (SameSite=Lax and the Origin check in server.ts are further lines of defence).
 * Returns the parsed form.
 */
export async function requireStaffAction(request: Request, role: Role): Promise<{ session: StaffSession; form: FormData }> {
  const session = await completeSession(request);
  if (!hasRole(session.staff.role, role)) {
    throw json("Your account does not have access to this action. Ask an administrator if you need it.", { status: 403 });
  }
  const form = await readForm(request);
  requireCsrf(form, session);
  return { session, form };
}

/**
 * For the second-step pages only: a signed-in session that has not yet proved (or set up) its
 * second factor. A complete session is sent on; an expired pending one back to sign in.
 */
export async function requirePendingStaff(request: Request, stage: "verify" | "enrol"): Promise<StaffSession> {
  const session = await getCurrentStaff(request);
  if (!session) throw loginRedirect(request);
  const actual = sessionStage(session);
  const to = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), { prefix: "/staff", fallback: "/staff" });
  if (actual === "complete") throw redirect(to);
  if (Date.now() - new Date(session.createdAt).getTime() > PENDING_MS) {
    await endPending(request);
    throw redirect(withRedirect("/staff/login", to));
  }
  if (actual !== stage) throw redirect(withRedirect(actual === "verify" ? "/staff/two-factor" : "/staff/two-factor/setup", to));
  return session;
}

/** As requirePendingStaff, for its form: with the session's CSRF token. */
export async function requirePendingStaffAction(request: Request, stage: "verify" | "enrol"): Promise<{ session: StaffSession; form: FormData }> {
  const current = await getCurrentStaff(request);
  if (!current) throw loginRedirect(request);
  // The token first: a form without it is refused whatever stage the session is at.
  const form = await readForm(request.clone());
  requireCsrf(form, current);
  const session = await requirePendingStaff(request, stage);
  return { session, form };
}

/** Signing out: any session, complete or still at its second step, with its CSRF token. */
export async function requireSignedInAction(request: Request): Promise<{ session: StaffSession; form: FormData }> {
  const session = await getCurrentStaff(request);
  if (!session) throw loginRedirect(request);
  const form = await readForm(request);
  requireCsrf(form, session);
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

/**
 * A staff upload of a file or the same text pasted into a box (the postcode lookup, population
 * figures): the text, or the one error to show: too large, or neither given.
 */
export async function requireStaffFileOrPaste(
  request: Request,
  role: Role,
  { maxBytes, pasted, missing }: { maxBytes: number; /** The textarea's name. */ pasted: string; /** What to say when neither is given. */ missing: string },
): Promise<{ session: StaffSession; form: FormData; text: string } | { error: { field: string; message: string } }> {
  const upload = await requireStaffUpload(request, role, { maxBytes });
  if ("tooLarge" in upload) return { error: { field: "file", message: `The file must be smaller than ${maxBytes / 1000} KB` } };
  const uploaded = String(upload.form.get("file") ?? "");
  const text = uploaded.trim() ? uploaded : String(upload.form.get(pasted) ?? "");
  if (!text.trim()) return { error: { field: "file", message: missing } };
  return { ...upload, text };
}

/**
 * Before a sensitive action (resetting someone's password, changing a role, removing staff,
 * downloading raw responses): the password (and code, where two-step verification is on) must
 * have been proved within REAUTH_MS, at sign-in or at /staff/confirm (NCSC and OWASP ASVS
 * V4.3.3 / 3.7.1: re-authenticate before sensitive operations). Otherwise: to /staff/confirm,
 * and back to `returnTo` (this page by default) afterwards.
 */
export function requireRecentAuth(session: StaffSession, request: Request, returnTo?: string): void {
  if (Date.now() - new Date(session.authenticatedAt).getTime() <= REAUTH_MS) return;
  throw redirect(`/staff/confirm?redirectTo=${encodeURIComponent(returnTo ?? backTo(request))}`);
}

export const isRecentlyAuthenticated = (session: StaffSession) => Date.now() - new Date(session.authenticatedAt).getTime() <= REAUTH_MS;

// --- Sign-in ---

/** The sign-in form's token: the one in the browser's cookie, or a new one (with its cookie). */
export async function signInFormToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const existing = await loginCsrfCookie().parse(request.headers.get("Cookie"));
  if (typeof existing === "string" && existing.length === 43) return { token: existing, setCookie: null };
  const token = randomBytes(32).toString("base64url");
  return { token, setCookie: await loginCsrfCookie().serialize(token) };
}

/** True when the sign-in form came back with the token its cookie holds (no login CSRF). */
export async function checkSignInFormToken(request: Request, given: FormDataEntryValue | null): Promise<boolean> {
  const expected = await loginCsrfCookie().parse(request.headers.get("Cookie"));
  return typeof expected === "string" && typeof given === "string" && sameToken(given, expected);
}

export type LoginResult =
  | { ok: true; cookies: string[]; role: Role; next: "complete" | "verify" | "enrol"; notice: boolean }
  | { ok: false; message: string; status: 400 | 429 };

const GENERIC_FAILURE = "Enter a correct email address and password";

export interface SignInNotice {
  failures: number;
  lastAt: string | null;
}

/**
 * Checks a password. The same answer, after the same work, whether or not the address has an
 * account: an unknown address is checked against a dummy argon2 hash, and the throttle counts
 * failures per address typed, known or not, so a refusal says nothing either. No account is
 * ever locked: see throttle.ts.
 */
export async function logIn({ email, password, clientAddress, request }: { email: string; password: string; clientAddress: string; request?: Request }): Promise<LoginResult> {
  const now = Date.now();
  const typed = normaliseEmail(email);
  const account = await findStaffForLogin(db(), { email: typed });
  const trusted = account && request ? (await deviceEntries(request)).find((e) => e.s === account.id) : undefined;
  const subject: LoginSubject = { email: typed, clientAddress, device: trusted?.n ?? null };
  const wait = await loginWait(subject, now);
  if (wait > 0) {
    return { ok: false, status: 429, message: `Too many failed attempts. Wait ${waitWords(wait)} and try again.` };
  }
  const valid = account ? await verifyPassword(account.password_hash, password) : await verifyAgainstDummy(password);
  if (!account || !valid) {
    await loginFailed(subject, now);
    if (account) {
      await recordLoginFailure(db(), { id: account.id, now: new Date(now) });
      await recordAudit(db(), { staff: { id: account.id, email: account.email }, action: "login.failed" });
    } else {
      await recordAudit(db(), { staff: null, action: "login.failed", detail: "unknown email address" });
    }
    return { ok: false, status: 400, message: GENERIC_FAILURE };
  }
  await loginSucceeded(subject, now);
  const staff = { id: account.id, email: account.email };
  const role = account.role as Role;
  const next = account.totp_enabled_at ? "verify" : twoFactorRequired(role) ? "enrol" : "complete";
  // Repeated failures since the last sign-in: told now (a notice after sign-in) and audited.
  const failures = Number(account.failed_logins);
  const notice: SignInNotice | null = failures >= NOTICE_AFTER_FAILURES ? { failures, lastAt: account.last_failed_login_at } : null;
  if (failures > 0) await resetLoginFailures(db(), { id: account.id });
  if (notice) {
    await recordAudit(db(), {
      staff,
      action: "login.repeated_failures",
      detail: `${failures} failed attempts to sign in since the last sign-in${notice.lastAt ? `, the last at ${notice.lastAt}` : ""}; the account holder has been told`,
    });
  }
  // A fresh session id at every sign-in (no fixation); the old cookie's session, if any, is ended by logOut.
  const sessionId = await createStaffSession(db(), { staffId: account.id, secondFactor: next === "complete", notice: notice ? JSON.stringify(notice) : null });
  await recordAudit(db(), { staff, action: "login.succeeded", detail: next === "complete" ? null : "password; second step to follow" });
  const cookies = [await staffCookie().serialize(sessionId)];
  if (next === "complete" && request) cookies.push(await trustThisBrowser(request, account.id));
  return { ok: true, cookies, role, next, notice: notice !== null };
}

/** Where to go after a complete sign-in: the notice page first when there is one to read. */
export function afterSignIn(to: string, notice: boolean): string {
  return notice ? `/staff/security?next=${encodeURIComponent(to)}` : to;
}

/**
 * The second step: a code from the app or a recovery code. Right: the session is complete,
 * this browser trusted, and the cookies to set are returned. Wrong: counted per account.
 */
export async function proveSecondFactor(
  request: Request,
  session: StaffSession,
  code: string,
): Promise<{ ok: true; cookies: string[]; recoveryLeft?: number } | { ok: false; message: string; status: 400 | 429 }> {
  const wait = await secondFactorWait(session.staff.id);
  if (wait > 0) return { ok: false, status: 429, message: `Too many wrong codes. Wait ${waitWords(wait)} and try again.` };
  const result = await verifySecondFactor(session.staff.id, code);
  if (!result.ok) {
    await secondFactorFailed(session.staff.id);
    await recordAudit(db(), { staff: session.staff, action: "login.second_factor_failed" });
    return { ok: false, status: 400, message: "Enter the 6-digit code your authenticator app shows now, or one of your recovery codes" };
  }
  await secondFactorSucceeded(session.staff.id);
  await recordSecondFactor(db(), { idHash: session.idHash });
  if (result.via === "recovery") {
    await recordAudit(db(), { staff: session.staff, action: "login.recovery_code_used", detail: `${result.recoveryLeft} recovery codes left` });
  }
  return { ok: true, cookies: [await trustThisBrowser(request, session.staff.id)], recoveryLeft: result.recoveryLeft };
}

/** After two-step verification is set up at sign-in: the session is complete and this browser trusted. */
export async function completeEnrolment(request: Request, session: StaffSession): Promise<string[]> {
  await recordSecondFactor(db(), { idHash: session.idHash });
  return [await trustThisBrowser(request, session.staff.id)];
}

/**
 * Re-authentication (/staff/confirm): the password, and the code where two-step verification
 * is on. Failures count against the account's second-step throttle.
 */
export async function reauthenticate(session: StaffSession, { password, code }: { password: string; code: string }): Promise<{ ok: true } | { ok: false; status: 400 | 429; field: "password" | "code"; message: string }> {
  const wait = await secondFactorWait(session.staff.id);
  if (wait > 0) return { ok: false, status: 429, field: "password", message: `Too many failed attempts. Wait ${waitWords(wait)} and try again.` };
  const account = await findStaffForLogin(db(), { email: session.staff.email });
  if (!account || !(await verifyPassword(account.password_hash, password))) {
    await secondFactorFailed(session.staff.id);
    return { ok: false, status: 400, field: "password", message: "Your password is not right" };
  }
  if (session.staff.twoFactor) {
    const result = await verifySecondFactor(session.staff.id, code);
    if (!result.ok) {
      await secondFactorFailed(session.staff.id);
      return { ok: false, status: 400, field: "code", message: "Enter the 6-digit code your authenticator app shows now, or one of your recovery codes" };
    }
  }
  await secondFactorSucceeded(session.staff.id);
  await recordReauthentication(db(), { idHash: session.idHash });
  await recordAudit(db(), { staff: session.staff, action: "reauthenticated" });
  return { ok: true };
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
