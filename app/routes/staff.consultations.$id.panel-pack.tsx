import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useSyncExternalStore } from "react";
import { EvidenceList } from "~/evidence/evidence-list";
import { ExcludedTable, IntervalNote, QuestionResults, RespondentsNotPopulation, ResponseTotalsTable, SuppressionNote } from "~/results/results-tables";
import { StaffPage } from "~/ui/staff-page";
import { formatUkDate } from "~/lifecycle/lifecycle";
import { db } from "~/server/db.server";
import { getConsultationForStaff } from "~/models/consultation.server";
import { ALL_RESPONDENTS, resultsFor } from "~/models/results.server";
import { requireStaff } from "~/auth/staff-auth.server";
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
  const [{ questions, totals, channels, weighting: weightingReport }, statements, who] = await Promise.all([
    results.results({ consultationId: c.id, definition: c.currentVersion.definition, query: { ...ALL_RESPONDENTS, weighting } }),
    results.statements({ consultationId: c.id }),
    results.whoResponded({ consultationId: c.id, definition: c.currentVersion.definition }),
  ]);
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
    preparedOn: new Date().toISOString(),
  });
}

const noSubscription = () => () => {};

function PrintButton() {
  // window.print needs JavaScript: without it, the page says how to print instead.
  // False when rendered on the server, true once hydrated: the React way to render client-only UI.
  const canPrint = useSyncExternalStore(noSubscription, () => true, () => false);
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
  return (
    <StaffPage title={["Panel pack", c.title]} nav={d} back={{ to: `/staff/consultations/${c.id}/results`, label: "Back to the results" }}>
      <span className="govuk-caption-l">Report to the Police and Crime Panel</span>
      <h1 className="govuk-heading-l">{c.title}: consultation results</h1>
      <PrintButton />
      <p className="govuk-body">{c.summary}</p>
      <p className="govuk-body">
        Open from {formatUkDate(c.opensAt)} to {formatUkDate(c.closesAt)}. Prepared {formatUkDate(d.preparedOn)}.
      </p>
      <RespondentsNotPopulation />
      <SuppressionNote threshold={d.threshold} />

      <h2 className="govuk-heading-m">Headline figures</h2>
      {d.statements.length ? <EvidenceList statements={d.statements} showSection /> : <p className="govuk-body">No evidence statements have been defined for this consultation.</p>}
      <IntervalNote />

      <h2 className="govuk-heading-m">Responses</h2>
      <ResponseTotalsTable counted={d.channels.counted} byChannel={d.channels.byChannel} />
      <ExcludedTable excluded={d.excluded} />

      {c.whatWeDid ? (
        <>
          <h2 className="govuk-heading-m">What we did</h2>
          <p className="govuk-body app-what-we-did">{c.whatWeDid}</p>
        </>
      ) : null}

      <div className="app-page-break">
        <WhoRespondedSection who={d.who} charts={false} />
      </div>
      {d.weightingReport ? <WeightingSummary report={d.weightingReport} /> : null}

      <h2 className="govuk-heading-l app-page-break">Results by question</h2>
      {d.questions.map((q) => (
        <section key={q.id} id={`q-${q.id}`} className="govuk-!-margin-bottom-8" aria-labelledby={`h-${q.id}`}>
          <h3 className="govuk-heading-m" id={`h-${q.id}`}>
            {q.title}
          </h3>
          <QuestionResults question={q} intervals />
        </section>
      ))}
    </StaffPage>
  );
}
