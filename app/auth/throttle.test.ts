import { describe, expect, it } from "vitest";
import { THROTTLES, waitMs, waitWords } from "./throttle";

describe("sign-in throttle policy", () => {
  const t = 1_000_000;
  it("lets the free attempts through, then waits longer after each failure, up to 15 minutes", () => {
    const email = THROTTLES.email;
    expect(waitMs(email, { failures: 0, lastAt: null }, t)).toBe(0);
    expect(waitMs(email, { failures: 4, lastAt: t }, t)).toBe(0);
    expect(waitMs(email, { failures: 5, lastAt: t }, t)).toBe(1000);
    expect(waitMs(email, { failures: 7, lastAt: t }, t)).toBe(4000);
    expect(waitMs(email, { failures: 7, lastAt: t }, t + 4000)).toBe(0);
    expect(waitMs(email, { failures: 100, lastAt: t }, t)).toBe(15 * 60_000);
    // The client limit is looser: an office shares one address.
    expect(waitMs(THROTTLES.client, { failures: 7, lastAt: t }, t)).toBe(0);
  });

  it("says how long in words", () => {
    expect([1000, 1500, 59_000, 60_000, 61_000, 15 * 60_000].map(waitWords)).toEqual(["1 second", "2 seconds", "59 seconds", "1 minute", "2 minutes", "15 minutes"]);
  });
});
