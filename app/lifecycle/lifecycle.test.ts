import { describe, expect, it } from "vitest";
import { effectiveStatus, formatUkDateTime } from "./lifecycle";

const base = { status: "live", opens_at: "2026-11-01T09:00:00.000Z", closes_at: "2026-12-01T17:00:00.000Z", results_published_at: null };

describe("effectiveStatus", () => {
  it.each([
    ["a draft is a draft whatever the clock says", { ...base, status: "draft" }, "2026-11-15T00:00:00Z", "draft"],
    ["before opening it is scheduled", base, "2026-10-31T23:59:59Z", "scheduled"],
    ["it opens exactly at opens_at", base, "2026-11-01T09:00:00Z", "open"],
    ["it closes exactly at closes_at", base, "2026-12-01T17:00:00Z", "closed"],
    ["published results win over closed", { ...base, results_published_at: "2026-12-10T00:00:00Z" }, "2026-12-11T00:00:00Z", "published"],
    ["no dates means open once live", { ...base, opens_at: null, closes_at: null }, "2030-01-01T00:00:00Z", "open"],
  ] as const)("%s", (_name, fields, now, expected) => {
    expect(effectiveStatus(fields, new Date(now))).toBe(expected);
  });
});

describe("formatUkDateTime", () => {
  it("shows UK time with its zone, in winter and in summer", () => {
    expect(formatUkDateTime("2026-12-01T17:00:00.000Z")).toBe("5:00pm GMT on 1 December 2026");
    expect(formatUkDateTime("2026-07-01T16:30:00.000Z")).toBe("5:30pm BST on 1 July 2026");
  });
});
