import type { DisplayQuestion, DisplayTable } from "./display";
import type { ChartSpec } from "./results-chart";

/**
 * What a chart may draw. A withheld figure ([c]) is not a zero: its bar is left out, its label
 * says "[c]", and the caption names it; a bar chart whose every figure is withheld is not drawn
 * at all but said in a sentence (a blank chart reads as "nobody"). Pure, so it is tested without
 * a browser; results-tables.tsx renders the plan.
 */
export type ChartPlan = { kind: "chart"; spec: ChartSpec; withheld: string[] } | { kind: "sentence"; text: string };

const WITHHELD = "[c]";
const allWithheld = (title: string): ChartPlan => ({
  kind: "sentence",
  text: `Every figure in the chart of “${title}” is withheld to protect respondents ([c]), so it is not drawn.`,
});

export function tablesChart(tables: DisplayTable[], title: string, id: string): ChartPlan | null {
  if (tables.length === 0) return null;
  if (tables[0].chart === "stacked") {
    // One stacked bar per item: a withheld segment leaves a gap in its bar, never a zero.
    const options = tables[0].rows.filter((r) => !r.net);
    const drawn = tables.filter((t) => t.rows.some((r) => !r.net && r.percent !== null));
    if (drawn.length === 0) return allWithheld(title);
    const withheld: string[] = [];
    for (const t of drawn) for (const r of t.rows) if (!r.net && r.percent === null) withheld.push(tables.length > 1 ? `${t.caption}: ${r.label}` : r.label);
    for (const t of tables) if (!drawn.includes(t)) withheld.push(t.caption);
    return {
      kind: "chart",
      withheld,
      spec: {
        id,
        title,
        stacked: true,
        labels: drawn.map((t) => t.caption),
        datasets: options.map((o) => ({ label: o.label, data: drawn.map((t) => t.rows.find((r) => r.id === o.id)?.percent ?? null) })),
      },
    };
  }
  const rows = tables[0].rows.filter((r) => !r.net);
  return bars(
    rows.map((r) => ({ label: r.label, value: r.percent })),
    title,
    id,
    "% of respondents",
  );
}

export function rankingChart(q: Extract<DisplayQuestion, { kind: "ranking" }>): ChartPlan {
  return bars(
    q.rows.map((r) => ({ label: r.label, value: r.rankedFirstPercent })),
    q.title,
    `chart-${q.id}`,
    "% ranked first",
  );
}

function bars(rows: { label: string; value: number | null }[], title: string, id: string, measure: string): ChartPlan {
  if (rows.every((r) => r.value === null)) return allWithheld(title);
  const withheld = rows.filter((r) => r.value === null).map((r) => r.label);
  return {
    kind: "chart",
    withheld,
    spec: {
      id,
      title,
      stacked: false,
      // The bar is left out (null, not 0) and its label says so.
      labels: rows.map((r) => (r.value === null ? `${r.label} ${WITHHELD}` : r.label)),
      datasets: [{ label: measure, data: rows.map((r) => r.value) }],
    },
  };
}
