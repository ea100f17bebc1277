import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkOrigin, isAllowedMethod, MAX_REDIRECT_LENGTH, safeRedirectPath } from "./request-checks.server";

const ORIGIN = "https://yoursay.example";

describe("checkOrigin", () => {
  it("accepts the public origin, and requests that carry no origin information", () => {
    expect(checkOrigin({ origin: ORIGIN }, ORIGIN)).toEqual({ ok: true });
    expect(checkOrigin({ referer: `${ORIGIN}/consultations/x/check` }, ORIGIN)).toEqual({ ok: true });
    expect(checkOrigin({}, ORIGIN)).toEqual({ ok: true });
    expect(checkOrigin({ secFetchSite: "same-origin" }, ORIGIN)).toEqual({ ok: true });
  });

  it.each([
    [{ origin: "https://evil.example" }, "foreign origin"],
    [{ origin: "http://yoursay.example" }, "foreign origin"],
    [{ origin: "https://yoursay.example:8443" }, "foreign origin"],
    [{ origin: "null" }, "null origin"],
    [{ origin: "not a url" }, "malformed origin"],
    [{ origin: `${ORIGIN}/path` }, "malformed origin"],
    [{ origin: "https://user:pw@yoursay.example" }, "malformed origin"],
    [{ referer: "https://evil.example/page" }, "foreign origin"],
    [{ secFetchSite: "cross-site" }, "cross-site request"],
  ])("refuses %o (%s)", (headers, reason) => {
    expect(checkOrigin(headers, ORIGIN)).toEqual({ ok: false, reason });
  });
});

describe("safeRedirectPath", () => {
  const safe = (to: string | null) => safeRedirectPath(to, { prefix: "/staff", fallback: "/staff" });
  it("keeps paths under the prefix, re-serialised", () => {
    expect(safe("/staff/audit?action=logout")).toBe("/staff/audit?action=logout");
    expect(safe("/staff")).toBe("/staff");
    expect(safe("/staff/€")).toBe("/staff/%E2%82%AC");
    expect(safe("/staff/\u2028")).toBe("/staff/%E2%80%A8");
    expect(safe("/staff/a\r\nb")).toBe("/staff/ab");
  });

  it.each([null, "", "/staffing", "/consultations", "//evil.example/staff", "/\\evil.example", "https://evil.example/staff", "javascript:alert(1)", "/staff/../consultations", `/staff/${"a".repeat(MAX_REDIRECT_LENGTH)}`])("falls back for %j", (to) => {
    expect(safe(to)).toBe("/staff");
  });

  it("always gives a short same-site path under /staff that a Location header can carry", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => `/staff/${s}`), fc.webUrl()), (to) => {
        const out = safe(to);
        expect(out === "/staff" || out.startsWith("/staff/") || out.startsWith("/staff?")).toBe(true);
        expect(out.length).toBeLessThanOrEqual(MAX_REDIRECT_LENGTH);
        expect(() => new Headers({ Location: out })).not.toThrow();
        expect(new URL(out, ORIGIN).origin).toBe(ORIGIN);
      }),
    );
  });
});

describe("isAllowedMethod", () => {
  it("allows GET, HEAD and POST only", () => {
    expect(["GET", "HEAD", "POST", "TRACE", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT"].filter(isAllowedMethod)).toEqual(["GET", "HEAD", "POST"]);
  });
});
