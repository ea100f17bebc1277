import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { progressiveDelayMs, retryAfterSeconds, slidingCount, utcDay } from "./sliding-window";

const W = 3_600_000;

describe("sliding window", () => {
  it("weights the previous window by how much of it is still inside the last hour", () => {
    expect(slidingCount({ previous: 10, current: 0, now: 0 * W + 0, windowMs: W })).toBe(10);
    expect(slidingCount({ previous: 10, current: 2, now: W + W / 4, windowMs: W })).toBe(7.5 + 2);
    expect(slidingCount({ previous: 10, current: 2, now: W + W - 1, windowMs: W })).toBeCloseTo(2, 3);
  });

  it("never allows more than twice the limit across any boundary, and Retry-After is when it is allowed again", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: W - 1 }), (limit, previous, current, into) => {
        const now = 10 * W + into;
        const count = slidingCount({ previous, current, now, windowMs: W });
        if (count <= limit) return;
        const wait = retryAfterSeconds({ previous, current, now, windowMs: W, limit });
        const later = now + wait * 1000;
        const sameWindow = Math.floor(later / W) === Math.floor(now / W);
        const after = sameWindow
          ? slidingCount({ previous, current, now: later, windowMs: W })
          : slidingCount({ previous: Math.floor(later / W) === Math.floor(now / W) + 1 ? current : 0, current: 0, now: later, windowMs: W });
        expect(after).toBeLessThanOrEqual(limit + 1e-9);
      }),
    );
  });

  it("delays progressively after the free attempts, up to the cap", () => {
    const opts = { free: 5, maxMs: 900_000 };
    expect([0, 4, 5, 6, 7, 10, 40].map((f) => progressiveDelayMs(f, opts))).toEqual([0, 0, 1000, 2000, 4000, 32000, 900_000]);
  });

  it("names the UTC day", () => {
    expect(utcDay(Date.UTC(2027, 0, 15, 23, 59))).toBe("2027-01-15");
    expect(utcDay(Date.UTC(2027, 0, 16, 0, 0))).toBe("2027-01-16");
  });
});
