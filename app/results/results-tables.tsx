import { Link } from "@remix-run/react";
import type { BreakdownTable } from "~/results/breakdown";
import type { DisplayQuestion, DisplayTable } from "~/results/display";
import { formatCount, formatInterval, formatMean, formatPercent, formatTwoPlaces } from "~/results/statistics";
import { SUPPRESSED } from "~/results/suppression";
import { numeric, Table, type TableCell, type TableHeadCell, type TableRow } from "~/ui/table";
import { channelLabel } from "~/responding/channels";
import { excludedTotal } from "~/results/totals";
import { ResultsChart } from "./results-chart";
import { rankingChart, tablesChart, type ChartPlan } from "./chart-plan";

/**
 * The numbers, always as HTML tables with the base stated in words and figures; charts only
 * ever enhance these tables. "[c]" marks a figure withheld by disclosure control.
 */

const count = (n: number | null) => (n === null ? SUPPRESSED : formatCount(n));
const percent = (p: number | null, hidden: boolean) => (hidden ? SUPPRESSED : formatPercent(p));
/** A row header in body weight: bold is kept for nets and totals. */
const regular = (label: string): TableCell => ({ content: label, className: "govuk-!-font-weight-regular" });
/** A column percentage with its count in brackets. */
export const withCount = (p: number | null, n: number | null): TableCell =>
  numeric(
    <>
      {percent(p, n === null)}
      <span className="app-muted app-cell-count"> ({count(n)})</span>
    </>,
  );

export function BaseLine({ base, what }: { base: number | null; what: string }) {
  return (
    <p className="govuk-body-s app-muted">
      Base: {what}, n={count(base)}
    </p>
  );
}

export function IntervalNote() {
  return (
    <p className="govuk-body-s app-muted">
      95% intervals are Wilson score intervals. They show the precision a figure would have if respondents were a random sample of residents; respondents
      chose to take part, so treat them as indicative only.
    </p>
  );
}

/** Says what [c] means; raw figures (no threshold) have none. */
export function SuppressionNote({ threshold }: { threshold: number | null }) {
  if (threshold === null) return null;
  return (
    <p className="govuk-body-s app-muted">
      [c] = withheld to protect respondents: fewer than {threshold} people, or a figure from which one could be worked out.
    </p>
  );
}

/** A chart, or the sentence that stands for one whose every figure is withheld. */
function Chart({ plan, tableId }: { plan: ChartPlan | null; tableId: string }) {
  if (!plan) return null;
  if (plan.kind === "sentence") return <p className="govuk-body app-chart-withheld">{plan.text}</p>;
  return <ResultsChart spec={plan.spec} tableId={tableId} withheld={plan.withheld} />;
}

/**
 * A table of one question's figures: row headers are the answers (or items), the tables the charts
 * are drawn from. Smaller text on a phone, and a focusable scroll area of its own for when it is
 * still wider than the screen (intervals, many breakdown groups, large text).
 */
function ResultsTable({ id, caption, head, rows, breakdown = false }: { id: string; caption: string; head: TableHeadCell[]; rows: TableRow[]; breakdown?: boolean }) {
  return (
    <Table
      id={id}
      className={`app-results-table govuk-table--small-text-until-tablet${breakdown ? " app-breakdown-table" : ""}`}
      caption={caption}
      captionSize="s"
      head={head}
      rows={rows}
      firstCellIsHeader
      scroll
    />
  );
}

