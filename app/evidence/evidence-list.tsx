import { Link } from "@remix-run/react";
import type { EvidenceApi } from "~/evidence/evidence";
import { formatUkDate } from "~/lifecycle/lifecycle";
import { formatCount, formatInterval, formatPercent, formatPoints } from "~/results/statistics";
import type { WeightedFigure } from "~/weighting/weighted";
import { weightedStatementLine } from "~/weighting/weighted-display";

type Statement = EvidenceApi["statements"][number];

/** Evidence statements with their figure, base, interval, source and change since last time. */
export function EvidenceList({
  statements,
  showSection = false,
  headingLevel = 3,
  weighted = {},
}: {
  statements: Statement[];
  showSection?: boolean;
  headingLevel?: 3 | 4;
  /** Weighted figures by statement id, when a weighting is chosen: shown beside, never instead. */
  weighted?: Record<string, WeightedFigure>;
}) {
  const Heading = `h${headingLevel}` as "h3" | "h4";
  return (
    <div className="app-evidence-list">
      {statements.map((s) => (
        <div key={s.id} className="app-evidence-statement" id={`statement-${s.id}`}>
          {s.figure ? <p className="app-evidence-statement__figure">{formatPercent(s.figure.percent)}</p> : null}
          <Heading className="govuk-heading-s govuk-!-margin-bottom-1">{s.statement ?? "This figure is withheld: too few people answered for it to be published."}</Heading>
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            Base: {s.base.description}, n={s.base.n === null ? "[c]" : formatCount(s.base.n)}.
            {s.figure ? ` 95% interval (indicative): ${formatPercent(s.figure.interval.low)} to ${formatPercent(s.figure.interval.high)}.` : ""}
            {showSection ? ` Plan section: ${s.section.name}.` : ""}
          </p>
          {s.figure && weighted[s.id]?.percent != null ? (
            <p className="govuk-body-s govuk-!-margin-bottom-1 app-evidence-statement__weighted">
              {weightedStatementLine(s.figure, weighted[s.id])}; weighted 95% interval (indicative): {formatInterval(weighted[s.id].interval)}.
            </p>
          ) : null}
          {s.change ? (
            <p className="govuk-body-s govuk-!-margin-bottom-1">
              {formatPoints(s.change.percentagePoints)} since {s.change.previousConsultation.title} (then {formatPercent(s.change.previousPercent)}):{" "}
              {s.change.significant ? "a statistically significant change" : "not a statistically significant change"} (two-proportion z-test, 95% level, p=
              {s.change.p.toFixed(3)}).
            </p>
          ) : null}
          <p className="govuk-body-s app-muted">
            {s.consultation.title}
            {s.consultation.closesAt ? `, closed ${formatUkDate(s.consultation.closesAt)}` : ""}.{" "}
            <Link className="govuk-link" to={s.consultation.resultsUrl}>
              Results for this question<span className="govuk-visually-hidden">: {s.question.title}</span>
            </Link>
          </p>
        </div>
      ))}
    </div>
  );
}
