import { ResultsChart } from "~/results/results-chart";
import { withCount } from "~/results/results-tables";
import { formatCount, formatPercent, signedPoints } from "~/results/statistics";
import { SUPPRESSED } from "~/results/suppression";
import { numeric, Table, type TableCell, type TableHeadCell } from "~/ui/table";
import type { Comparison } from "./representativeness";
import type { WeightingReport } from "./report";
import { WEIGHTING_CAVEAT } from "./weighted";

/**
 * "Who responded": each comparison with the population as a table (the figures) with a chart
 * drawn from it, then the tests of the whole distribution. "Prefer not to say", answers the
 * figures do not cover and no answer are rows of their own. "[c]" marks a withheld figure.
 */

const count = (n: number | null) => (n === null ? SUPPRESSED : formatCount(n));
const points = (x: number | null) => (x === null ? SUPPRESSED : signedPoints(x));
const fixed = (x: number | null, dp: number) => (x === null ? SUPPRESSED : x.toFixed(dp));
const pValue = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`);

type Row = Comparison["rows"][number];
type Other = Comparison["others"][number];

/** The columns after the group's name: their headings, and the cells of a group and of an answer outside the groups. */
interface Columns {
  head: TableHeadCell[];
  row: (r: Row) => TableCell[];
  other: (o: Other) => TableCell[];
}

const FULL: Columns = {
  head: [
    "Group",
    { content: "Respondents", format: "numeric" },
    { content: "% of respondents", format: "numeric" },
    { content: "% of population", format: "numeric" },
    { content: "Difference (percentage points)", format: "numeric" },
    { content: "Ratio", format: "numeric" },
    { content: "Responses per 10,000 residents", format: "numeric" },
  ],
  row: (r) => [
    numeric(count(r.respondents)),
    numeric(r.respondentShare === null ? SUPPRESSED : formatPercent(r.respondentShare)),
    numeric(formatPercent(r.populationShare)),
    numeric(points(r.differencePoints)),
    numeric(fixed(r.ratio, 2)),
    numeric(fixed(r.per10000, 1)),
  ],
  other: (o) => [numeric(count(o.respondents)), ...Array.from({ length: 5 }, () => numeric("–"))],
};

const COMPACT: Columns = {
  // As every results table heads a share of respondents with its count; the base line below says whose.
  head: ["Group", { content: "% (number)", format: "numeric" }, { content: "% of residents", format: "numeric" }],
  row: (r) => [withCount(r.respondentShare, r.respondentShare === null ? null : r.respondents), numeric(formatPercent(r.populationShare))],
  // No share: outside the groups the percentages are of.
  other: (o) => [withCount(null, o.respondents), numeric("–")],
};

/**
 * `compact` (the public page, read on phones): the respondents' share with their number in one
 * cell, beside the population's share, so the table fits a 320px screen; the difference, ratio
 * and rate per 10,000 follow from those two and are in the staff results and the Panel pack.
 */
function ComparisonTable({ c, charts, compact }: { c: Comparison; charts: boolean; compact: boolean }) {
  const captionId = `who-${c.key}-caption`;
  const tableId = `who-${c.key}`;
  const columns = compact ? COMPACT : FULL;
  return (
    // Not a landmark of its own: the table's scrolling region is the one named by its caption.
    <section className="govuk-!-margin-bottom-8">
      <Table
        id={tableId}
        captionId={captionId}
        caption={c.title}
        captionSize="s"
        className="app-results-table"
        scroll
        head={columns.head}
        firstCellIsHeader
        rows={[
          ...c.rows.map((r) => ({ key: r.label, cells: [{ content: r.label, className: "govuk-!-font-weight-regular" }, ...columns.row(r)] })),
          ...c.others.map((o) => ({ key: `other-${o.label}`, cells: [{ content: o.label, className: "govuk-!-font-weight-regular" }, ...columns.other(o)] })),
        ]}
      />
      <p className="govuk-body-s app-muted">
        Base for the percentages: respondents who gave one of these groups
        {c.base === null ? "" : `, n=${formatCount(c.base)}`}. Population:{" "}
        {c.sources.join("; ")}.
      </p>
      {c.tests ? (
        <dl className="govuk-summary-list govuk-summary-list--no-border app-who-tests">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">
              Chi-square goodness of fit
            </dt>
            <dd className="govuk-summary-list__value">
              χ² = {c.tests.chiSquare.toFixed(1)} with{" "}
              {c.tests.degreesOfFreedom} degree
              {c.tests.degreesOfFreedom === 1 ? "" : "s"} of freedom,{" "}
              {pValue(c.tests.p)}
            </dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Proportional similarity</dt>
            <dd className="govuk-summary-list__value">
              {formatPercent(c.tests.similarity)} (100% when respondents match
              the population)
            </dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">
              Lowest to highest participation rate
            </dt>
            <dd className="govuk-summary-list__value">
              {fixed(c.tests.rateRatio, 2)} ({c.tests.lowestRate.label}:{" "}
              {c.tests.lowestRate.per10000.toFixed(1)} per 10,000;{" "}
              {c.tests.highestRate.label}:{" "}
              {c.tests.highestRate.per10000.toFixed(1)} per 10,000)
            </dd>
          </div>
        </dl>
      ) : (
        <p className="govuk-body-s app-muted">
          No test of the whole distribution:{" "}
          {c.base === null
            ? "a group is withheld, and the test would give it away"
            : "too few groups"}
          .
        </p>
      )}
      {charts && c.base !== null ? (
        <ResultsChart
          spec={{
            id: `chart-who-${c.key}`,
            title: c.title,
            stacked: false,
            labels: c.rows.map((r) => r.label),
            datasets: [
              {
                label: "% of respondents",
                data: c.rows.map((r) => r.respondentShare),
              },
              {
                label: "% of population",
                data: c.rows.map((r) => r.populationShare),
              },
            ],
          }}
          tableId={tableId}
        />
      ) : null}
    </section>
  );
}

export function WhoRespondedSection({
  who,
  charts = true,
  compact = false,
  headingLevel = 2,
  number,
}: {
  who: {
    comparisons: Comparison[];
    notes: string[];
    populationVersion: number | null;
  };
  charts?: boolean;
  /** The public page: two figures per group, to fit a phone (see ComparisonTable). */
  compact?: boolean;
  headingLevel?: 2 | 3;
  /** The section's number in a numbered document (the Panel pack). */
  number?: number;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section
      id="who-responded"
      aria-labelledby="who-responded-heading"
      className="govuk-!-margin-bottom-8"
    >
      <Heading className="govuk-heading-l" id="who-responded-heading">
        {number ? `${number}. ` : ""}Who responded
      </Heading>
      <p className="govuk-body">
        How the people who responded compare with the people who live here,
        using published population figures
        {who.populationVersion
          ? ` (version ${who.populationVersion} of the figures)`
          : ""}
        .{compact ? "" : " A ratio above 1 means a group responded more than its share of the population; below 1, less."}
      </p>
      {who.comparisons.length === 0 ? (
        <p className="govuk-body">
          There are no population figures to compare these respondents with.
        </p>
      ) : null}
      {who.comparisons.map((c) => (
        <ComparisonTable key={c.key} c={c} charts={charts} compact={compact} />
      ))}
      {who.notes.length ? (
        <ul
          className="govuk-list govuk-list--bullet govuk-body-s"
          id="who-responded-notes"
        >
          {who.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

const row = (key: string, value: string) => (
  <div className="govuk-summary-list__row" key={key}>
    <dt className="govuk-summary-list__key">{key}</dt>
    <dd className="govuk-summary-list__value">{value}</dd>
  </div>
);

/** What the weighting did, plainly: margins, convergence, weights, design effect, what could not be used. */
export function WeightingSummary({ report }: { report: WeightingReport }) {
  const s = report.summary;
  const num = (x: number | null, dp: number) =>
    x === null ? "–" : x.toFixed(dp);
  return (
    <section
      id="weighting"
      aria-labelledby="weighting-heading"
      className="govuk-!-margin-bottom-8"
    >
      <h2 className="govuk-heading-m" id="weighting-heading">
        Weighting
      </h2>
      <div className="govuk-inset-text" id="weighting-caveat">
        {WEIGHTING_CAVEAT}
      </div>
      {report.applied ? (
        <>
          <p className="govuk-body">
            Weighted by {report.margins.map((m) => m.name).join(", ")}, raking
            to the population figures
            {report.populationVersion
              ? ` (version ${report.populationVersion})`
              : ""}
            , with weights kept between {report.choice.cap.low} and{" "}
            {report.choice.cap.high} times the mean.
          </p>
          <dl className="govuk-summary-list" id="weighting-diagnostics">
            {row(
              "Converged",
              report.converged
                ? `Yes, after ${report.iterations} iteration${
                    report.iterations === 1 ? "" : "s"
                  }`
                : `No: stopped after ${report.iterations} iterations`
            )}
            {row(
              "Largest difference from a population share",
              `${report.largestMarginError.toFixed(
                3
              )} percentage points (tolerance ${Number(
                (report.choice.tolerance * 100).toPrecision(3)
              )})`
            )}
            {row(
              "Smallest and largest weight",
              `${num(s.smallest, 2)} and ${num(s.largest, 2)}`
            )}
            {row(
              "Respondents whose weight reached the cap",
              formatCount(report.capped)
            )}
            {row("Design effect (Kish)", num(s.designEffect, 2))}
            {row(
              "Effective sample size",
              s.effectiveN === null
                ? "–"
                : `${formatCount(Math.round(s.effectiveN))} of ${formatCount(
                    s.respondents
                  )} respondents`
            )}
            {row(
              "Efficiency",
              s.efficiency === null ? "–" : `${s.efficiency.toFixed(1)}%`
            )}
          </dl>
        </>
      ) : (
        <p className="govuk-body">
          No chosen variable could be used, so the figures below are not
          weighted.
        </p>
      )}
      {report.unusable.length ? (
        <>
          <h3 className="govuk-heading-s">Not used</h3>
          <ul className="govuk-list govuk-list--bullet" id="weighting-unusable">
            {report.unusable.map((u) => (
              <li key={u.variable}>
                {u.label}: {u.reason}.
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report.notes.length ? (
        <ul
          className="govuk-list govuk-list--bullet govuk-body-s"
          id="weighting-notes"
        >
          {report.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
