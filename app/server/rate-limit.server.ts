import { createHmac, randomBytes } from "node:crypto";

/**
 * Per-client submission limit without personal data. An IP address is an online identifier, so
 * personal data (UK GDPR Article 4(1) and Recital 30; ICO, "What is personal data?"): it is used
 * here only inside a keyed hash (HMAC, RFC 2104) and never kept.
 *
 * The key is HMAC-SHA256(daily salt, consultation id, client address, user agent). The salt is
 * 128 random bits held only in this process's memory and replaced at each UTC midnight, with the
 * counters; once it is gone, yesterday's keys cannot be linked to anyone. Neither the address,
 * the user agent nor the key is ever stored in the database or logged.
 *
 * Decision: a client over the limit is refused (HTTP 429, nothing stored, their draft kept so a
 * genuine resident on a shared connection can submit later). Refusing, rather than storing and
 * holding apart, keeps a flood of scripted submissions out of the database entirely; the honeypot
 * and minimum-time checks, which cannot be told apart from a real resident at the door, still
 * store and hold apart with a reason (see submit.server.ts).
 *
 * The counters live in process memory, so with N app instances behind a load balancer a client
 * can make up to N × the limit: a deterrent, which correctness never depends on (one-time tokens
 * in the database are what stop a response being counted twice).
 */

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Bounds memory under a flood of distinct clients: the oldest windows go first. */
const MAX_KEYS = 100_000;

interface Window {
  startedAt: number;
  count: number;
}

export interface RateLimiter {
  /** Counts one attempt; false when the client has used up its allowance this hour. */
  attempt(parts: { consultationId: string; address: string; userAgent: string }, now?: number): boolean;
}

export function createRateLimiter(perHour: number, random: () => Buffer = () => randomBytes(16)): RateLimiter {
  let day = -1;
  let salt = random();
  let windows = new Map<string, Window>();

  const rotate = (now: number) => {
    const today = Math.floor(now / DAY_MS);
    if (today === day) return;
    // A new day: forget the old salt and every counter keyed by it.
    day = today;
    salt = random();
    windows = new Map();
  };

  return {
    attempt({ consultationId, address, userAgent }, now = Date.now()) {
      if (perHour <= 0) return true;
      rotate(now);
      const key = createHmac("sha256", salt).update(`${consultationId}\u0000${address}\u0000${userAgent}`).digest("base64url");
      let w = windows.get(key);
      if (!w || now - w.startedAt >= HOUR_MS) {
        if (w) windows.delete(key);
        w = { startedAt: now, count: 0 };
        if (windows.size >= MAX_KEYS) windows.delete(windows.keys().next().value!);
        windows.set(key, w);
      }
      w.count += 1;
      return w.count <= perHour;
    },
  };
}

const globalForLimiter = globalThis as unknown as { __yoursayLimiter?: { perHour: number; limiter: RateLimiter } };

/** The process's limiter (one per process: the salt must not outlive it or reach disk). */
export function submissionLimiter(perHour: number): RateLimiter {
  if (globalForLimiter.__yoursayLimiter?.perHour !== perHour) {
    globalForLimiter.__yoursayLimiter = { perHour, limiter: createRateLimiter(perHour) };
  }
  return globalForLimiter.__yoursayLimiter.limiter;
}

/** What server.ts passes to Remix through getLoadContext: used in memory, never stored or logged. */
export interface ClientContext {
  clientAddress?: string;
}
