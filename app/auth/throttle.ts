/**
 * Sign-in throttling: after 5 failures in a row, each further attempt must wait, doubling from
 * one minute up to an hour. Applied per account (counted in the database, so every app
 * instance agrees) and per client (counted in memory under a salted hash, so no address is kept).
 */
export const FREE_ATTEMPTS = 5;
const MINUTE = 60_000;
const MAX_DELAY = 60 * MINUTE;

/** How long to lock after `failures` consecutive failures (0 while still within the free attempts). */
export function lockoutMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY, MINUTE * 2 ** (failures - FREE_ATTEMPTS));
}

interface ClientState {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
}

/** Per-client failure counts, forgotten after a quiet hour; keys are opaque hashes. */
export class ClientThrottle {
  private states = new Map<string, ClientState>();
  constructor(private readonly maxKeys = 50_000) {}

  lockedFor(key: string, now = Date.now()): number {
    const s = this.states.get(key);
    return s ? Math.max(0, s.lockedUntil - now) : 0;
  }

  fail(key: string, now = Date.now()): void {
    const previous = this.states.get(key);
    const failures = previous && now - previous.lastFailure < MAX_DELAY ? previous.failures + 1 : 1;
    this.states.delete(key);
    if (this.states.size >= this.maxKeys) this.states.delete(this.states.keys().next().value!);
    this.states.set(key, { failures, lastFailure: now, lockedUntil: now + lockoutMs(failures) });
  }

  succeed(key: string): void {
    this.states.delete(key);
  }
}
