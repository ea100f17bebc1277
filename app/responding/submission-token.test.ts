import { describe, expect, it } from "vitest";
import { issueSubmissionToken, verifySubmissionToken } from "./submission-token";

const SECRET = "a-test-secret-that-is-long-enough";

describe("submission tokens", () => {
  it("verify for the consultation they were issued for, with a fresh nonce each time", () => {
    const a = verifySubmissionToken(SECRET, issueSubmissionToken(SECRET, "c1"), "c1");
    const b = verifySubmissionToken(SECRET, issueSubmissionToken(SECRET, "c1"), "c1");
    expect(a.ok && b.ok && a.nonce !== b.nonce).toBe(true);
  });

  it("reject forgeries, tampering, other consultations and old tokens", () => {
    const token = issueSubmissionToken(SECRET, "c1", 1_000_000);
    expect(verifySubmissionToken("another-secret-entirely-123456", token, "c1", 1_000_000)).toEqual({ ok: false, reason: "forged" });
    const [payload, sig] = token.split(".");
    const tampered = `${Buffer.from(JSON.stringify({ n: "x", c: "c1", t: 1_000_000 })).toString("base64url")}.${sig}`;
    expect(verifySubmissionToken(SECRET, tampered, "c1", 1_000_000)).toEqual({ ok: false, reason: "forged" });
    expect(verifySubmissionToken(SECRET, `${payload}.${sig}`, "c2", 1_000_000)).toEqual({ ok: false, reason: "wrong-consultation" });
    expect(verifySubmissionToken(SECRET, token, "c1", 1_000_000 + 25 * 3600_000)).toEqual({ ok: false, reason: "expired" });
    expect(verifySubmissionToken(SECRET, "not-a-token", "c1")).toEqual({ ok: false, reason: "malformed" });
  });
});
