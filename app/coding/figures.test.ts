import { describe, expect, it } from "vitest";
import { codesFromFile } from "./codebook";
import { quotePublishable, stanceBreakdown, stanceStatement, stanceTable, themeBreakdown, themeStatement, themeTable, type ThemeCounts } from "./figures";
import { stanceCsvRows, themesCsvRows } from "./themes-export";
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
    // The one rounding rule (results/rounding.ts): 412 of 1,804 is 22.838…%, so 22.8.
    expect(speeding.percent).toBe(22.8);
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
    expect(open.rows.find((r) => r.codeId === id("speeding"))!.cells[0]).toEqual({ count: 30, percent: 33.3 });
  });
});

describe("stance figures", () => {
  const withStance = (byStance: [string, number][], coded = 400): ThemeCounts => ({ answered: 500, coded, byCode: new Map(), byGroup: new Map(), byStance: new Map(byStance) });

  it("count each answer's one stance, with the coded answers that record one as the base, adding up to 100%", () => {
    const t = stanceTable(withStance([["support", 120], ["oppose", 90], ["mixed", 30], ["unclear", 10]]), {
      reliability: { codeId: "stance", units: 60, present: 60, agreements: 52, alpha: 0.78, kappa: 0.78 },
    });
    expect(t.base).toBe(250);
    expect(t.coded).toBe(400);
    expect(t.rows.map((r) => r.stance)).toEqual(["support", "oppose", "mixed", "unclear"]);
    expect(t.rows.reduce((s, r) => s + r.percent!, 0)).toBeCloseTo(100, 10);
    expect(t.rows[0].interval!.low).toBeLessThan(0.48);
    expect(t.rows[0].interval!.high).toBeGreaterThan(0.48);
    expect(stanceStatement(t.rows[0], t)).toBe("48% of respondents who commented supported it (n = 120 of 250 whose view was coded; coding reliability α = 0.78)");
    expect(t.reliability).toEqual({ kind: "reliable", alpha: 0.78 });
  });

  it("are provisional until the stance is double-coded", () => {
    const t = stanceTable(withStance([["support", 12]]));
    expect(t.reliability.kind).toBe("untested");
    expect(stanceStatement(t.rows[0], t)).toContain("provisional");
  });

  it("suppress a small stance and a second cell, as a single-choice question's, since the rows add up to the base", () => {
    const t = stanceTable(withStance([["support", 120], ["oppose", 90], ["mixed", 30], ["unclear", 4]]), { threshold: 10 });
    expect(t.rows.find((r) => r.stance === "unclear")!.count).toBeNull();
    // Without a second withheld cell, the base minus the others would give the small one away.
    expect(t.rows.filter((r) => r.count === null).length).toBeGreaterThanOrEqual(2);
    expect(t.base).toBe(244);
    expect(stanceStatement(t.rows.find((r) => r.stance === "unclear")!, t)).toBeNull();
    const small = stanceTable(withStance([["support", 5], ["oppose", 3]]), { threshold: 10 });
    expect(small.rows.every((r) => r.count === null)).toBe(true);
  });

  it("break down by group with each group's stance base", () => {
    const perGroup = new Map<string, ThemeCounts>([
      ["town", withStance([["support", 40], ["oppose", 20], ["mixed", 15], ["unclear", 25]], 120)],
      ["country", withStance([["support", 3], ["oppose", 2]], 6)],
    ]);
    const columns = [
      { id: "town", label: "Town" },
      { id: "country", label: "Countryside" },
    ];
    const open = stanceBreakdown(columns, perGroup, null);
    expect(open.columns.map((c) => c.base)).toEqual([100, 5]);
    expect(open.rows[0]).toMatchObject({ codeId: "stance:support", label: "Support" });
    expect(open.rows[0].cells[0]).toEqual({ count: 40, percent: 40 });
    const published = stanceBreakdown(columns, perGroup, 10);
    expect(published.columns[1].base).toBeNull();
    expect(published.rows.every((r) => r.cells[1].count === null)).toBe(true);
  });

  it("export as rows beside the codes, marked as stances", () => {
    const counts = withStance([["support", 120], ["oppose", 90], ["mixed", 30], ["unclear", 10]]);
    const table = themeTable(codes, counts);
    const rows = stanceCsvRows({ id: "q", title: "Views?" }, stanceTable(counts), table);
    expect(rows.map((r) => r.slice(2, 8))).toEqual([
      ["stance:support", "Stance: Support", "stance (one an answer)", "120", "250", "48"],
      ["stance:oppose", "Stance: Oppose", "stance (one an answer)", "90", "250", "36"],
      ["stance:mixed", "Stance: Mixed", "stance (one an answer)", "30", "250", "12"],
      ["stance:unclear", "Stance: Unclear", "stance (one an answer)", "10", "250", "4"],
    ]);
    expect(rows[0][11]).toBe("yes");
    expect(themesCsvRows({ id: "q", title: "Views?" }, table, new Map()).every((r) => !r[2].startsWith("stance:"))).toBe(true);
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
