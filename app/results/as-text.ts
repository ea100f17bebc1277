import type { QuestionResult, Table } from "./aggregate";
import { formatCount, formatPercent } from "./statistics";

/** Plain-text results tables for the console (npm run results), with the same figures and bases as the page. */

function tableLines(title: string, table: Table, note?: string): string[] {
  const rows = [...table.rows.map((r) => [r.label, formatCount(r.count), formatPercent(r.percent)])];
  if (table.net) rows.push([`Net: ${table.net.label}`, formatCount(table.net.count), formatPercent(table.net.percent)]);
  const width = Math.max(10, ...rows.map((r) => r[0].length));
  return [
    title,
    ...rows.map(([label, count, percent]) => `  ${label.padEnd(width)}  ${count.padStart(8)}  ${percent.padStart(7)}`),
    `  Base: all who answered, n=${formatCount(table.base)}`,
    ...(note ? [`  ${note}`] : []),
    "",
  ];
}

export function resultsAsText(title: string, totals: { counted: number; byChannel: Record<string, number> }, results: QuestionResult[]): string {
  const lines = [
    title,
    `${formatCount(totals.counted)} responses counted (${Object.entries(totals.byChannel)
      .map(([c, n]) => `${c} ${formatCount(n)}`)
      .join(", ")})`,
    "",
  ];
  for (const r of results) {
    switch (r.kind) {
      case "options":
        lines.push(...tableLines(r.question.title, r.table, r.multiple ? "Respondents could choose more than one answer." : undefined));
        break;
      case "items":
        for (const item of r.items) lines.push(...tableLines(`${r.question.title}: ${item.label}`, item.table));
        break;
      case "ranking":
        lines.push(r.question.title);
        for (const i of r.items) {
          lines.push(`  ${i.label}: ranked first ${formatPercent(r.base ? (i.rankedFirst / r.base) * 100 : null)}, Borda ${formatCount(i.borda)}`);
        }
        lines.push(`  Base: all who ranked at least one item, n=${formatCount(r.base)}`, "");
        break;
      case "number":
        lines.push(r.question.title, `  n=${formatCount(r.n)}, mean ${r.mean?.toFixed(1) ?? "–"}, median ${r.median ?? "–"}`, "");
        break;
      case "text":
        lines.push(r.question.title, `  ${formatCount(r.count)} written answers (read them in the staff workspace)`, "");
        break;
    }
  }
  return lines.join("\n");
}
