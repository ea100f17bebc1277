import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Checkboxes, Select, TextInput } from "~/ui/fields";
import { NotificationBanner } from "~/ui/notification-banner";
import { StaffPage } from "~/ui/staff-page";
import {
  BreakdownResults,
  IntervalNote,
  QuestionResults,
  RespondentsNotPopulation,
  ResponseTotalsTable,
  SuppressionNote,
} from "~/results/results-tables";
import { breakdownChoices, breakdownLabel, filterChoices, filterLabel, parseResultsQuery, queryString } from "~/results/query";
import { db } from "~/server/db.server";
import { getConsultationForStaff } from "~/models/consultation.server";
import { resultsFor } from "~/models/results.server";
import { staffAudience } from "~/results/audience";
import { requireStaff } from "~/auth/staff-auth.server";
import { parseWeightingQuery, weightingParams } from "~/weighting/weighting-query";
import { variableLabel, WEIGHT_VARIABLES, weightingColumns } from "~/weighting/margins";
import { WeightingSummary, WhoRespondedSection } from "~/weighting/who-responded-tables";
import { CodedThemesSection } from "~/coding/coded-themes-section";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Both at once (one round trip on PostgreSQL); nothing about the consultation is used, or
  // told, unless the session is an analyst's.
  const [session, c] = await Promise.all([requireStaff(request, "analyst"), params.id ? getConsultationForStaff(db(), { id: params.id }) : null]);
  if (!c) throw json("There is no consultation at this address. Go back to the list of consultations.", { status: 404 });
  if (!c.currentVersion) throw json("This consultation has not been published, so it has no results yet.", { status: 404 });
  const def = c.currentVersion.definition;
  const search = new URL(request.url).searchParams;
  const { query, errors: queryErrors } = parseResultsQuery(search, def);
  const { weighting, errors: weightingErrors } = parseWeightingQuery(search);
  const errors = [...queryErrors, ...weightingErrors];
  const results = resultsFor(db(), staffAudience(query.published));
  // The figures, who responded and the themes read the database side by side: on PostgreSQL
  // one round trip each view waits for, rather than one after another.
  const figures = results.results({ consultationId: c.id, definition: def, query: { ...query, weighting } });
  const [{ questions, breakdown, totals, channels, weighting: weightingReport }, who, themes] = await Promise.all([
    figures,
    // Who responded sits beside the one-way tables, not a breakdown.
    query.by ? null : results.whoResponded({ consultationId: c.id, definition: def, filter: query.filter, tables: figures.then((f) => f.questions) }),
    // Themes are counted over everyone who answered; a subgroup or breakdown view leaves them out.
    query.by || query.filter ? Promise.resolve([]) : results.themes({ consultationId: c.id, definition: def }),
  ]);
  const asked = weightingColumns(def);
  return json(
    {
      staff: session.staff,
      csrf: session.csrfToken,
      consultation: { id: c.id, slug: c.slug, title: c.title, resultsPublishedAt: c.resultsPublishedAt },
      query,
      qs: queryString(query),
      threshold: results.threshold,
      errors,
      byLabel: query.by ? breakdownLabel(def, query.by) : null,
      filterLabel: query.filter ? filterLabel(def, query.filter) : null,
      byChoices: breakdownChoices(def),
      filterChoices: filterChoices(def),
      questions,
      breakdown,
      channels,
      // Held-apart responses are the whole consultation's, and staff's only: shown unfiltered.
      excluded: query.filter ? null : totals.excluded,
      who,
      weighting,
      weightingReport,
      weightQs: new URLSearchParams(weightingParams(weighting)).toString(),
      weightChoices: WEIGHT_VARIABLES.filter((v) => asked[v]).map((v) => ({ id: v, label: variableLabel(v) })),
      themes,
    },
    { status: errors.length ? 400 : 200 },
  );
}

