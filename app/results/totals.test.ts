import { describe, expect, it } from "vitest";
import { excludedTotal, receivedTotal } from "./totals";

describe("response totals", () => {
  const totals = { counted: 120, byChannel: { online: 100, paper: 20 }, excluded: [{ reason: "completed too fast", n: 3 }, { reason: "automated: hidden field filled in", n: 2 }] };

  it("adds up the responses held apart, whatever the reason", () => {
    expect(excludedTotal(totals.excluded)).toBe(5);
    expect(excludedTotal([])).toBe(0);
  });

  it("counts every response received, counted or held apart", () => {
    expect(receivedTotal(totals)).toBe(125);
    expect(receivedTotal({ counted: 0, byChannel: {}, excluded: [] })).toBe(0);
  });
});
