import { describe, expect, it } from "vitest";
import { ClientThrottle, FREE_ATTEMPTS, lockoutMs } from "./throttle";

const MINUTE = 60_000;

describe("lockoutMs", () => {
  it("allows five failures, then doubles from one minute up to an hour", () => {
    expect(FREE_ATTEMPTS).toBe(5);
    expect([1, 2, 3, 4].map(lockoutMs)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 12, 30].map((n) => lockoutMs(n) / MINUTE)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });
});

describe("ClientThrottle", () => {
  it("locks a client after the fifth failure, for longer each time", () => {
    const t = new ClientThrottle();
    const now = 1_000_000;
    for (let i = 0; i < 4; i++) t.fail("a", now + i);
    expect(t.lockedFor("a", now + 4)).toBe(0);
    t.fail("a", now + 4);
    expect(t.lockedFor("a", now + 4)).toBe(MINUTE);
    expect(t.lockedFor("a", now + 4 + MINUTE)).toBe(0);
    t.fail("a", now + 4 + MINUTE);
    expect(t.lockedFor("a", now + 4 + MINUTE)).toBe(2 * MINUTE);
    // Other clients are unaffected.
    expect(t.lockedFor("b", now)).toBe(0);
  });

  it("forgets failures after a success or a quiet hour", () => {
    const t = new ClientThrottle();
    for (let i = 0; i < 5; i++) t.fail("a", i);
    t.succeed("a");
    expect(t.lockedFor("a", 10)).toBe(0);
    for (let i = 0; i < 4; i++) t.fail("b", i);
    t.fail("b", 4 + 60 * MINUTE);
    expect(t.lockedFor("b", 4 + 60 * MINUTE)).toBe(0);
  });

  it("keeps a bounded number of clients, dropping the oldest", () => {
    const t = new ClientThrottle(3);
    for (const key of ["a", "b", "c", "d"]) for (let i = 0; i < 5; i++) t.fail(key, i);
    expect(t.lockedFor("a", 5)).toBe(0);
    expect(t.lockedFor("d", 5)).toBeGreaterThan(0);
  });
});
