import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EvidenceList } from "~/evidence/evidence-list";
import { ExcludedTable, IntervalNote, QuestionResults, RespondentsNotPopulation, ResponseTotalsTable, SuppressionNote } from "~/results/results-tables";
import { StaffPage } from "~/ui/staff-page";
import { useHydrated } from "~/ui/use-hydrated";
import { formatUkDate } from "~/lifecycle/lifecycle";
import { db } from "~/server/db.server";
import { getConsultationForStaff } from "~/models/consultation.server";
import { ALL_RESPONDENTS, resultsFor } from "~/models/results.server";
import { requireStaff } from "~/auth/staff-auth.server";
import { CodedThemesSection } from "~/coding/coded-themes-section";
import { parseWeightingQuery } from "~/weighting/weighting-query";
import { WeightingSummary, WhoRespondedSection } from "~/weighting/who-responded-tables";

/**
 * The Panel pack: one printable document for the Police and Crime Panel (print stylesheet in
 * app.scss; "Save as PDF" from the browser's print dialog). Panel papers are published, so the
 * pack is disclosure-controlled like the public page, and holds no written answers.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "analyst");
  const c = params.id ? await getConsultationForStaff(db(), { id: params.id }) : null;
  if (!c?.currentVersion) throw json("There is no consultation with results at this address.", { status: 404 });
  // Panel papers are published: the pack is what staff publish, not their working figures.
  const results = resultsFor(db(), "published");
  // Weighted figures when the results page asked for them (its link carries the weighting).
  const { weighting } = parseWeightingQuery(new URL(request.url).searchParams);
  const [{ questions, totals, channels, weighting: weightingReport }, statements, themes] = await Promise.all([
    results.results({ consultationId: c.id, definition: c.currentVersion.definition, query: { ...ALL_RESPONDENTS, weighting } }),
    results.statements({ consultationId: c.id }),
    results.themes({ consultationId: c.id, definition: c.currentVersion.definition }),
  ]);
  const who = await results.whoResponded({ consultationId: c.id, definition: c.currentVersion.definition, tables: questions });
  return json({
    staff: session.staff,
    csrf: session.csrfToken,
    consultation: { id: c.id, title: c.title, summary: c.summary, opensAt: c.opensAt, closesAt: c.closesAt, whatWeDid: c.whatWeDid },
    threshold: results.threshold,
    channels,
    excluded: totals.excluded,
    questions,
    who,
    weightingReport,
    statements: statements.map((s) => results.shown(s, `/staff/consultations/${c.id}/results#q-${s.question.id}`)),
    weightedStatements: await results.weightedStatements({ consultationId: c.id, definition: c.currentVersion.definition, weighting, statements }),
    preparedOn: new Date().toISOString(),
    themes,
  });
}

function PrintButton() {
  // window.print needs JavaScript: without it, the page says how to print instead.
  const canPrint = useHydrated();
  return canPrint ? (
    <button type="button" className="govuk-button app-no-print" onClick={() => window.print()}>
      Print or save as PDF
    </button>
  ) : (
    <p className="govuk-body app-no-print">To save as PDF, use your browser&apos;s Print command and choose &ldquo;Save as PDF&rdquo;.</p>
  );
}

export default function PanelPack() {
  const d = useLoaderData<typeof loader>();
  const c = d.consultation;
  const excluded = d.excluded.reduce((n, e) => n + e.n, 0);
  const sections = [
    { id: "headlines", title: "Headline figures" },
    { id: "responses", title: "Responses" },
    ...(c.whatWeDid ? [{ id: "what-we-did", title: "What we did" }] : []),
    { id: "who-responded", title: "Who responded" },
    { id: "by-question", title: "Results by question" },
    { id: "method", title: "Method and caveats" },
  ];
  return (
    <StaffPage title={["Panel pack", c.title]} nav={d} back={{ to: `/staff/consultations/${c.id}/results`, label: "Back to the results" }}>
      <PrintButton />
      <div className="app-pack">
        <header className="app-pack__cover">
          <p className="govuk-caption-l">Office of the Police and Crime Commissioner for County Durham and Darlington</p>
          <p className="govuk-body-l govuk-!-font-weight-bold">Report to the Police and Crime Panel</p>
          <h1 className="govuk-heading-xl">{c.title}: consultation results</h1>
          <p className="govuk-body-l">{c.summary}</p>
          <dl className="govuk-summary-list govuk-summary-list--no-border app-pack__facts">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Open</dt>
              <dd className="govuk-summary-list__value">
                {formatUkDate(c.opensAt)} to {formatUkDate(c.closesAt)}
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Responses counted</dt>
              <dd className="govuk-summary-list__value">{d.channels.counted === null ? "[c]" : d.channels.counted.toLocaleString("en-GB")}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Prepared</dt>
              <dd className="govuk-summary-list__value">{formatUkDate(d.preparedOn)}</dd>
            </div>
          </dl>
        </header>

        <nav className="app-pack__contents" aria-labelledby="contents-heading">
          <h2 className="govuk-heading-l" id="contents-heading">
            Contents
          </h2>
          <ol className="govuk-list govuk-list--number">
            {sections.map((s) => (
              <li key={s.id}>
                <a className="govuk-link" href={`#${s.id}`}>
                  {s.title}
                </a>
                {s.id === "by-question" ? (
                  <ol className="govuk-list app-pack__questions">
                    {d.questions.map((q, i) => (
                      <li key={q.id}>
                        <a className="govuk-link" href={`#q-${q.id}`}>
                          Q{i + 1}. {q.title}
                        </a>
                      </li>
                    ))}
                  </ol>
                ) : null}
              </li>
            ))}
          </ol>
        </nav>

        <section className="app-pack__section" aria-labelledby="headlines">
          <h2 className="govuk-heading-l" id="headlines">
            1. Headline figures
          </h2>
          <RespondentsNotPopulation />
          {d.statements.length ? <EvidenceList statements={d.statements} showSection weighted={d.weightedStatements} /> : <p className="govuk-body">No evidence statements have been defined for this consultation.</p>}
        </section>

        <section className="app-pack__section" aria-labelledby="responses">
          <h2 className="govuk-heading-l" id="responses">
            2. Responses
          </h2>
          <ResponseTotalsTable counted={d.channels.counted} byChannel={d.channels.byChannel} />
          <ExcludedTable excluded={d.excluded} />
        </section>

        {c.whatWeDid ? (
          <section className="app-pack__section" aria-labelledby="what-we-did">
            <h2 className="govuk-heading-l" id="what-we-did">
              3. What we did
            </h2>
            <p className="govuk-body app-what-we-did">{c.whatWeDid}</p>
          </section>
        ) : null}

        <div className="app-pack__section app-page-break">
          <WhoRespondedSection who={d.who} charts={false} number={sections.findIndex((s) => s.id === "who-responded") + 1} />
          {d.weightingReport ? <WeightingSummary report={d.weightingReport} /> : null}
        </div>

        <section className="app-pack__section app-page-break" aria-labelledby="by-question">
          <h2 className="govuk-heading-l" id="by-question">
            {sections.findIndex((s) => s.id === "by-question") + 1}. Results by question
          </h2>
          {d.questions.map((q, i) => (
            // Not a named region: each table's scroll area is one, named by the same words.
            <section key={q.id} id={`q-${q.id}`} className="app-pack__question">
              <h3 className="govuk-heading-m" id={`h-${q.id}`}>
                Q{i + 1}. {q.title}
              </h3>
              <QuestionResults question={q} intervals />
            </section>
          ))}
          <CodedThemesSection themes={d.themes} intervals />
        </section>

        <section className="app-pack__section app-page-break" aria-labelledby="method">
          <h2 className="govuk-heading-l" id="method">
            {sections.length}. Method and caveats
          </h2>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              The consultation was open to anyone from {formatUkDate(c.opensAt)} to {formatUkDate(c.closesAt)}, online and on paper, at events and by phone. People
              chose to take part: they are not a random sample, so the figures describe the people who responded, not everyone in County Durham and Darlington.
            </li>
            <li>Each response is counted once, with how it came in. Paper, event and phone responses were typed in by staff and checked in the same way as online ones.</li>
            <li>
              {excluded
                ? `${excluded.toLocaleString("en-GB")} responses were held apart and not counted (for example, sent in under the minimum time a person needs); the reasons are in section 2.`
                : "No responses were held apart."}
            </li>
            <li>Every percentage is of the base stated beside it: the people who answered that question. Bases differ because questions were optional or asked of some people only.</li>
            <li>Percentages are rounded to one decimal place from unrounded figures, so they may not add up to exactly 100%. Where people could choose more than one answer, percentages add up to more than 100%.</li>
            <li>
              To protect respondents, no figure based on fewer than {d.threshold ?? 10} people is shown, nor any figure from which one could be worked out; such figures are
              marked [c].
            </li>
            <li>
              95% intervals are Wilson score intervals. They show the precision a figure would have if respondents were a random sample of residents; because they
              chose to take part, treat them as indicative only.
            </li>
            <li>Written answers are not included in this pack: they may identify people. Where staff have coded them, the themes are counted under their question, and a theme coded less reliably than agreed is marked provisional.</li>
          </ul>
          <IntervalNote />
          <SuppressionNote threshold={d.threshold} />
        </section>
      </div>
    </StaffPage>
  );
}
