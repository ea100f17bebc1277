import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * One-time signed submission tokens: a random nonce, the consultation and the time of issue,
 * signed with the server secret (HMAC-SHA256, RFC 2104). The submit spends the
 * nonce in the same transaction as the insert, so a refresh, a double click or a replay records
 * one response, not two. The token carries no identity.
 */

const MAX_AGE_MS = 24 * 60 * 60 * 1000;

const sign = (secret: string, payload: string) => createHmac("sha256", secret).update(payload).digest("base64url");

export function issueSubmissionToken(secret: string, consultationId: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ n: randomBytes(16).toString("base64url"), c: consultationId, t: now })).toString("base64url");
  return `${payload}.${sign(secret, payload)}`;
}

export type TokenCheck = { ok: true; nonce: string; issuedAt: number } | { ok: false; reason: "malformed" | "forged" | "expired" | "wrong-consultation" };

/** `secret` may be the list of accepted secrets (SESSION_SECRET rotation): any one of them verifies. */
export function verifySubmissionToken(secret: string | string[], token: string, consultationId: string, now = Date.now()): TokenCheck {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: "malformed" };
  const given = Buffer.from(signature);
  const genuine = (Array.isArray(secret) ? secret : [secret]).some((s) => {
    const expected = Buffer.from(sign(s, payload));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!genuine) return { ok: false, reason: "forged" };
  let data: { n?: unknown; c?: unknown; t?: unknown };
  try {
    data = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof data.n !== "string" || typeof data.c !== "string" || typeof data.t !== "number") return { ok: false, reason: "malformed" };
  if (data.c !== consultationId) return { ok: false, reason: "wrong-consultation" };
  if (now - data.t > MAX_AGE_MS || data.t - now > 60_000) return { ok: false, reason: "expired" };
  return { ok: true, nonce: data.n, issuedAt: data.t };
}

export const SUBMISSION_TOKEN_MAX_AGE_MS = MAX_AGE_MS;
