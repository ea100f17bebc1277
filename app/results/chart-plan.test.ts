import { describe, expect, it } from "vitest";
import type { DisplayTable } from "./display";
import { rankingChart, tablesChart } from "./chart-plan";

const table = (key: string, caption: string, rows: [string, number | null][], chart: "bar" | "stacked" = "bar"): DisplayTable => ({
  key,
  questionId: key.split(".")[0],
  itemId: key.split(".")[1] ?? "",
  caption,
  base: 100,
  baseDescription: "all who answered",
  rows: rows.map(([id, percent]) => ({ id, label: id.toUpperCase(), count: percent === null ? null : percent, percent, interval: null })),
  multiple: false,
  chart,
});

describe("charts of withheld figures", () => {
  it("never draws a withheld figure as zero: the bar is left out, labelled [c] and named in the caption", () => {
    const plan = tablesChart([table("q", "Q", [["a", 60], ["b", null], ["c", 0]])], "Q", "chart-q");
    expect(plan?.kind).toBe("chart");
    if (plan?.kind !== "chart") return;
    expect(plan.spec.datasets[0].data).toEqual([60, null, 0]);
    expect(plan.spec.labels).toEqual(["A", "B [c]", "C"]);
    expect(plan.withheld).toEqual(["B"]);
  });

  it("says in a sentence, rather than drawing an empty chart, when every figure is withheld", () => {
    expect(tablesChart([table("q", "Q", [["a", null], ["b", null]])], "Q", "chart-q")).toEqual({
      kind: "sentence",
      text: "Every figure in the chart of “Q” is withheld to protect respondents ([c]), so it is not drawn.",
    });
    const items = [table("m.i1", "Item 1", [["a", null]], "stacked"), table("m.i2", "Item 2", [["a", null]], "stacked")];
    expect(tablesChart(items, "Matrix", "chart-m")?.kind).toBe("sentence");
    expect(
      rankingChart({ kind: "ranking", id: "r", title: "R", type: "ranking", base: null, rankCount: 2, rows: [{ id: "x", label: "X", rankedFirst: null, rankedFirstPercent: null, rankedTop3: null, rankedTop3Percent: null, meanRank: null, averageScore: null }] }).kind,
    ).toBe("sentence");
  });

  it("leaves a withheld item out of a stacked chart and a withheld segment as a gap", () => {
    const items = [table("m.i1", "Item 1", [["a", 40], ["b", 60]], "stacked"), table("m.i2", "Item 2", [["a", null], ["b", 90]], "stacked"), table("m.i3", "Item 3", [["a", null], ["b", null]], "stacked")];
    const plan = tablesChart(items, "Matrix", "chart-m");
    if (plan?.kind !== "chart") throw new Error("a chart");
    expect(plan.spec.labels).toEqual(["Item 1", "Item 2"]);
    expect(plan.spec.datasets.map((d) => d.data)).toEqual([
      [40, null],
      [60, 90],
    ]);
    expect(plan.withheld).toEqual(["Item 2: A", "Item 3"]);
  });
});