export default function StaffResults() {
  const d = useLoaderData<typeof loader>();
  const { query } = d;
  const base = `/staff/consultations/${d.consultation.id}`;
  const errorFor = (field: string) => d.errors.find((e) => e.field === field)?.message;
  const exportLink = (file: string, extra = d.weightQs) => `${base}/export/${file}${d.qs}${extra ? (d.qs ? "&" : "?") + extra : ""}`;
  const w = d.weighting;
  return (
    <StaffPage title={["Results", d.consultation.title]} nav={d} errors={d.errors} back={{ to: base, label: "Back to the consultation" }}>
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
        <Link className="govuk-link" to={`${base}/panel-pack${d.weightQs ? `?${d.weightQs}` : ""}`}>
          Panel pack (printable)
        </Link>
      </p>
      <RespondentsNotPopulation />

      <ResponseTotalsTable
        counted={d.channels.counted}
        byChannel={d.channels.byChannel}
        excluded={d.excluded ?? undefined}
        group={d.filterLabel}
      />

      <Form method="get" className="app-results-controls" aria-labelledby="controls-heading">
        <h2 className="govuk-heading-m" id="controls-heading">
          Break down, filter and show
        </h2>
        <Select
          name="by"
          label="Break down by"
          error={errorFor("by")}
          value={query.by ? `${query.by.questionId}|${query.by.itemId}` : ""}
          options={[{ value: "", label: "No breakdown" }, ...d.byChoices]}
        />
        <Select
          name="filter"
          label="Only respondents who answered"
          error={errorFor("filter")}
          value={query.filter ? `${query.filter.questionId}|${query.filter.itemId}|${query.filter.optionIds[0]}` : ""}
          options={[{ value: "", label: "All respondents" }, ...d.filterChoices]}
        />
        <Checkboxes
          id="show"
          name="show"
          legend="Show"
          legendSize="s"
          small
          choices={[
            { id: "1", name: "intervals", inputId: "intervals", checked: query.intervals, label: "95% intervals (indicative)" },
            { id: "1", name: "published", inputId: "published", checked: query.published, label: "As published, with small numbers withheld ([c])" },
          ]}
        />
        <Checkboxes
          id="weight"
          name="weight"
          legend="Weight to the population by"
          legendSize="s"
          hint="Optional. Weighted figures are shown beside the unweighted ones, never instead of them."
          error={errorFor("weight")}
          small
          values={w?.variables ?? []}
          choices={d.weightChoices}
        />
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Weighting settings</span>
          </summary>
          <div className="govuk-details__text">
            <TextInput name="cap_low" label="Lowest weight, as a multiple of the mean" width={4} inputMode="decimal" value={w?.cap.low ?? 0.2} error={errorFor("cap_low")} />
            <TextInput name="cap_high" label="Highest weight, as a multiple of the mean" width={4} inputMode="decimal" value={w?.cap.high ?? 5} error={errorFor("cap_high")} />
            <TextInput
              name="tolerance"
              label="Tolerance, in percentage points"
              hint="Weighting stops once every weighted share is this close to the population's."
              width={4}
              inputMode="decimal"
              value={w ? Number((w.tolerance * 100).toPrecision(6)) : 0.01}
              error={errorFor("tolerance")}
            />
            <TextInput name="iterations" label="Most iterations" width={4} inputMode="numeric" value={w?.maxIterations ?? 100} error={errorFor("iterations")} />
          </div>
        </details>
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
        {d.weightingReport?.applied ? (
          <li>
            <a className="govuk-link" href={exportLink("weights.csv")} download>
              Weights (CSV): each response&apos;s weight, to join to the responses file
            </a>
          </li>
        ) : null}
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
        <NotificationBanner title="Filtered" titleId="filter-title" headingId="filter-description">
          Only respondents who answered: {d.filterLabel}. Every base below is of these respondents.
        </NotificationBanner>
      ) : null}
      {query.intervals ? <IntervalNote /> : null}
      {query.published ? <SuppressionNote threshold={d.threshold} /> : null}

      {d.weightingReport ? <WeightingSummary report={d.weightingReport} /> : null}
      {d.who ? <WhoRespondedSection who={d.who} /> : null}

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
        // Sections are not named regions: each table's scroll area is one, named by the same words.
        d.questions.map((q) => (
          <section key={q.id} id={`q-${q.id}`} className="govuk-!-margin-bottom-8">
            <h2 className="govuk-heading-m" id={`h-${q.id}`}>
              {q.title}
            </h2>
            <QuestionResults question={q} intervals={query.intervals} textLink={q.kind === "text" ? `${base}/results/text/${q.id}` : undefined} />
          </section>
        ))
      )}
      <CodedThemesSection themes={d.themes} intervals={query.intervals} linkTo={(q) => `${base}/coding/questions/${q}/themes`} />
    </StaffPage>
  );
}
