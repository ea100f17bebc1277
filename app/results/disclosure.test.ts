import { describe, expect, it } from "vitest";
import { ConsultationDefinitionSchema, type ConsultationDefinitionInput } from "~/definition/definition";
import { aggregate, type CountRow } from "./aggregate";
import { protect } from "./disclosure";
import { loadSolver } from "~/server/solver.server";
import { displayResults, publicChannelTotals, type View } from "./display";
import { publicationModel } from "./publication";
import { attack, narrow } from "../../tests/fixtures/attacker";

const T = 10;

function consultation(questions: unknown[], counts: Record<string, number>, counted: number) {
  const definition = ConsultationDefinitionSchema.parse({ pages: [{ id: "p1", title: "Page", questions }] } as ConsultationDefinitionInput);
  const rows: CountRow[] = Object.entries(counts).map(([key, n]) => {
    const [question_id, item_id, option_id] = key.split("|");
    return { question_id, item_id, option_id, n };
  });
  const results = aggregate(definition, rows);
  const totals = { counted, byChannel: { online: counted } };
  return { definition, results, totals, model: publicationModel({ definition, results, totals }) };
}

type Consultation = ReturnType<typeof consultation>;

/** What a reader can pin down from the outputs as displayed with this view. */
async function exposures(c: Consultation, view: View) {
  const shown = { questions: displayResults(c.results, view), channels: view === null ? { counted: c.totals.counted, byChannel: [] } : publicChannelTotals(c.totals, view) };
  return narrow(await attack(c.definition, c.results, shown, c.totals), T);
}

const withheldCells = (ids: Set<string>) => [...ids].filter((id) => /\|(cell|first)\|/.test(id)).sort();

