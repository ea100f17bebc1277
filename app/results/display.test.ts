import { describe, expect, it } from "vitest";
import { aggregate } from "./aggregate";
import { breakdownTables } from "./breakdown";
import { ConsultationDefinitionSchema } from "../definition/definition";
import { publicChannelTotals, displayResults } from "./display";
import { parseResultsQuery, queryString } from "./query";

const def = ConsultationDefinitionSchema.parse({
  pages: [
    {
      id: "p",
      title: "P",
      questions: [
        { id: "victim", type: "single_choice", title: "Victim?", options: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] },
        { id: "advice", type: "scale", title: "Advice", scale: "agreement" },
        { id: "years", type: "number", title: "Years", required: false },
      ],
    },
  ],
});

const rows = (q: string, counts: Record<string, number>, item = "") => Object.entries(counts).map(([option_id, n]) => ({ question_id: q, item_id: item, option_id, n }));

describe("displayResults", () => {
  const counts = [
    ...rows("advice", { "*": 100, strongly_agree: 4, tend_to_agree: 2, neither: 40, tend_to_disagree: 30, strongly_disagree: 14, dont_know: 10 }),
    ...rows("years", { "*": 6, "3": 2, "10": 4 }),
  ];
  it("labels the valid % excluding Don't know, with its own base", () => {
    const [, advice] = displayResults(aggregate(def, counts));
    if (advice.kind !== "tables") throw new Error("scale is a table");
    const t = advice.tables[0];
    expect(t.validBase).toBe(90);
    expect(t.rows.find((r) => r.id === "neither")?.validPercent).toBe(44.4); // 40 of 90, rounded once
    expect(t.rows.find((r) => r.id === "dont_know")?.validPercent).toBeNull();
    expect(t.rows.find((r) => r.id === "net")).toMatchObject({ count: 6, label: "Net: Agree" });
  });
  it("as published: the small agree cells and the net built from them are withheld, and small numbers' statistics too", () => {
    const [, advice, years] = displayResults(aggregate(def, counts), 10);
    if (advice.kind !== "tables" || years.kind !== "number") throw new Error("shapes");
    const t = advice.tables[0];
    expect(t.rows.find((r) => r.id === "strongly_agree")?.count).toBeNull();
    expect(t.rows.find((r) => r.id === "net")?.count).toBeNull();
    expect(t.rows.find((r) => r.id === "strongly_agree")?.percent).toBeNull();
    expect(years).toMatchObject({ suppressed: true, mean: null, min: null });
  });
  it("channel totals are suppressed together", () => {
    expect(publicChannelTotals({ counted: 506, byChannel: { online: 500, paper: 6 } }, 10)).toEqual({
      counted: 506,
      byChannel: [
        { channel: "online", n: null },
        { channel: "paper", n: null },
      ],
    });
  });
});

describe("breakdownTables", () => {
  it("gives column percentages of each column's base and an all-groups column", () => {
    const grouped = [
      ...rows("advice", { "*": 60, strongly_agree: 30, neither: 30 }).map((r) => ({ ...r, group: "yes" })),
      ...rows("advice", { "*": 40, strongly_agree: 10, neither: 30 }).map((r) => ({ ...r, group: "no" })),
    ];
    const [t] = breakdownTables(def, [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }], grouped).filter((x) => x.key === "advice");
    expect(t.columnBases).toEqual([60, 40]);
    const sa = t.rows.find((r) => r.id === "strongly_agree")!;
    expect(sa.percents).toEqual([50, 25]);
    expect(sa.total).toBe(40);
    expect(sa.totalPercent).toBe(40);
  });
});

describe("results query", () => {
  it("round-trips through the URL and rejects what is not in the definition", () => {
    const { query, errors } = parseResultsQuery(new URLSearchParams("by=victim%7C&filter=victim%7C%7Cyes&intervals=1"), def);
    expect(errors).toEqual([]);
    expect(query).toEqual({ by: { questionId: "victim", itemId: "" }, filter: { questionId: "victim", itemId: "", optionIds: ["yes"] }, intervals: true, published: false });
    expect(parseResultsQuery(new URLSearchParams(queryString(query).slice(1)), def).query).toEqual(query);
    expect(parseResultsQuery(new URLSearchParams("by=years%7C&filter=x"), def).errors.map((e) => e.field)).toEqual(["by", "filter"]);
  });
});
