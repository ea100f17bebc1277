import { describe, expect, it } from "vitest";
import { ACTION_WORDS, actionInWords, auditCsvRow } from "./audit-words";
import { auditQueryString, parseAuditFilter } from "./audit-filter";

const ACTIONS = Object.keys(ACTION_WORDS);

describe("the audit trail in words", () => {
  it("names actions in words and defuses formulas in the CSV", () => {
    expect(actionInWords("consultation.opened")).toBe("Consultation opened");
    expect(actionInWords("something.new")).toBe("something.new");
    const row = auditCsvRow({ at: "2027-01-05T10:00:00.000Z", staff_email: "=evil@example", action: "export.downloaded", consultation_title: null, consultation_id: null, detail: "responses.csv" });
    expect(row).toEqual(["2027-01-05T10:00:00.000Z", "10:00am GMT on 5 January 2027", "'=evil@example", "Data downloaded", "export.downloaded", "", "responses.csv"]);
  });

  it("reads dates as whole UK days, British Summer Time included", () => {
    const f = parseAuditFilter(new URLSearchParams("action=login.succeeded&from-day=1&from-month=7&from-year=2027&to-day=2&to-month=7&to-year=2027"), ACTIONS);
    expect(f.errors).toEqual([]);
    expect(f.query).toMatchObject({ action: "login.succeeded", from: "2027-06-30T23:00:00.000Z", to: "2027-07-02T23:00:00.000Z" });
    expect(f.filtered).toBe(true);
    expect(auditQueryString(f.values, { page: "2" })).toBe("?action=login.succeeded&from-day=1&from-month=7&from-year=2027&to-day=2&to-month=7&to-year=2027&page=2");
  });

  it("says what is wrong with a date, ignores unknown actions, and filters nothing then", () => {
    const f = parseAuditFilter(new URLSearchParams("action=drop.tables&from-day=31&from-month=2&from-year=2027&to-day=1&to-month=1&to-year=2027"), ACTIONS);
    expect(f.values.action).toBeUndefined();
    expect(f.errors.map((e) => e.field)).toEqual(["from"]);
    expect(f.query.from).toBeUndefined();
    const backwards = parseAuditFilter(new URLSearchParams("from-day=2&from-month=1&from-year=2027&to-day=1&to-month=1&to-year=2027"), ACTIONS);
    expect(backwards.errors).toEqual([{ field: "to", message: "The last date must be the same as or after the first date" }]);
  });
});
