import { Link } from "@remix-run/react";
import type { BreakdownTable } from "~/results/breakdown";
import type { DisplayQuestion, DisplayTable } from "~/results/display";
import { formatCount, formatInterval, formatMean, formatPercent, formatTwoPlaces } from "~/results/statistics";
import { SUPPRESSED } from "~/results/suppression";
import { ResultsChart, type ChartSpec } from "./results-chart";

/**
 * The numbers, always as HTML tables with the base stated in words and figures; charts only
 * ever enhance these tables. "[c]" marks a figure withheld by disclosure control.
 */

const count = (n: number | null) => (n === null ? SUPPRESSED : formatCount(n));
const percent = (p: number | null, hidden: boolean) => (hidden ? SUPPRESSED : formatPercent(p));

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

export function SuppressionNote({ threshold }: { threshold: number }) {
  return (
    <p className="govuk-body-s app-muted">
      [c] = withheld to protect respondents: fewer than {threshold} people, or a figure from which one could be worked out.
    </p>
  );
}

function chartFor(tables: DisplayTable[], title: string, id: string): ChartSpec | null {
  if (tables.length === 0) return null;
  if (tables[0].chart === "stacked" && tables.length > 0) {
    const options = tables[0].rows.filter((r) => !r.net);
    return {
      id,
      title,
      stacked: true,
      labels: tables.map((t) => t.caption),
      datasets: options.map((o, i) => ({ label: o.label, data: tables.map((t) => t.rows[i]?.percent ?? null) })),
    };
  }
  const t = tables[0];
  const rows = t.rows.filter((r) => !r.net);
  return { id, title, stacked: false, labels: rows.map((r) => r.label), datasets: [{ label: "% of respondents", data: rows.map((r) => r.percent) }] };
}

