import { describe, expect, it } from "vitest";
import { aggregate, type CountRow } from "./aggregate";
import { answerRows, countKeys, type Answers } from "../responding/answers";
import { ConsultationDefinitionSchema } from "../definition/definition";

const def = ConsultationDefinitionSchema.parse({
  pages: [
    {
      id: "p1",
      title: "Page",
      questions: [
        { id: "single", type: "single_choice", title: "Single", options: [{ id: "a", label: "A" }, { id: "b", label: "B" }] },
        { id: "multi", type: "multiple_choice", title: "Multi", options: [{ id: "x", label: "X" }, { id: "y", label: "Y" }, { id: "z", label: "Z" }] },
        { id: "asb", type: "scale", scale: "agreement", title: "Agree?", dontKnow: true },
        { id: "rank", type: "ranking", title: "Rank", rankCount: 2, items: [{ id: "r1", label: "R1" }, { id: "r2", label: "R2" }, { id: "r3", label: "R3" }] },
        { id: "years", type: "number", title: "Years", required: false },
      ],
    },
  ],
});

/** Counts as the database would hold them: every response's count keys, added up. */
function countsFor(responses: Answers[]): CountRow[] {
  const map = new Map<string, CountRow>();
  for (const answers of responses) {
    const rows = Object.entries(answers).flatMap(([q, a]) => answerRows(q, a));
    for (const k of countKeys(rows)) {
      const key = `${k.question_id}|${k.item_id}|${k.option_id}`;
      const existing = map.get(key) ?? { ...k, n: 0 };
      existing.n += 1;
      map.set(key, existing);
    }
  }
  return [...map.values()];
}

const responses: Answers[] = [
  { single: { type: "single_choice", option: "a" }, multi: { type: "multiple_choice", options: ["x", "y"] }, asb: { type: "scale", option: "strongly_agree" }, rank: { type: "ranking", ranks: { r1: 1, r2: 2 } }, years: { type: "number", value: 10 } },
  { single: { type: "single_choice", option: "a" }, multi: { type: "multiple_choice", options: ["x"] }, asb: { type: "scale", option: "tend_to_agree" }, rank: { type: "ranking", ranks: { r2: 1, r1: 2 } }, years: { type: "number", value: 20 } },
  { single: { type: "single_choice", option: "b" }, multi: { type: "multiple_choice", options: ["x", "y", "z"] }, asb: { type: "scale", option: "dont_know" }, rank: { type: "ranking", ranks: { r1: 1, r3: 2 } }, years: { type: "number", value: 40 } },
  { single: { type: "single_choice", option: "a" }, multi: { type: "multiple_choice", options: ["z"] }, asb: { type: "scale", option: "strongly_disagree" }, rank: { type: "ranking", ranks: { r1: 1, r2: 2 } } },
];

describe("aggregate", () => {
  const results = aggregate(def, countsFor(responses));
  const byId = (id: string) => results.find((r) => r.question.id === id)!;

  it("gives single choice percentages of those who answered", () => {
    const r = byId("single");
    if (r.kind !== "options") throw new Error("kind");
    expect(r.table.base).toBe(4);
    expect(r.table.rows.map((x) => [x.id, x.count, x.percent])).toEqual([
      ["a", 3, 75],
      ["b", 1, 25],
    ]);
  });

  it("gives multiple choice percentages of respondents, which may sum over 100", () => {
    const r = byId("multi");
    if (r.kind !== "options") throw new Error("kind");
    expect(r.multiple).toBe(true);
    expect(r.table.rows.map((x) => x.percent)).toEqual([75, 50, 50]);
    expect(r.table.rows.reduce((s, x) => s + (x.percent ?? 0), 0)).toBe(175);
  });

  it("nets a scale and keeps don't know in the base, with the base excluding it alongside", () => {
    const r = byId("asb");
    if (r.kind !== "options") throw new Error("kind");
    expect(r.table.net).toMatchObject({ count: 2, percent: 50 });
    expect(r.table.base).toBe(4);
    expect(r.table.baseExcludingDontKnow).toBe(3);
  });

  it("scores rankings: first, top 3, mean rank and Borda", () => {
    const r = byId("rank");
    if (r.kind !== "ranking") throw new Error("kind");
    expect(r.base).toBe(4);
    const r1 = r.items.find((i) => i.id === "r1")!;
    // r1: ranked 1, 2, 1, 1 → first 3, mean 1.25, Borda (2+1+2+2) = 7 with rank count 2.
    expect(r1).toMatchObject({ rankedFirst: 3, rankedTop3: 4, meanRank: 1.25, borda: 7 });
    const r3 = r.items.find((i) => i.id === "r3")!;
    expect(r3).toMatchObject({ rankedFirst: 0, rankedTop3: 1, meanRank: 2, borda: 1 });
  });

  it("summarises numbers from value counts", () => {
    const r = byId("years");
    if (r.kind !== "number") throw new Error("kind");
    expect(r).toMatchObject({ n: 3, mean: 70 / 3, median: 20, min: 10, max: 40 });
  });

  it("reports nothing as 0 with no percentage when nobody answered", () => {
    const empty = aggregate(def, []);
    const r = empty.find((x) => x.question.id === "single")!;
    if (r.kind !== "options") throw new Error("kind");
    expect(r.table.base).toBe(0);
    expect(r.table.rows[0]).toMatchObject({ count: 0, percent: null });
  });
});
