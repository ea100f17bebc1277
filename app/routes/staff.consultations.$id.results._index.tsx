import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Checkboxes, Select } from "~/ui/fields";
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
import { CodedThemesSection } from "~/coding/coded-themes-section";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "analyst");
  const c = params.id ? await getConsultationForStaff(db(), { id: params.id }) : null;
  if (!c) throw json("There is no consultation at this address. Go back to the list of consultations.", { status: 404 });
  if (!c.currentVersion) throw json("This consultation has not been published, so it has no results yet.", { status: 404 });
  const def = c.currentVersion.definition;
  const { query, errors } = parseResultsQuery(new URL(request.url).searchParams, def);
  const results = resultsFor(db(), staffAudience(query.published));
  const { questions, breakdown, totals, channels } = await results.results({ consultationId: c.id, definition: def, query });
  // Themes are counted over everyone who answered; a subgroup or breakdown view leaves them out.
  const themes = query.by || query.filter ? [] : await results.themes({ consultationId: c.id, definition: def });
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
  const exportLink = (file: string, extra = "") => `${base}/export/${file}${d.qs}${extra ? (d.qs ? "&" : "?") + extra : ""}`;
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
        <Link className="govuk-link" to={`${base}/panel-pack`}>
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
        <NotificationBanner title="Filtered" titleId="filter-title" headingId="filter-description">
          Only respondents who answered: {d.filterLabel}. Every base below is of these respondents.
        </NotificationBanner>
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
