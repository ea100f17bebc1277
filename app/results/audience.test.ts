import { describe, expect, it } from "vitest";
import { AUDIENCES, staffAudience, thresholdFor } from "./audience";

describe("audiences", () => {
  it("withholds small numbers for every audience but staff's raw figures", () => {
    expect(AUDIENCES.map((a) => thresholdFor(a, 10))).toEqual([null, 10, 10]);
  });

  it("gives the staff results page its published view only when asked", () => {
    expect(staffAudience(true)).toBe("published");
    expect(staffAudience(false)).toBe("raw");
  });
});
