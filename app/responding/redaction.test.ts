import { describe, expect, it } from "vitest";
import { redact } from "./redaction";

describe("redact", () => {
  it.each([
    ["email me at jo.bloggs+x@example.co.uk please", "email me at [redacted] please", "email"],
    ["Ring me on 07700 900123 or later", "Ring me on [redacted] or later", "phone number"],
    ["call +44 7700 900123.", "call [redacted].", "phone number"],
    ["landline (0191) 386 1234 today", "landline [redacted] today", "phone number"],
    ["I live at DH1 3HP near the park", "I live at [redacted] near the park", "postcode"],
    ["postcode dl3 7ab", "postcode [redacted]", "postcode"],
    ["the car was AB12 CDE again", "the car was [redacted] again", "vehicle registration"],
    ["my NI number is JM 12 34 56 C", "my NI number is [redacted]", "national insurance number"],
  ])("redacts %s", (input, expected, kind) => {
    const result = redact(input);
    expect(result.text).toBe(expected);
    expect(result.found).toContain(kind);
  });

  it("leaves ordinary text, numbers and outward codes alone", () => {
    const text = "There were 12 cars speeding in DH1 between 3 and 4pm, about 1000 yards from the school.";
    expect(redact(text)).toEqual({ text, found: [] });
  });
});