describe("disclosure control you can prove", () => {
  // Issue 11, point 2: 420 ranked; "ranked first" is [c] (5) for one item, but its top-3 share,
  // mean rank and average score stayed published.
  const ranking = () => {
    // Rank your top two: item a is first for 5 and second for 40, so 45 in the top ranks (10.7%),
    // mean rank 85 / 45 = 1.89, and 2 × 45 − 85 = 5.
    const byRank: Record<string, number[]> = { a: [5, 40], b: [100, 60], c: [120, 90], d: [95, 100], e: [60, 80], f: [40, 50] };
    const counts: Record<string, number> = { "rank||*": 420 };
    for (const [item, ns] of Object.entries(byRank)) ns.forEach((n, r) => (counts[`rank|${item}|${r + 1}`] = n));
    return consultation([{ id: "rank", type: "ranking", title: "Rank your top two", rankCount: 2, items: Object.keys(byRank).map((id) => ({ id, label: id })) }], counts, 420);
  };

  it("a ranking's shares, mean rank and average score no longer give back a withheld 'ranked first' (point 2)", async () => {
    const c = ranking();
    // Table by table, as before: the count 5 is [c] but the derived figures pin it down.
    expect((await exposures(c, T)).map((e) => e.what)).toContain("rank a ranked first");
    const decision = protect(await loadSolver(), c.model, T);
    expect(decision.audit.passed).toBe(true);
    expect(await exposures(c, decision)).toEqual([]);
    const a = decision.audit.protected.find((p) => p.figure === "rank|first|a")!;
    expect(a.range.high - a.range.low).toBeGreaterThanOrEqual(T);
  });

  // Issue 11, point 3: 500 answers, only "Don't know" small.
  const priority = () =>
    consultation(
      [{ id: "prio", type: "scale", title: "How much of a priority?", scale: "priority", dontKnow: true }],
      { "prio||*": 500, "prio||high": 250, "prio||medium": 120, "prio||low": 20, "prio||not_priority": 104, "prio||dont_know": 6 },
      500,
    );

  it("withholds the least that protects: not every row when one small cell is 6 (point 3)", async () => {
    const c = priority();
    const decision = protect(await loadSolver(), c.model, T);
    expect(decision.audit.passed).toBe(true);
    expect(await exposures(c, decision)).toEqual([]);
    // "Don't know" and one more small count, and the derived figures that would give them back:
    // the net and the "% excluding Don't know" column; the large counts stay published.
    expect(withheldCells(decision.withheld)).toEqual(["prio|cell|dont_know", "prio|cell|low"]);
    expect(decision.withheld).toContain("prio|net");
    expect(decision.withheld).toContain("prio|valid");
    const shown = displayResults(c.results, decision)[0];
    if (shown.kind !== "tables") throw new Error("a table");
    expect(shown.tables[0].rows.filter((r) => r.count !== null).map((r) => r.id)).toEqual(["high", "medium", "not_priority"]);
    expect(shown.tables[0].base).toBe(500);
  });

  it("keeps a net and the 'excluding Don't know' base from giving a small cell back (point 3)", async () => {
    // Satisfaction, base 51: before, every cell was [c] yet "Net: Satisfied 29" and the base
    // excluding "Don't know" (48) were printed.
    const c = consultation(
      [{ id: "sat", type: "scale", title: "How satisfied?", scale: "satisfaction", dontKnow: true }],
      { "sat||*": 51, "sat||very_satisfied": 12, "sat||fairly_satisfied": 17, "sat||neither": 8, "sat||fairly_dissatisfied": 6, "sat||very_dissatisfied": 5, "sat||dont_know": 3 },
      51,
    );
    expect(await exposures(c, T)).not.toEqual([]);
    const decision = protect(await loadSolver(), c.model, T);
    expect(await exposures(c, decision)).toEqual([]);
    const shown = displayResults(c.results, decision)[0];
    if (shown.kind !== "tables") throw new Error("a table");
    // Not the whole question: the two large counts stay.
    expect(shown.tables[0].rows.filter((r) => r.count !== null && !r.net).map((r) => r.id)).toEqual(["very_satisfied", "fairly_satisfied"]);
  });

  it("prefers dropping a derived figure to hiding a large count", async () => {
    // "Neither" (3) and "Don't know" (7) protect each other within the base (0 to 10 each); the
    // base excluding "Don't know" would give "Don't know" back, so that column goes, not a
    // third count.
    const c = consultation(
      [{ id: "agree", type: "scale", title: "Do you agree?", scale: "agreement", dontKnow: true }],
      { "agree||*": 300, "agree||strongly_agree": 40, "agree||tend_to_agree": 50, "agree||neither": 3, "agree||tend_to_disagree": 100, "agree||strongly_disagree": 100, "agree||dont_know": 7 },
      300,
    );
    const decision = protect(await loadSolver(), c.model, T);
    expect(await exposures(c, decision)).toEqual([]);
    expect(withheldCells(decision.withheld)).toEqual(["agree|cell|dont_know", "agree|cell|neither"]);
    expect(decision.withheld).toContain("agree|valid");
    expect(decision.withheld).not.toContain("agree|net");
  });

  it("withholds a second count only when the first cannot hide alone, and then the smallest", async () => {
    // 2 and 3 add up to 5: published beside the net, each is 0 to 5. The net must go, and one
    // more count: the smallest outside it.
    const c = consultation(
      [{ id: "agree", type: "scale", title: "Do you agree?", scale: "agreement", dontKnow: false }],
      { "agree||*": 300, "agree||strongly_agree": 2, "agree||tend_to_agree": 3, "agree||neither": 90, "agree||tend_to_disagree": 105, "agree||strongly_disagree": 100 },
      300,
    );
    expect(await exposures(c, T)).not.toEqual([]);
    const decision = protect(await loadSolver(), c.model, T);
    expect(await exposures(c, decision)).toEqual([]);
    expect(withheldCells(decision.withheld)).toEqual(["agree|cell|neither", "agree|cell|strongly_agree", "agree|cell|tend_to_agree"]);
    expect(decision.withheld).toContain("agree|net");
  });

  it("withholds a whole small table, and the audit still holds for its cells", async () => {
    const c = consultation(
      [
        { id: "yn", type: "single_choice", title: "Yes or no?", options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] },
        { id: "few", type: "single_choice", title: "Few answered", options: [{ id: "a", label: "A" }, { id: "b", label: "B" }] },
      ],
      { "yn||*": 200, "yn||yes": 120, "yn||no": 80, "few||*": 7, "few||a": 7, "few||b": 0 },
      200,
    );
    const decision = protect(await loadSolver(), c.model, T);
    expect(decision.withheld).toContain("few|base");
    expect(decision.withheld).toContain("few|cell|a");
    expect(decision.withheld).toContain("few|cell|b");
    expect(await exposures(c, decision)).toEqual([]);
    expect(withheldCells(decision.withheld).filter((id) => id.startsWith("yn|"))).toEqual([]);
  });
});
