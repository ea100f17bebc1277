import { describe, expect, it } from "vitest";
import { codesFromFile } from "./codebook";
import { quotePublishable, themeBreakdown, themeStatement, themeTable, type ThemeCounts } from "./figures";
import { POLICING_CODEBOOK } from "./policing-codebook";

let n = 0;
const codes = codesFromFile(POLICING_CODEBOOK, () => `c${++n}`);
const id = (key: string) => codes.find((c) => c.key === key)!.id;

const counts: ThemeCounts = {
  answered: 2000,
  coded: 1804,
  byCode: new Map([
    [id("speeding"), 412],
    [id("parking"), 6],
  ]),
  byGroup: new Map([[id("roads"), 415]]),
};

describe("theme tables", () => {
  it("gives counts of coded respondents, percentages and Wilson intervals", () => {
    const t = themeTable(codes, counts, { reliability: [{ codeId: id("speeding"), units: 60, present: 20, agreements: 58, alpha: 0.81, kappa: 0.81 }] });
    const speeding = t.rows.find((r) => r.codeId === id("speeding"))!;
    expect(speeding.count).toBe(412);
    expect(speeding.percent).toBeCloseTo((412 / 1804) * 100, 10);
    expect(speeding.interval!.low).toBeLessThan(412 / 1804);
    expect(t.coverage).toBeCloseTo(0.902, 3);
    expect(themeStatement(speeding, t.base)).toBe(
      "22.8% of respondents who commented mentioned speeding and road safety (n = 412 of 1,804; coding reliability α = 0.81)"
    );
    const parking = t.rows.find((r) => r.codeId === id("parking"))!;
    expect(parking.reliability.kind).toBe("untested");
    expect(themeStatement(parking, t.base)).toContain("provisional");
  });

  it("suppresses small cells as a closed question's are, and a small base hides every cell", () => {
    const t = themeTable(codes, counts, { threshold: 10 });
    expect(t.rows.find((r) => r.codeId === id("parking"))!.count).toBeNull();
    expect(t.rows.find((r) => r.codeId === id("speeding"))!.count).toBe(412);
    const small = themeTable(codes, { answered: 9, coded: 8, byCode: new Map([[id("speeding"), 5]]), byGroup: new Map([[id("roads"), 5]]) }, { threshold: 10 });
    expect(small.rows.every((r) => r.count === null)).toBe(true);
  });

  it("breaks down by group with column bases", () => {
    const perGroup = new Map<string, ThemeCounts>([
      ["online", { answered: 100, coded: 90, byCode: new Map([[id("speeding"), 30]]), byGroup: new Map([[id("roads"), 30]]) }],
      ["paper", { answered: 5, coded: 5, byCode: new Map([[id("speeding"), 2]]), byGroup: new Map([[id("roads"), 2]]) }],
    ]);
    const b = themeBreakdown(
      codes,
      [
        { id: "online", label: "Online" },
        { id: "paper", label: "Paper" },
      ],
      perGroup,
      10
    );
    // The small group is hidden, and so (secondary suppression) is what would give it away.
    expect(b.columns[1].base).toBeNull();
    const row = b.rows.find((r) => r.codeId === id("speeding"))!;
    expect(row.cells[1].count).toBeNull();
    const open = themeBreakdown(
      codes,
      [
        { id: "online", label: "Online" },
        { id: "paper", label: "Paper" },
      ],
      perGroup,
      null
    );
    expect(open.columns.map((c) => c.base)).toEqual([90, 5]);
    expect(open.rows.find((r) => r.codeId === id("speeding"))!.cells[0]).toEqual({ count: 30, percent: (30 / 90) * 100 });
  });
});

describe("quotes", () => {
  it("are published only when approved, allowed and from a group at or over the threshold", () => {
    const rules = { noPublicQuotes: false, threshold: 10 };
    expect(quotePublishable({ codeId: "x", approved: true }, { count: 12 }, rules)).toBe(true);
    expect(quotePublishable({ codeId: "x", approved: false }, { count: 12 }, rules)).toBe(false);
    expect(quotePublishable({ codeId: "x", approved: true }, { count: 9 }, rules)).toBe(false);
    expect(quotePublishable({ codeId: "x", approved: true }, { count: null }, rules)).toBe(false);
    expect(quotePublishable({ codeId: "x", approved: true }, { count: 12 }, { ...rules, noPublicQuotes: true })).toBe(false);
  });
});
