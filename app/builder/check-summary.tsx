import type { OpeningCheck } from "~/lifecycle/opening-check";
import { WarningText } from "~/ui/warning-text";

/** The "check before you open" summary: dates, size, routing in words, precept figures, warnings. */
export function CheckSummary({ check, headingLevel = 2 }: { check: OpeningCheck; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="app-check-summary">
      {check.warnings.length ? (
        <>
          <H className="govuk-heading-m">Check these first</H>
          <ul className="govuk-list" id="check-warnings">
            {check.warnings.map((w) => (
              <li key={w}>
                <WarningText>{w}</WarningText>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <dl className="govuk-summary-list">
        {[
          ["Opens", check.opens],
          ["Closes", check.closes],
          ["Pages", String(check.pages)],
          ["Questions", `${check.questions} (${check.required} needing an answer), about ${check.estimatedMinutes} minutes`],
        ].map(([k, v]) => (
          <div key={k} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{k}</dt>
            <dd className="govuk-summary-list__value">{v}</dd>
          </div>
        ))}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Routing</dt>
          <dd className="govuk-summary-list__value">
            {check.routing.length ? (
              <ul className="govuk-list">
                {check.routing.map((r) => (
                  <li key={r.where}>
                    {r.where}: {r.rule}
                  </li>
                ))}
              </ul>
            ) : (
              "Everyone sees every question"
            )}
          </dd>
        </div>
        {check.precept.map((p) => (
          <div key={p.question} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Precept</dt>
            <dd className="govuk-summary-list__value">
              <p className="govuk-body">
                For {p.year}: Band D now {p.bandD} a year; referendum limit {p.limit}.
              </p>
              <ul className="govuk-list govuk-list--bullet">
                {p.proposals.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
