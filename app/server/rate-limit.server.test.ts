import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit.server";

const HOUR = 3_600_000;
const client = { consultationId: "c1", address: "203.0.113.7", userAgent: "Mozilla/5.0" };

describe("per-client submission limit", () => {
  it("allows the limit within an hour, then refuses until the hour has passed", () => {
    const limiter = createRateLimiter(3);
    const t = Date.UTC(2027, 0, 15, 9, 0);
    expect([1, 2, 3, 4].map((i) => limiter.attempt(client, t + i))).toEqual([true, true, true, false]);
    expect(limiter.attempt(client, t + HOUR - 1)).toBe(false);
    expect(limiter.attempt(client, t + HOUR + 1)).toBe(true);
  });

  it("keys on address, user agent and consultation together", () => {
    const limiter = createRateLimiter(1);
    const t = Date.UTC(2027, 0, 15, 9, 0);
    expect(limiter.attempt(client, t)).toBe(true);
    expect(limiter.attempt(client, t)).toBe(false);
    expect(limiter.attempt({ ...client, address: "203.0.113.8" }, t)).toBe(true);
    expect(limiter.attempt({ ...client, userAgent: "Other" }, t)).toBe(true);
    expect(limiter.attempt({ ...client, consultationId: "c2" }, t)).toBe(true);
  });

  it("forgets everything, salt included, at UTC midnight", () => {
    const salts: Buffer[] = [];
    const limiter = createRateLimiter(1, () => {
      const salt = Buffer.alloc(16, salts.length);
      salts.push(salt);
      return salt;
    });
    const evening = Date.UTC(2027, 0, 15, 23, 50);
    expect(limiter.attempt(client, evening)).toBe(true);
    expect(limiter.attempt(client, evening + 1)).toBe(false);
    // Ten minutes later it is a new day: a new salt, so the old key cannot be matched.
    expect(limiter.attempt(client, evening + 20 * 60_000)).toBe(true);
    expect(salts.length).toBe(3);
  });

  it("is off at 0", () => {
    const limiter = createRateLimiter(0);
    for (let i = 0; i < 100; i++) expect(limiter.attempt(client)).toBe(true);
  });
});