export function OptionsTable({ table, intervals }: { table: DisplayTable; intervals: boolean }) {
  const hasValid = table.validBase !== undefined;
  // Weighted figures, when chosen, stand beside the unweighted ones (app/weighting).
  const weighted = table.rows.some((r) => r.weighted !== undefined);
  const weightedCells = (r: DisplayTable["rows"][number]) =>
    weighted
      ? [
          numeric(r.weighted ? formatPercent(r.weighted.percent) : SUPPRESSED),
          numeric(r.weighted?.effectiveN == null ? SUPPRESSED : formatCount(Math.round(r.weighted.effectiveN))),
          ...(intervals ? [numeric(r.weighted ? formatInterval(r.weighted.interval) : SUPPRESSED)] : []),
        ]
      : [];
  return (
    <div className="app-results-block">
      <ResultsTable
        id={`table-${table.key}`}
        caption={table.caption}
        head={[
          "Answer",
          // The share and its count in one column ("32.4% (162)"), as in the breakdowns: two columns
          // of figures cut the percentage off a 320px phone. A short heading, for the same reason.
          { content: "% (number)", format: "numeric" },
          ...(intervals ? [{ content: "95% interval (indicative)", format: "numeric" as const }] : []),
          ...(hasValid ? [{ content: `% excluding "Don't know"`, format: "numeric" as const }] : []),
          ...(weighted
            ? [
                { content: "Weighted %", format: "numeric" as const },
                { content: "Effective n", format: "numeric" as const },
                ...(intervals ? [{ content: "Weighted 95% interval (indicative)", format: "numeric" as const }] : []),
              ]
            : []),
        ]}
        rows={table.rows.map((r) => ({
          key: r.id,
          className: r.net ? "app-net-row" : undefined,
          cells: [
            r.net ? r.label : regular(r.label),
            withCount(r.percent, r.count),
            ...(intervals ? [numeric(r.count === null ? SUPPRESSED : formatInterval(r.interval))] : []),
            ...(hasValid ? [numeric(r.id === "dont_know" ? "–" : percent(r.validPercent ?? null, r.count === null || r.validPercent === null))] : []),
            ...weightedCells(r),
          ],
        }))}
      />
      <BaseLine base={table.base} what={table.baseDescription} />
      {hasValid ? <BaseLine base={table.validBase ?? null} what={`for "% excluding Don't know": ${table.baseDescription}, other than "Don't know"`} /> : null}
      {table.multiple ? <p className="govuk-body-s app-muted">Respondents could choose more than one answer, so percentages can add up to more than 100%.</p> : null}
    </div>
  );
}

export function QuestionResults({
  question,
  intervals,
  charts = true,
  textLink,
}: {
  question: DisplayQuestion;
  intervals: boolean;
  charts?: boolean;
  textLink?: string;
}) {
  const q = question;
  switch (q.kind) {
    case "tables": {
      const stacked = q.tables[0]?.chart === "stacked";
      const plans = stacked ? [tablesChart(q.tables, q.title, `chart-${q.id}`)] : q.tables.map((t) => tablesChart([t], t.caption, `chart-${t.key}`));
      return (
        <>
          {q.tables.map((t, i) => (
            <div key={t.key}>
              <OptionsTable table={t} intervals={intervals} />
              {charts && !stacked ? <Chart plan={plans[i]} tableId={`table-${t.key}`} /> : null}
            </div>
          ))}
          {charts && stacked ? <Chart plan={plans[0]} tableId={`table-${q.tables[0]?.key}`} /> : null}
        </>
      );
    }
    case "ranking":
      return (
        <div className="app-results-block">
          <ResultsTable
            id={`table-${q.id}`}
            caption={q.title}
            head={[
              "Item",
              { content: "% ranked first", format: "numeric" },
              { content: "% in top 3", format: "numeric" },
              { content: "Mean rank (of those ranking it)", format: "numeric" },
              { content: "Average score (Borda)", format: "numeric" },
            ]}
            rows={q.rows.map((r) => ({
              key: r.id,
              cells: [
                regular(r.label),
                numeric(percent(r.rankedFirstPercent, r.rankedFirst === null)),
                numeric(percent(r.rankedTop3Percent, r.rankedTop3 === null)),
                numeric(r.meanRank === null ? SUPPRESSED : formatTwoPlaces(r.meanRank)),
                numeric(r.averageScore === null ? SUPPRESSED : formatTwoPlaces(r.averageScore)),
              ],
            }))}
          />
          <BaseLine base={q.base} what="all who ranked at least one item" />
          <p className="govuk-body-s app-muted">
            Average score: rank 1 earns {q.rankCount} points, rank {q.rankCount} earns 1, unranked 0, divided by everyone who answered.
          </p>
          {charts ? <Chart plan={rankingChart(q)} tableId={`table-${q.id}`} /> : null}
        </div>
      );
    case "number":
      return (
        <>
          {q.suppressed ? (
            <p className="govuk-body">Fewer respondents answered than we publish figures for ([c]).</p>
          ) : (
            <dl className="govuk-summary-list">
              {(
                [
                  ["Respondents", q.n === null ? SUPPRESSED : formatCount(q.n)],
                  ["Mean", q.mean === null ? "–" : formatMean(q.mean)],
                  ["Median", q.median ?? "–"],
                  ["Lower quartile", q.q1 ?? "–"],
                  ["Upper quartile", q.q3 ?? "–"],
                  ...(q.min !== null ? ([["Lowest", q.min]] as const) : []),
                  ...(q.max !== null ? ([["Highest", q.max]] as const) : []),
                ] as const
              ).map(([k, v]) => (
                <div key={k} className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">{k}</dt>
                  <dd className="govuk-summary-list__value">{v}</dd>
                </div>
              ))}
            </dl>
          )}
          <BaseLine base={q.n} what="all who answered this question" />
        </>
      );
    case "text":
      return (
        <>
          <p className="govuk-body">
            {count(q.count)} written answers. Written answers are read by staff and never published automatically.
            {textLink ? (
              <>
                {" "}
                <Link className="govuk-link" to={textLink}>
                  Read the written answers<span className="govuk-visually-hidden"> to {q.title}</span>
                </Link>
              </>
            ) : null}
          </p>
        </>
      );
  }
}