export function OptionsTable({ table, intervals }: { table: DisplayTable; intervals: boolean }) {
  const hasValid = table.validBase !== undefined;
  return (
    <div className="app-table-scroll">
      <table className="govuk-table app-results-table" id={`table-${table.key}`}>
        <caption className="govuk-table__caption govuk-table__caption--s">{table.caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Answer
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Respondents
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              % of base
            </th>
            {intervals ? (
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                95% interval (indicative)
              </th>
            ) : null}
            {hasValid ? (
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                % excluding &quot;Don&apos;t know&quot;
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {table.rows.map((r) => (
            <tr key={r.id} className={`govuk-table__row${r.net ? " app-net-row" : ""}`}>
              <th scope="row" className={`govuk-table__header${r.net ? "" : " govuk-!-font-weight-regular"}`}>
                {r.label}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{count(r.count)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{percent(r.percent, r.count === null)}</td>
              {intervals ? <td className="govuk-table__cell govuk-table__cell--numeric">{r.count === null ? SUPPRESSED : formatInterval(r.interval)}</td> : null}
              {hasValid ? (
                <td className="govuk-table__cell govuk-table__cell--numeric">{r.id === "dont_know" ? "–" : percent(r.validPercent ?? null, r.count === null || r.validPercent === null)}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
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
      const specs = stacked ? [chartFor(q.tables, q.title, `chart-${q.id}`)] : q.tables.map((t) => chartFor([t], t.caption, `chart-${t.key}`));
      return (
        <>
          {q.tables.map((t, i) => (
            <div key={t.key}>
              <OptionsTable table={t} intervals={intervals} />
              {charts && !stacked && specs[i] ? <ResultsChart spec={specs[i]!} tableId={`table-${t.key}`} /> : null}
            </div>
          ))}
          {charts && stacked && specs[0] ? <ResultsChart spec={specs[0]} tableId={`table-${q.tables[0].key}`} /> : null}
        </>
      );
    }
    case "ranking":
      return (
        <div className="app-table-scroll">
          <table className="govuk-table app-results-table" id={`table-${q.id}`}>
            <caption className="govuk-table__caption govuk-table__caption--s">{q.title}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Item
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  % ranked first
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  % in top 3
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Mean rank (of those ranking it)
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Average score (Borda)
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {q.rows.map((r) => (
                <tr key={r.id} className="govuk-table__row">
                  <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                    {r.label}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{percent(r.rankedFirstPercent, r.rankedFirst === null)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{percent(r.rankedTop3Percent, r.rankedTop3 === null)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{r.meanRank === null ? SUPPRESSED : formatTwoPlaces(r.meanRank)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{r.averageScore === null ? SUPPRESSED : formatTwoPlaces(r.averageScore)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <BaseLine base={q.base} what="all who ranked at least one item" />
          <p className="govuk-body-s app-muted">
            Average score: rank 1 earns {q.rankCount} points, rank {q.rankCount} earns 1, unranked 0, divided by everyone who answered.
          </p>
          {charts ? (
            <ResultsChart
              spec={{ id: `chart-${q.id}`, title: q.title, stacked: false, labels: q.rows.map((r) => r.label), datasets: [{ label: "% ranked first", data: q.rows.map((r) => r.rankedFirstPercent) }] }}
              tableId={`table-${q.id}`}
            />
          ) : null}
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
  return (
    <div className="app-table-scroll">
      <table className="govuk-table app-results-table app-breakdown-table" id={`table-${table.key}`}>
        <caption className="govuk-table__caption govuk-table__caption--s">
          {table.caption}, by {groupLabel.toLowerCase()} (column percentages)
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Answer
            </th>
            {table.columns.map((c) => (
              <th key={c.id} scope="col" className="govuk-table__header govuk-table__header--numeric">
                {c.label}
              </th>
            ))}
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {all}
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {table.rows.map((r) => (
            <tr key={r.id} className={`govuk-table__row${r.net ? " app-net-row" : ""}`}>
              <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                {r.label}
              </th>
              {r.counts.map((n, i) => (
                <td key={table.columns[i].id} className="govuk-table__cell govuk-table__cell--numeric">
                  {percent(r.percents[i], n === null)}
                  <span className="app-muted app-cell-count"> ({count(n)})</span>
                </td>
              ))}
              <td className="govuk-table__cell govuk-table__cell--numeric">
                {percent(r.totalPercent, r.total === null)}
                <span className="app-muted app-cell-count"> ({count(r.total)})</span>
              </td>
            </tr>
          ))}
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              Base ({table.measure === "ranked first" ? "all who ranked" : "all in the group who answered"})
            </th>
            {table.columnBases.map((b, i) => (
              <td key={table.columns[i].id} className="govuk-table__cell govuk-table__cell--numeric">
                n={count(b)}
              </td>
            ))}
            <td className="govuk-table__cell govuk-table__cell--numeric">n={count(table.total)}</td>
          </tr>
        </tbody>
      </table>
      <p className="govuk-body-s app-muted">Percentages are of each column&apos;s base; counts in brackets.</p>
      {table.multiple ? <p className="govuk-body-s app-muted">Respondents could choose more than one answer, so columns can add up to more than 100%.</p> : null}
    </div>
  );
}

export const CHANNEL_LABELS: Record<string, string> = { online: "Online", paper: "Paper", event: "At an event", phone: "By phone" };

export function ResponseTotalsTable({
  counted,
  byChannel,
  excluded,
}: {
  counted: number | null;
  byChannel: { channel: string; n: number | null }[];
  excluded?: { reason: string; n: number }[];
}) {
  return (
    <>
      <table className="govuk-table" id="response-totals">
        <caption className="govuk-table__caption govuk-table__caption--m">How people responded</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Channel
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Responses counted
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {byChannel.map((c) => (
            <tr key={c.channel} className="govuk-table__row">
              <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                {CHANNEL_LABELS[c.channel] ?? c.channel}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{count(c.n)}</td>
            </tr>
          ))}
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              Total
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric" id="response-count">
              {count(counted)}
            </td>
          </tr>
        </tbody>
      </table>
      {excluded ? <ExcludedTable excluded={excluded} /> : null}
    </>
  );
}

export function ExcludedTable({ excluded }: { excluded: { reason: string; n: number }[] }) {
  const total = excluded.reduce((s, e) => s + e.n, 0);
  if (total === 0) return <p className="govuk-body" id="excluded-count">No responses were excluded.</p>;
  return (
    <table className="govuk-table" id="excluded">
      <caption className="govuk-table__caption govuk-table__caption--s">
        <span id="excluded-count">{formatCount(total)}</span> responses excluded, and why
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Reason
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Responses
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {excluded.map((e) => (
          <tr key={e.reason} className="govuk-table__row">
            <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
              {e.reason}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatCount(e.n)}</td>
          </tr>
        ))}
      </tbody>
    </table>
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
