import { progressiveDelayMs } from "../server/sliding-window";

/**
 * Sign-in throttling without lock-outs (NCSC, "Password administration for system owners":
 * throttle rather than lock, so that no one can lock a colleague out). Failures are counted over
 * a sliding hour, in the database (every instance agrees), under HMAC keys (login-throttle.server.ts):
 *
 * - per address typed (known or not, so the answer never shows whether an account exists),
 * - per client address,
 * - per trusted browser, for a browser that has signed in to that account before (OWASP,
 *   "Slow Down Online Guessing Attacks with Device Cookies"): such a browser is judged on its
 *   own failures only, so someone guessing at an account from elsewhere cannot hold its owner up.
 *
 * After the free attempts each further attempt must wait 1 s, 2 s, 4 s... up to 15 minutes
 * after the previous failure; the wait is the same message for everyone.
 */
export const LOGIN_WINDOW_MS = 60 * 60 * 1000;
export const MAX_DELAY_MS = 15 * 60 * 1000;

export const THROTTLES = {
  /** Per address typed in the email field. */
  email: { scope: "login-email", free: 5, maxMs: MAX_DELAY_MS },
  /** Per client address: higher, as an office shares one. */
  client: { scope: "login-client", free: 10, maxMs: MAX_DELAY_MS },
  /** Per trusted browser (device cookie). */
  device: { scope: "login-device", free: 5, maxMs: MAX_DELAY_MS },
  /** Wrong codes at the second step or when confirming it is you, per account. */
  secondFactor: { scope: "second-factor", free: 5, maxMs: MAX_DELAY_MS },
} as const;

export type Throttle = (typeof THROTTLES)[keyof typeof THROTTLES];

/** How long from `now` until another attempt is allowed (0: now). */
export function waitMs(throttle: Throttle, { failures, lastAt }: { failures: number; lastAt: number | null }, now: number): number {
  if (lastAt === null) return 0;
  return Math.max(0, lastAt + progressiveDelayMs(Math.floor(failures + 1e-9), throttle) - now);
}

/** "Wait 30 seconds" / "Wait 2 minutes": rounded up, in words a person reads. */
export function waitWords(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} ${seconds === 1 ? "second" : "seconds"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}

/** Failures since the last successful sign-in at which the account holder is told at the next one. */
export const NOTICE_AFTER_FAILURES = 3;
