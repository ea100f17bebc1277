import { describe, expect, it } from "vitest";
import { confirmationFor } from "./confirmation";

const consultation = (kind: string, more: Partial<{ status: string; closesAt: string | null; resultsPublishedAt: string | null }> = {}) => ({
  slug: "x",
  kind,
  status: "open",
  closesAt: "2027-01-31T23:59:00.000Z",
  resultsPublishedAt: null,
  ...more,
});

describe("the confirmation page's what happens next", () => {
  it("is about the precept only for a precept consultation", () => {
    expect(confirmationFor(consultation("precept"), {}).whatHappensNext.join(" ")).toContain("Police and Crime Panel");
    for (const kind of ["survey", "priorities", "something new"]) {
      expect(confirmationFor(consultation(kind), {}).whatHappensNext.join(" ")).not.toMatch(/precept|Panel|how much to ask/);
    }
  });

  it("is the consultation's own text when its definition has some, paragraph by paragraph", () => {
    const own = confirmationFor(consultation("precept"), { whatHappensNext: "We read every answer.\n\n  Call 101 to report a crime.  \n" });
    expect(own.whatHappensNext).toEqual(["We read every answer.", "Call 101 to report a crime."]);
  });

  it("says when it closes, or closed, calling a survey a survey", () => {
    expect(confirmationFor(consultation("survey"), {}).closing).toBe("The survey closes on 31 January 2027.");
    expect(confirmationFor(consultation("precept", { status: "closed" }), {}).closing).toBe("The consultation closed on 31 January 2027.");
    expect(confirmationFor(consultation("precept", { closesAt: null }), {}).closing).toBeNull();
  });

  it("links to You said, we did once the results are published", () => {
    expect(confirmationFor(consultation("precept"), {}).results).toBeNull();
    expect(confirmationFor(consultation("precept", { status: "published", resultsPublishedAt: "2027-03-01T10:00:00.000Z" }), {}).results).toEqual({ href: "/consultations/x/results" });
  });
});
