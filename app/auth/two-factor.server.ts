import { randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { Role } from "./roles";
import { hashPassword, verifyPassword } from "./password.server";
import { open, seal } from "./secret-box.server";
import { db } from "../server/db.server";
import { env } from "../server/env.server";
import {
  claimTotpStep,
  enableTotp,
  getTotpState,
  resealTotpSecret,
  setPendingTotpSecret,
  spendRecoveryCode,
  unusedRecoveryCodes,
} from "../models/staff-two-factor.server";

/**
 * Two-step sign-in: a time-based one-time code (TOTP, RFC 6238: SHA-1, 6 digits, 30-second
 * steps, the defaults every authenticator app supports) from otplib, and ten single-use
 * recovery codes. NCSC, "Multi-factor authentication for your corporate online services".
 *
 * - Required for administrators always, and for every staff member when
 *   TWO_FACTOR_REQUIRED=everyone; anyone else may turn it on at /staff/security.
 * - A code is accepted from one step before to one step after now (RFC 6238 §5.2 allows for
 *   clock drift and the time it takes to type), and never twice: the step of the last accepted
 *   code is stored and only later steps are accepted, in one conditional UPDATE.
 * - The seed is stored sealed (secret-box.server.ts); recovery codes as argon2id hashes.
 */

export const ISSUER = "Your Say (Durham OPCC)";
/** Recovery codes: 10 of them, each 10 characters from a 31-letter alphabet (about 49 bits). */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_COUNT = 10;

export function twoFactorRequired(role: Role): boolean {
  return role === "admin" || env().TWO_FACTOR_REQUIRED === "everyone";
}

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The secret in groups of four, for typing into an app by hand. */
export const groupSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, "$1 ");

export function totpUri(email: string, secret: string): string {
  return generateURI({ issuer: ISSUER, label: email, secret });
}

/** The otpauth URI as a QR code, an SVG drawn on the server (no script), as a data: URI for an img. */
export async function qrCodeDataUri(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

export const normaliseCode = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();
export const looksLikeTotp = (code: string) => /^\d{6}$/.test(normaliseCode(code));

async function checkTotp(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  if (!looksLikeTotp(code)) return null;
  const result = await verify({ secret, token: normaliseCode(code), epochTolerance: 30, ...(afterStep !== null ? { afterTimeStep: afterStep } : {}) });
  // The TOTP strategy's result carries the step it matched (the functional API's type is the union with HOTP's).
  return result.valid && "timeStep" in result ? Number(result.timeStep) : null;
}

/**
 * Checks a code from the app (or, with allowRecovery, a recovery code) for an enrolled account.
 * A TOTP code is spent (its step claimed) and a recovery code used up only when it is right.
 */
export async function verifySecondFactor(staffId: string, code: string, { allowRecovery = true } = {}): Promise<{ ok: true; via: "totp" | "recovery"; recoveryLeft?: number } | { ok: false }> {
  const state = await getTotpState(db(), { staffId });
  if (!state?.totp_secret) return { ok: false };
  const opened = open(env().SESSION_SECRETS, state.totp_secret);
  if (!opened) return { ok: false };
  if (opened.stale) await resealTotpSecret(db(), { staffId, sealed: seal(env().SESSION_SECRETS, opened.plain) });
  if (looksLikeTotp(code)) {
    const step = await checkTotp(opened.plain, code, state.totp_last_step === null ? null : Number(state.totp_last_step));
    if (step === null) return { ok: false };
    return (await claimTotpStep(db(), { staffId, step })) ? { ok: true, via: "totp" } : { ok: false };
  }
  if (!allowRecovery) return { ok: false };
  const given = normaliseCode(code);
  if (given.length !== 10 || /[^a-z0-9]/.test(given)) return { ok: false };
  const codes = await unusedRecoveryCodes(db(), { staffId });
  for (const c of codes) {
    if (await verifyPassword(c.code_hash, given)) {
      if (!(await spendRecoveryCode(db(), { id: c.id }))) return { ok: false };
      return { ok: true, via: "recovery", recoveryLeft: codes.length - 1 };
    }
  }
  return { ok: false };
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_COUNT }, () => {
    const raw = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

export const hashRecoveryCodes = (codes: string[]) => Promise.all(codes.map((c) => hashPassword(normaliseCode(c))));

/** The secret being set up for an account: the pending one, or a new one stored as pending. */
export async function pendingSecret(staffId: string): Promise<string> {
  const state = await getTotpState(db(), { staffId });
  const opened = state?.totp_pending_secret ? open(env().SESSION_SECRETS, state.totp_pending_secret) : null;
  if (opened) return opened.plain;
  const secret = newTotpSecret();
  await setPendingTotpSecret(db(), { staffId, sealed: seal(env().SESSION_SECRETS, secret) });
  return secret;
}

/** Confirms set-up with a code from the app: two-step sign-in is on, and here are the recovery codes (shown once). */
export async function confirmEnrolment(staffId: string, code: string): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false }> {
  const state = await getTotpState(db(), { staffId });
  const opened = state?.totp_pending_secret ? open(env().SESSION_SECRETS, state.totp_pending_secret) : null;
  if (!opened) return { ok: false };
  const step = await checkTotp(opened.plain, code, null);
  if (step === null) return { ok: false };
  const recoveryCodes = newRecoveryCodes();
  await enableTotp(db(), { staffId, sealed: seal(env().SESSION_SECRETS, opened.plain), step, recoveryHashes: await hashRecoveryCodes(recoveryCodes) });
  return { ok: true, recoveryCodes };
}