export function BreakdownResults({ table, groupLabel }: { table: BreakdownTable; groupLabel: string }) {
  const all = "All in these groups";
  // A column per group: on a wide screen a crosstab takes the window's width, not just the page column.
  return (
    <div className="app-results-block app-full-bleed">
      <ResultsTable
        id={`table-${table.key}`}
        breakdown
        caption={`${table.caption}, by ${groupLabel.toLowerCase()} (column percentages)`}
        head={["Answer", ...table.columns.map((c) => ({ content: c.label, format: "numeric" as const })), { content: all, format: "numeric" }]}
        rows={[
          ...table.rows.map((r) => ({
            key: r.id,
            className: r.net ? "app-net-row" : undefined,
            cells: [regular(r.label), ...r.counts.map((n, i) => withCount(r.percents[i], n)), withCount(r.totalPercent, r.total)],
          })),
          {
            key: "base",
            cells: [
              `Base (${table.measure === "ranked first" ? "all who ranked" : "all in the group who answered"})`,
              ...table.columnBases.map((b) => numeric(`n=${count(b)}`)),
              numeric(`n=${count(table.total)}`),
            ],
          },
        ]}
      />
      <p className="govuk-body-s app-muted">Percentages are of each column&apos;s base; counts in brackets.</p>
      {table.multiple ? <p className="govuk-body-s app-muted">Respondents could choose more than one answer, so columns can add up to more than 100%.</p> : null}
    </div>
  );
}

export function ResponseTotalsTable({
  counted,
  byChannel,
  excluded,
  group,
}: {
  counted: number | null;
  byChannel: { channel: string; n: number | null }[];
  excluded?: { reason: string; n: number }[];
  /** A filtered page's group ("victims of crime"): the totals are that group's. */
  group?: string | null;
}) {
  return (
    <>
      <Table
        id="response-totals"
        caption={group ? `How people in this group responded (${group})` : "How people responded"}
        captionSize="m"
        head={["Channel", { content: "Responses counted", format: "numeric" }]}
        firstCellIsHeader
        rows={[
          ...byChannel.map((c) => ({ key: c.channel, cells: [regular(channelLabel(c.channel)), numeric(count(c.n))] })),
          { key: "total", cells: ["Total", numeric(count(counted), { id: "response-count" })] },
        ]}
      />
      {excluded ? <ExcludedTable excluded={excluded} /> : null}
    </>
  );
}

export function ExcludedTable({ excluded }: { excluded: { reason: string; n: number }[] }) {
  const total = excludedTotal(excluded);
  if (total === 0) return <p className="govuk-body" id="excluded-count">No responses were excluded.</p>;
  return (
    <Table
      id="excluded"
      caption={
        <>
          <span id="excluded-count">{formatCount(total)}</span> responses excluded, and why
        </>
      }
      captionSize="s"
      head={["Reason", { content: "Responses", format: "numeric" }]}
      firstCellIsHeader
      rows={excluded.map((e) => ({ key: e.reason, cells: [regular(e.reason), numeric(formatCount(e.n))] }))}
    />
  );
}

export function RespondentsNotPopulation() {
  return (
    <div className="govuk-inset-text" id="respondents-caveat">
      People chose to take part in this consultation, so these figures describe the people who responded, not everyone who lives in County Durham and
      Darlington. Percentages are rounded to one decimal place from unrounded figures, so they may not add up to exactly 100%.
    </div>
  );
}
