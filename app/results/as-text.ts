import { BASE_WORDS, type DisplayQuestion, type DisplayTable } from "./display";
import { formatCount, formatMean, formatPercent, formatTwoPlaces } from "./statistics";
import { SUPPRESSED } from "./suppression";
import type { ShownTotals } from "./totals";
import { channelLabel } from "../responding/channels";

/**
 * Plain-text results tables for the console (npm run results): built from the same display
 * model as the results page, so it shows the same measures (for a ranking: % ranked first,
 * % in top 3, mean rank and average score), the same bases and the same digits.
 */

const count = (n: number | null) => (n === null ? SUPPRESSED : formatCount(n));
const percent = (p: number | null, hidden: boolean) => (hidden ? SUPPRESSED : formatPercent(p));

function columns(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => `  ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ")}`.trimEnd());
}

function tableLines(title: string, t: DisplayTable): string[] {
  const valid = t.validBase !== undefined;
  const head = ["Answer", "Respondents", "% of base", ...(valid ? ['% excl. "Don\'t know"'] : [])];
  const rows = t.rows.map((r) => [
    r.label,
    count(r.count),
    percent(r.percent, r.count === null),
    ...(valid ? [r.id === "dont_know" ? "–" : percent(r.validPercent ?? null, r.count === null || r.validPercent === null)] : []),
  ]);
  return [
    title,
    ...columns([head, ...rows]),
    `  Base: ${t.baseDescription}, n=${count(t.base)}`,
    ...(valid ? [`  Base for "% excluding Don't know": ${t.baseDescription}, other than "Don't know", n=${count(t.validBase ?? null)}`] : []),
    ...(t.multiple ? ["  Respondents could choose more than one answer, so percentages can add up to more than 100%."] : []),
    "",
  ];
}

export function resultsAsText(title: string, totals: ShownTotals, questions: DisplayQuestion[]): string {
  const lines = [
    title,
    `${count(totals.counted)} responses counted (${totals.byChannel.map((c) => `${channelLabel(c.channel)} ${count(c.n)}`).join(", ")})`,
    "",
  ];
  for (const q of questions) {
    switch (q.kind) {
      case "tables":
        for (const t of q.tables) lines.push(...tableLines(t.itemId ? `${q.title}: ${t.caption}` : q.title, t));
        break;
      case "ranking":
        lines.push(
          q.title,
          ...columns([
            ["Item", "% ranked first", "% in top 3", "Mean rank", "Average score"],
            ...q.rows.map((r) => [
              r.label,
              percent(r.rankedFirstPercent, r.rankedFirst === null),
              percent(r.rankedTop3Percent, r.rankedTop3 === null),
              r.meanRank === null ? SUPPRESSED : formatTwoPlaces(r.meanRank),
              r.averageScore === null ? SUPPRESSED : formatTwoPlaces(r.averageScore),
            ]),
          ]),
          `  Base: ${BASE_WORDS.ranking}, n=${count(q.base)}`,
          `  Average score: rank 1 earns ${q.rankCount} points, rank ${q.rankCount} earns 1, unranked 0, divided by everyone who answered.`,
          "",
        );
        break;
      case "number":
        lines.push(
          q.title,
          q.suppressed
            ? `  Fewer respondents answered than we publish figures for (${SUPPRESSED}).`
            : `  n=${count(q.n)}, mean ${q.mean === null ? "–" : formatMean(q.mean)}, median ${q.median ?? "–"}, quartiles ${q.q1 ?? "–"} to ${q.q3 ?? "–"}${q.min !== null ? `, lowest ${q.min}` : ""}${q.max !== null ? `, highest ${q.max}` : ""}`,
          `  Base: ${BASE_WORDS.question}, n=${count(q.n)}`,
          "",
        );
        break;
      case "text":
        lines.push(q.title, `  ${count(q.count)} written answers (read them in the staff workspace)`, "");
        break;
    }
  }
  return lines.join("\n");
}
