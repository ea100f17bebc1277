import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/ui/error-summary";
import { PageTitle } from "~/ui/page-title";
import {
  BreakdownResults,
  IntervalNote,
  QuestionResults,
  RespondentsNotPopulation,
  ResponseTotalsTable,
  SuppressionNote,
} from "~/results/results-tables";
import { StaffNav } from "~/ui/staff-nav";
import { breakdownChoices, breakdownLabel, filterChoices, filterLabel, parseResultsQuery, queryString } from "~/results/query";
import { db } from "~/server/db.server";
import { env } from "~/server/env.server";
import { getConsultationForStaff } from "~/models/consultation.server";
import { loadResults } from "~/models/results.server";
import { requireStaff } from "~/auth/staff-auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "analyst");
  const c = params.id ? await getConsultationForStaff(db(), { id: params.id }) : null;
  if (!c) throw json("There is no consultation at this address. Go back to the list of consultations.", { status: 404 });
  if (!c.currentVersion) throw json("This consultation has not been published, so it has no results yet.", { status: 404 });
  const def = c.currentVersion.definition;
  const { query, errors } = parseResultsQuery(new URL(request.url).searchParams, def);
  const threshold = env().SUPPRESSION_THRESHOLD;
  const { questions, breakdown, totals } = await loadResults(db(), { consultationId: c.id, definition: def, query, threshold: query.published ? threshold : null });
  return json(
    {
      staff: session.staff,
      csrf: session.csrfToken,
      consultation: { id: c.id, slug: c.slug, title: c.title, resultsPublishedAt: c.resultsPublishedAt },
      query,
      qs: queryString(query),
      threshold,
      errors,
      byLabel: query.by ? breakdownLabel(def, query.by) : null,
      filterLabel: query.filter ? filterLabel(def, query.filter) : null,
      byChoices: breakdownChoices(def),
      filterChoices: filterChoices(def),
      questions,
      breakdown,
      totals,
    },
    { status: errors.length ? 400 : 200 },
  );
}

export default function StaffResults() {
  const d = useLoaderData<typeof loader>();
  const { query } = d;
  const base = `/staff/consultations/${d.consultation.id}`;
  const exportLink = (file: string, extra = "") => `${base}/export/${file}${d.qs}${extra ? (d.qs ? "&" : "?") + extra : ""}`;
  return (
    <>
      <PageTitle parts={["Results", d.consultation.title, "Staff"]} error={d.errors.length > 0} />
      <StaffNav email={d.staff.email} role={d.staff.role} csrf={d.csrf} />
      <Link to={base} className="govuk-back-link">
        Back to the consultation
      </Link>
      <ErrorSummary errors={d.errors} />
      <span className="govuk-caption-l">{d.consultation.title}</span>
      <h1 className="govuk-heading-l">Results</h1>
      <p className="govuk-body">
        {d.consultation.resultsPublishedAt ? (
          <>
            Results are published on the{" "}
            <Link className="govuk-link" to={`/consultations/${d.consultation.slug}/results`}>
              public results page
            </Link>
            .
          </>
        ) : (
          "Results are not published: only staff can see this page."
        )}{" "}
        <Link className="govuk-link" to={`${base}/panel-pack`}>
          Panel pack (printable)
        </Link>
      </p>
      <RespondentsNotPopulation />

      <ResponseTotalsTable
        counted={d.totals.counted}
        byChannel={Object.entries(d.totals.byChannel).map(([channel, n]) => ({ channel, n }))}
        excluded={d.totals.excluded}
      />

      <Form method="get" className="app-results-controls" aria-labelledby="controls-heading">
        <h2 className="govuk-heading-m" id="controls-heading">
          Break down, filter and show
        </h2>
        <div className={`govuk-form-group${d.errors.some((e) => e.field === "by") ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label" htmlFor="by">
            Break down by
          </label>
          <select className="govuk-select" id="by" name="by" defaultValue={query.by ? `${query.by.questionId}|${query.by.itemId}` : ""}>
            <option value="">No breakdown</option>
            {d.byChoices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className={`govuk-form-group${d.errors.some((e) => e.field === "filter") ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label" htmlFor="filter">
            Only respondents who answered
          </label>
          <select className="govuk-select" id="filter" name="filter" defaultValue={query.filter ? `${query.filter.questionId}|${query.filter.itemId}|${query.filter.optionIds[0]}` : ""}>
            <option value="">All respondents</option>
            {d.filterChoices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Show</legend>
            <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id="intervals" name="intervals" type="checkbox" value="1" defaultChecked={query.intervals} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="intervals">
                  95% intervals (indicative)
                </label>
              </div>
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id="published" name="published" type="checkbox" value="1" defaultChecked={query.published} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="published">
                  As published, with small numbers withheld ([c])
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        <button type="submit" className="govuk-button govuk-!-margin-bottom-0">
          Update results
        </button>
      </Form>

      <h2 className="govuk-heading-m">Download</h2>
      <ul className="govuk-list govuk-list--bullet" id="exports">
        <li>
          <a className="govuk-link" href={exportLink("results.csv")} download>
            Results (CSV): one row per question and answer, with count, percentage, base and interval
          </a>
        </li>
        {query.by ? (
          <li>
            <a className="govuk-link" href={exportLink("breakdown.csv")} download>
              Breakdown by {d.byLabel} (CSV)
            </a>
          </li>
        ) : null}
        <li>
          <a className="govuk-link" href={exportLink("results.xlsx")} download>
            Workbook (Excel): summary, a sheet per question{query.by ? `, a crosstab by ${d.byLabel}` : ""} and the codebook
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`${base}/export/responses.csv`} download>
            Responses (CSV): one row per response, ids not labels
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`${base}/export/responses.csv?labels=1`} download>
            Responses with answer labels (CSV): for reading in Excel rather than analysis
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`${base}/export/codebook.csv`} download>
            Codebook (CSV): what each column and id means
          </a>
        </li>
      </ul>
      <p className="govuk-body-s app-muted">
        Downloads are recorded in the audit trail. {query.published ? "Results and breakdown files follow the published view, with small numbers withheld." : "Tick \u201cAs published\u201d before downloading results you will share outside the office."}
      </p>

      {d.filterLabel ? (
        <div className="govuk-notification-banner" role="region" aria-labelledby="filter-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="filter-title">
              Filtered
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading" id="filter-description">
              Only respondents who answered: {d.filterLabel}. Every base below is of these respondents.
            </p>
          </div>
        </div>
      ) : null}
      {query.intervals ? <IntervalNote /> : null}
      {query.published ? <SuppressionNote threshold={d.threshold} /> : null}

      {d.breakdown ? (
        <>
          <h2 className="govuk-heading-l">By {d.byLabel}</h2>
          {d.breakdown.map((t) => (
            <section key={t.key} id={`q-${t.key}`}>
              <BreakdownResults table={t} groupLabel={d.byLabel ?? ""} />
            </section>
          ))}
        </>
      ) : (
        d.questions.map((q) => (
          <section key={q.id} id={`q-${q.id}`} className="govuk-!-margin-bottom-8" aria-labelledby={`h-${q.id}`}>
            <h2 className="govuk-heading-m" id={`h-${q.id}`}>
              {q.title}
            </h2>
            <QuestionResults question={q} intervals={query.intervals} textLink={q.kind === "text" ? `${base}/results/text/${q.id}` : undefined} />
          </section>
        ))
      )}
    </>
  );
}
