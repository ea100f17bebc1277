/**
 * The arithmetic of the shared limits (rate-limit.server.ts), kept pure for unit tests.
 *
 * A sliding window approximated from two fixed windows (the previous and the current one),
 * the previous weighted by how much of it still lies inside the last `windowMs`: the method
 * Cloudflare describes for its rate limiting ("How we built rate limiting capable of scaling to
 * millions of domains", 2017). Two counters per client instead of one per request, and no reset
 * at a window boundary or at midnight: a client who used the whole allowance just before the
 * hour still has almost none just after it.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

export function windowIndex(now: number, windowMs: number): number {
  return Math.floor(now / windowMs);
}

/** Hits in the last windowMs, estimated: the previous window's share plus the current window. */
export function slidingCount({ previous, current, now, windowMs }: { previous: number; current: number; now: number; windowMs: number }): number {
  const intoCurrent = (now % windowMs) / windowMs;
  return previous * (1 - intoCurrent) + current;
}

/**
 * Seconds until the estimate falls back to `limit`, if nothing more is sent: the previous
 * window's share shrinks linearly, then the current window itself becomes the previous one.
 */
export function retryAfterSeconds({ previous, current, now, windowMs, limit }: { previous: number; current: number; now: number; windowMs: number; limit: number }): number {
  const start = windowIndex(now, windowMs) * windowMs;
  const end = start + windowMs;
  // Within this window: previous * (1 - (t - start)/W) + current <= limit.
  if (previous > 0 && current <= limit) {
    const t = start + windowMs * (1 - (limit - current) / previous);
    if (t <= end) return Math.max(1, Math.ceil((t - now) / 1000));
  }
  // In the next window, this window's count is the previous one: current * (1 - (t - end)/W) <= limit.
  const t = end + windowMs * (1 - limit / Math.max(current, 1));
  return Math.max(1, Math.ceil((Math.max(t, end) - now) / 1000));
}

/**
 * Progressive delay after repeated failures (NCSC password guidance: throttle rather than lock
 * out): none for the first `free` failures, then 1 s, 2 s, 4 s... doubling up to `maxMs`.
 */
export function progressiveDelayMs(failures: number, { free, maxMs }: { free: number; maxMs: number }): number {
  if (failures < free) return 0;
  return Math.min(maxMs, 1000 * 2 ** Math.min(30, Math.floor(failures) - free));
}

/** The UTC day a time falls in, as YYYY-MM-DD: the salt of the keys of windows starting then. */
export function utcDay(time: number): string {
  return new Date(Math.floor(time / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}
