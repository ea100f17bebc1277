import { z } from "zod";
import type { StaffSession } from "../models/staff-session.server";
import { clearSessionNotice, endOtherStaffSessions, endStaffSessionByRef, listStaffSessions } from "../models/staff-session.server";
import { getStaff, listStaff } from "../models/staff.server";
import { countUnusedRecoveryCodes, disableTotp, replaceRecoveryCodes } from "../models/staff-two-factor.server";
import { recordAudit } from "../models/audit.server";
import { db } from "../server/db.server";
import { hasRole } from "./roles";
import type { SignInNotice } from "./staff-auth.server";
import { hashRecoveryCodes, newRecoveryCodes, twoFactorRequired } from "./two-factor.server";

/**
 * What /staff/security shows and does: the notice after sign-in, two-step verification, and
 * sessions. Staff list and end their own sessions; administrators anyone's, and reset someone's
 * two-step verification when they have lost their phone and their recovery codes.
 */

const NoticeSchema = z.object({ failures: z.number(), lastAt: z.string().nullable() });

export async function securityOverview(session: StaffSession) {
  let notice: SignInNotice | null = null;
  if (session.notice) {
    const parsed = NoticeSchema.safeParse(JSON.parse(session.notice));
    notice = parsed.success ? parsed.data : null;
    // Shown once.
    await clearSessionNotice(db(), { idHash: session.idHash });
  }
  const isAdmin = hasRole(session.staff.role, "admin");
  const mine = await listStaffSessions(db(), { staffId: session.staff.id });
  return {
    notice,
    twoFactor: session.staff.twoFactor,
    required: twoFactorRequired(session.staff.role),
    recoveryLeft: session.staff.twoFactor ? await countUnusedRecoveryCodes(db(), { staffId: session.staff.id }) : 0,
    sessions: mine.map((s) => ({ ...s, current: s.ref === session.ref })),
    everyone: isAdmin ? (await listStaffSessions(db())).filter((s) => s.staffId !== session.staff.id) : [],
    accounts: isAdmin ? (await listStaff(db())).filter((a) => a.id !== session.staff.id).map((a) => ({ id: a.id, email: a.email, twoFactor: a.twoFactor })) : [],
  };
}

/** Ends one session: one's own, or (administrators) anyone's. Not the session making the request: that is "Sign out". */
export async function endSession(session: StaffSession, ref: string): Promise<"ended" | "not_found" | "current"> {
  if (ref === session.ref) return "current";
  const isAdmin = hasRole(session.staff.role, "admin");
  const ended = await endStaffSessionByRef(db(), { ref, staffId: isAdmin ? undefined : session.staff.id });
  if (!ended) return "not_found";
  await recordAudit(db(), { staff: session.staff, action: "session.ended", detail: ended.staffId === session.staff.id ? "one of their own sessions" : `a session of ${ended.staffEmail}` });
  return "ended";
}

export async function endOtherSessions(session: StaffSession): Promise<number> {
  const ended = await endOtherStaffSessions(db(), { staffId: session.staff.id, keepIdHash: session.idHash });
  if (ended) await recordAudit(db(), { staff: session.staff, action: "session.ended", detail: `${ended} other ${ended === 1 ? "session" : "sessions"} of their own` });
  return ended;
}

export async function regenerateRecoveryCodes(session: StaffSession): Promise<string[]> {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(db(), { staffId: session.staff.id, hashes: await hashRecoveryCodes(codes) });
  await recordAudit(db(), { staff: session.staff, action: "two_factor.recovery_codes_created" });
  return codes;
}

/** Turns one's own two-step verification off, where the role does not require it. */
export async function turnOffOwnTwoFactor(session: StaffSession): Promise<boolean> {
  if (twoFactorRequired(session.staff.role)) return false;
  await disableTotp(db(), { staffId: session.staff.id });
  await recordAudit(db(), { staff: session.staff, action: "two_factor.disabled", detail: "turned off by the account holder" });
  return true;
}

/**
 * An administrator resets someone's two-step verification (lost phone and recovery codes):
 * it is turned off and every session of theirs ends; where it is required they set it up
 * again at their next sign-in.
 */
export async function resetTwoFactor(session: StaffSession, staffId: string): Promise<string | null> {
  if (!hasRole(session.staff.role, "admin") || staffId === session.staff.id) return null;
  const member = await getStaff(db(), { id: staffId });
  if (!member) return null;
  await disableTotp(db(), { staffId });
  await endOtherStaffSessions(db(), { staffId });
  await recordAudit(db(), { staff: session.staff, action: "two_factor.disabled", detail: `reset for ${member.email}; signed out everywhere` });
  return member.email;
}
