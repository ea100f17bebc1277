import { describe, expect, it } from "vitest";
import { consultationDates, isoToUkParts, ukPartsToIso } from "./uk-time";

describe("UK local dates", () => {
  it("reads winter times as GMT and summer times as BST", () => {
    expect(ukPartsToIso({ day: "31", month: "1", year: "2027", time: "17:00" }, "the closing date")).toEqual({ ok: true, iso: "2027-01-31T17:00:00.000Z" });
    expect(ukPartsToIso({ day: "1", month: "7", year: "2027", time: "09:30" }, "the opening date")).toEqual({ ok: true, iso: "2027-07-01T08:30:00.000Z" });
    expect(isoToUkParts("2027-07-01T08:30:00.000Z")).toEqual({ day: "1", month: "7", year: "2027", time: "09:30" });
  });

  it("round-trips the autumn's repeated hour and refuses the spring's missing hour", () => {
    expect(ukPartsToIso({ day: "28", month: "3", year: "2027", time: "01:30" }, "the opening date")).toMatchObject({ ok: false, message: expect.stringMatching(/clocks go forward/) });
    const autumn = ukPartsToIso({ day: "31", month: "10", year: "2027", time: "01:30" }, "the opening date");
    expect(autumn.ok && isoToUkParts(autumn.iso).time).toBe("01:30");
  });

  it("gives clear messages for missing and impossible dates", () => {
    expect(ukPartsToIso({}, "the closing date")).toEqual({ ok: true, iso: null });
    expect(ukPartsToIso({}, "the closing date", { optional: false })).toEqual({ ok: false, message: "Enter the closing date" });
    expect(ukPartsToIso({ day: "31", month: "2", year: "2027" }, "the closing date")).toEqual({ ok: false, message: "The closing date must be a real date" });
    expect(ukPartsToIso({ day: "1", month: "2", year: "2027", time: "25:00" }, "the closing date")).toMatchObject({ ok: false, message: expect.stringMatching(/24-hour clock/) });
    expect(ukPartsToIso({ day: "1", year: "2027" }, "the closing date")).toMatchObject({ ok: false, message: "The closing date must include a day, month and year" });
  });
});

describe("consultationDates", () => {
  it("checks each date and that closing comes after opening", () => {
    const opens = { day: "1", month: "12", year: "2026", time: "09:00" };
    expect(consultationDates(opens, { day: "1", month: "1", year: "2027", time: "17:00" })).toEqual({
      opensAt: "2026-12-01T09:00:00.000Z",
      closesAt: "2027-01-01T17:00:00.000Z",
      errors: [],
    });
    expect(consultationDates(opens, { day: "30", month: "11", year: "2026", time: "17:00" }).errors).toEqual([
      { field: "closes", message: "The closing date must be after the opening date" },
    ]);
    expect(consultationDates({ day: "31", month: "2", year: "2027" }, {}).errors.map((e) => e.field)).toEqual(["opens"]);
    expect(consultationDates({}, {})).toEqual({ opensAt: null, closesAt: null, errors: [] });
  });
});
