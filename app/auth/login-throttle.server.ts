import { db } from "../server/db.server";
import { addFailure, clearFailures, failures } from "../server/rate-limit.server";
import { LOGIN_WINDOW_MS, THROTTLES, waitMs, type Throttle } from "./throttle";

/** The shared counters behind throttle.ts's policy (in the database, under HMAC keys). */

async function wait(throttle: Throttle, subject: string, now: number): Promise<number> {
  return waitMs(throttle, await failures(db(), throttle.scope, subject, LOGIN_WINDOW_MS, now), now);
}

export interface LoginSubject {
  /** The address typed, normalised (whether or not it has an account). */
  email: string;
  clientAddress: string;
  /** A trusted browser's nonce for this account, when it sent one. */
  device: string | null;
}

/** How long this attempt must wait (0: go ahead). */
export async function loginWait({ email, clientAddress, device }: LoginSubject, now = Date.now()): Promise<number> {
  if (device) return wait(THROTTLES.device, device, now);
  const [byEmail, byClient] = await Promise.all([wait(THROTTLES.email, email, now), wait(THROTTLES.client, clientAddress, now)]);
  return Math.max(byEmail, byClient);
}

export async function loginFailed({ email, clientAddress, device }: LoginSubject, now = Date.now()): Promise<void> {
  if (device) return addFailure(db(), THROTTLES.device.scope, device, LOGIN_WINDOW_MS, now);
  await addFailure(db(), THROTTLES.email.scope, email, LOGIN_WINDOW_MS, now);
  await addFailure(db(), THROTTLES.client.scope, clientAddress, LOGIN_WINDOW_MS, now);
}

/**
 * A correct password: this client's and this browser's failures are forgotten. The failures
 * against the address typed are not: they may be someone else's guessing, which a sign-in by
 * the owner must not reset.
 */
export async function loginSucceeded({ clientAddress, device }: LoginSubject, now = Date.now()): Promise<void> {
  await clearFailures(db(), THROTTLES.client.scope, clientAddress, LOGIN_WINDOW_MS, now);
  if (device) await clearFailures(db(), THROTTLES.device.scope, device, LOGIN_WINDOW_MS, now);
}

/** Wrong codes at the second step (and when confirming it is you), per account. */
export const secondFactorWait = (staffId: string, now = Date.now()) => wait(THROTTLES.secondFactor, staffId, now);
export const secondFactorFailed = (staffId: string, now = Date.now()) => addFailure(db(), THROTTLES.secondFactor.scope, staffId, LOGIN_WINDOW_MS, now);
export const secondFactorSucceeded = (staffId: string, now = Date.now()) => clearFailures(db(), THROTTLES.secondFactor.scope, staffId, LOGIN_WINDOW_MS, now);
