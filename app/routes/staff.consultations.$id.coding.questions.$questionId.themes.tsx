import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { BreakdownFigures, CodingNav, codingBase, StanceFigures, ThemeFigures } from "~/coding/coding-ui";
import { codingQuestionPage } from "~/coding/context.server";
import { loadQuestionThemes } from "~/coding/themes.server";
import { breakdownChoices, breakdownLabel, filterChoices, filterLabel, parseResultsQuery, queryString } from "~/results/query";
import { formatCount, formatPercent } from "~/results/statistics";
import { Select } from "~/ui/fields";
import { StaffPage } from "~/ui/staff-page";
import { db } from "~/server/db.server";
import { env } from "~/server/env.server";

/**
 * Themes as figures: each code's respondents among those who answered and were coded, the
 * percentage and its Wilson interval, with the same subgroup filter, breakdown and disclosure
 * control ("as published") as the closed questions.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await codingQuestionPage(request, params);
  const { c, def, question } = ctx;
  const { query, errors } = parseResultsQuery(new URL(request.url).searchParams, def!);
  const threshold = query.published ? env().SUPPRESSION_THRESHOLD : null;
  const themes = (await loadQuestionThemes(db(), {
    consultationId: c.id,
    definition: def!,
    questionId: question.id,
    filter: query.filter,
    by: query.by,
    threshold,
  }))!;
  return json({
    ...ctx.nav,
    consultation: { id: c.id, title: c.title },
    question,
    themes,
    errors,
    threshold: env().SUPPRESSION_THRESHOLD,
    query: {
      by: query.by ? `${query.by.questionId}|${query.by.itemId}` : "",
      filter: query.filter ? `${query.filter.questionId}|${query.filter.itemId}|${query.filter.optionIds[0]}` : "",
      published: query.published,
    },
    labels: { filter: query.filter ? filterLabel(def!, query.filter) : null, by: query.by ? breakdownLabel(def!, query.by) : null },
    choices: { filter: filterChoices(def!), by: breakdownChoices(def!) },
    exportQuery: queryString(query, { question: question.id }),
  });
}

export default function Themes() {
  const d = useLoaderData<typeof loader>();
  const t = d.themes;
  return (
    <StaffPage title={["Themes", d.question.title]} nav={d} errors={d.errors} back={{ to: codingBase(d.consultation.id), label: "Back to coding" }}>
      <span className="govuk-caption-l">{d.consultation.title}</span>
      <h1 className="govuk-heading-l">Themes: {d.question.title}</h1>
      <CodingNav consultationId={d.consultation.id} questionId={d.question.id} />
      <Form method="get" className="app-results-form">
        <Select
          id="filter"
          name="filter"
          label="Respondents"
          value={d.query.filter}
          options={[{ value: "", label: "Everyone who answered" }, ...d.choices.filter]}
        />
        <Select id="by" name="by" label="Break down by" value={d.query.by} options={[{ value: "", label: "No breakdown" }, ...d.choices.by]} />
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id="published" name="published" type="checkbox" value="1" defaultChecked={d.query.published} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="published">
                Show as published (figures under {d.threshold} withheld)
              </label>
            </div>
          </div>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Update themes
        </button>
      </Form>
      <p className="govuk-body" id="themes-coverage">
        {formatCount(t.table.coded)} of {formatCount(t.table.answered)} answers coded
        {t.table.coverage !== null ? ` (${formatPercent(t.table.coverage * 100)})` : ""}.
        {t.table.coverage !== null && t.table.coverage < 1 ? " Until every answer is coded, figures describe the answers coded so far." : ""}
      </p>
      {t.statements.length ? (
        <>
          <h2 className="govuk-heading-m">Main themes</h2>
          <ul className="govuk-list govuk-list--bullet" id="theme-statements">
            {t.statements.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      ) : null}
      <ThemeFigures table={t.table} caption={`Themes in answers to "${d.question.title}"${d.labels.filter ? `, ${d.labels.filter}` : ""}`} />
      {t.breakdown && d.labels.by ? (
        <BreakdownFigures breakdown={t.breakdown} id="themes-breakdown" firstHeader="Code" caption={`Themes by ${d.labels.by} (% of coded respondents in each group)`} />
      ) : null}
      {t.stance ? (
        <>
          <h2 className="govuk-heading-m">Stance</h2>
          <StanceFigures table={t.stance} caption={`Stance in answers to "${d.question.title}"${d.labels.filter ? `, ${d.labels.filter}` : ""}`} />
          {t.stanceBreakdown && d.labels.by ? (
            <BreakdownFigures
              breakdown={t.stanceBreakdown}
              id="stance-breakdown"
              firstHeader="Stance"
              caption={`Stance by ${d.labels.by} (% of respondents in each group whose view was coded)`}
            />
          ) : null}
        </>
      ) : null}
      <h2 className="govuk-heading-m">Approved quotes</h2>
      {t.noPublicQuotes ? <p className="govuk-body">This consultation is marked &quot;no public quotes&quot;: none is ever published.</p> : null}
      {t.quotes.length ? (
        <ul className="govuk-list" id="approved-quotes">
          {t.quotes.map((q) => (
            <li key={q.id} className="govuk-!-margin-bottom-4">
              <blockquote className="app-quote">&ldquo;{q.excerpt}&rdquo;</blockquote>
              <p className="govuk-body-s">
                {q.codeLabel}.{" "}
                {q.publishable ? "Can be published." : "Not publishable here: the code's group is under the threshold, or quotes are not allowed."}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No quotes have been approved yet.</p>
      )}
      <h2 className="govuk-heading-m">Download</h2>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={`/staff/consultations/${d.consultation.id}/export/coded-themes.csv${d.exportQuery}`} download>
            Coded themes (CSV)
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`/staff/consultations/${d.consultation.id}/export/coded-themes.xlsx${d.exportQuery}`} download>
            Coded themes (Excel)
          </a>
        </li>
      </ul>
    </StaffPage>
  );
}
