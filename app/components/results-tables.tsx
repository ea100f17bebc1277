import type { QuestionResult, Table } from "~/consultation/aggregate";
import { formatCount, formatPercent } from "~/consultation/statistics";

/**
 * The numbers, always as an HTML table with the base stated in words and figures. Charts only
 * ever enhance these tables.
 */

function BaseLine({ base, what = "all who answered this question" }: { base: number; what?: string }) {
  return (
    <p className="govuk-body-s app-muted">
      Base: {what}, n={formatCount(base)}
    </p>
  );
}

export function OptionsTable({ id, caption, table, multiple }: { id: string; caption: string; table: Table; multiple?: boolean }) {
  return (
    <>
      <table className="govuk-table" id={id}>
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Answer</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Respondents</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Percentage</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {table.rows.map((r) => (
            <tr key={r.id} className="govuk-table__row">
              <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                {r.label}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatCount(r.count)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatPercent(r.percent)}</td>
            </tr>
          ))}
          {table.net ? (
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                Net: {table.net.label}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatCount(table.net.count)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatPercent(table.net.percent)}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <BaseLine base={table.base} />
      {multiple ? <p className="govuk-body-s app-muted">Respondents could choose more than one answer, so percentages can add up to more than 100%.</p> : null}
    </>
  );
}

export function QuestionResultView({ result }: { result: QuestionResult }) {
  const q = result.question;
  switch (result.kind) {
    case "options":
      return <OptionsTable id={`results-${q.id}`} caption={q.title} table={result.table} multiple={result.multiple} />;
    case "items":
      return (
        <>
          <h3 className="govuk-heading-s">{q.title}</h3>
          {result.items.map((item) => (
            <OptionsTable key={item.id} id={`results-${q.id}-${item.id}`} caption={item.label} table={item.table} />
          ))}
        </>
      );
    case "ranking":
      return (
        <>
          <table className="govuk-table" id={`results-${q.id}`}>
            <caption className="govuk-table__caption govuk-table__caption--s">{q.title}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Item</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Ranked first</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">In top 3</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Mean rank</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Borda score</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {result.items.map((i) => (
                <tr key={i.id} className="govuk-table__row">
                  <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                    {i.label}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{formatPercent(result.base ? (i.rankedFirst / result.base) * 100 : null)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{formatPercent(result.base ? (i.rankedTop3 / result.base) * 100 : null)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{i.meanRank === null ? "–" : i.meanRank.toFixed(2)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{formatCount(i.borda)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <BaseLine base={result.base} what="all who ranked at least one item" />
        </>
      );
    case "number":
      return (
        <>
          <h3 className="govuk-heading-s">{q.title}</h3>
          <dl className="govuk-summary-list">
            {(
              [
                ["Respondents", result.n === 0 ? "0" : formatCount(result.n)],
                ["Mean", result.mean === null ? "–" : result.mean.toFixed(1)],
                ["Median", result.median ?? "–"],
                ["Lower quartile", result.q1 ?? "–"],
                ["Upper quartile", result.q3 ?? "–"],
              ] as const
            ).map(([k, v]) => (
              <div key={k} className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{k}</dt>
                <dd className="govuk-summary-list__value">{v}</dd>
              </div>
            ))}
          </dl>
        </>
      );
    case "text":
      return (
        <>
          <h3 className="govuk-heading-s">{q.title}</h3>
          <p className="govuk-body">{formatCount(result.count)} written answers. Free text is read by staff and never published automatically.</p>
        </>
      );
  }
}
