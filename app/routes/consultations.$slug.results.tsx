import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EvidenceList } from "~/evidence/evidence-list";
import { PageTitle } from "~/ui/page-title";
import { BackLink } from "~/ui/back-link";
import { QuestionResults, RespondentsNotPopulation, ResponseTotalsTable, SuppressionNote } from "~/results/results-tables";
import { formatUkDate } from "~/lifecycle/lifecycle";
import { db } from "~/server/db.server";
import { getConsultationBySlug } from "~/models/consultation.server";
import { ALL_RESPONDENTS, resultsFor } from "~/models/results.server";
import { WhoRespondedSection } from "~/weighting/who-responded-tables";
import { CodedThemesSection } from "~/coding/coded-themes-section";

/**
 * "You said, we did": the public results, only once staff have published them. Everything here
 * is disclosure-controlled (small numbers shown as [c]) and no written answer is shown.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const c = params.slug ? await getConsultationBySlug(db(), { slug: params.slug }) : null;
  if (!c || c.status === "draft") throw json("If you typed the web address, check it is correct.", { status: 404 });
  if (!c.resultsPublishedAt) {
    // Say plainly that results are not out yet, with the status a missing page has.
    return json({ published: false as const, consultation: { slug: c.slug, title: c.title, closesAt: c.closesAt } }, { status: 404 });
  }
  const results = resultsFor(db(), "public");
  const [{ questions, channels }, statements, themes] = await Promise.all([
    results.results({ consultationId: c.id, definition: c.definition, query: ALL_RESPONDENTS }),
    results.statements({ consultationId: c.id }),
    results.themes({ consultationId: c.id, definition: c.definition }),
  ]);
  // Withheld where the tables above withhold.
  const who = await results.whoResponded({ consultationId: c.id, definition: c.definition, tables: questions });
  return json({
    published: true as const,
    consultation: { slug: c.slug, title: c.title, summary: c.summary, closesAt: c.closesAt, opensAt: c.opensAt, publishedAt: c.resultsPublishedAt, whatWeDid: c.whatWeDid },
    threshold: results.threshold,
    channels,
    questions,
    who,
    statements: statements.map((s) => results.shown(s, `/consultations/${c.slug}/results#q-${s.question.id}`)),
    themes,
  });
}

export default function PublicResults() {
  const data = useLoaderData<typeof loader>();
  if (!data.published) {
    return (
      <>
        <PageTitle parts={["Results not published yet", data.consultation.title]} />
        <BackLink to={`/consultations/${data.consultation.slug}`}>Back to the consultation</BackLink>
        <span className="govuk-caption-l">{data.consultation.title}</span>
        <h1 className="govuk-heading-l">Results not published yet</h1>
        <p className="govuk-body">
          We publish what people told us, and what the Commissioner did about it, once the consultation has closed and the responses have been
          analysed. Come back later.
        </p>
      </>
    );
  }
  const { consultation: c } = data;
  return (
    <>
      <PageTitle parts={["You said, we did", c.title]} />
      <BackLink to={`/consultations/${c.slug}`}>Back to the consultation</BackLink>
      <span className="govuk-caption-l">{c.title}</span>
      <h1 className="govuk-heading-l">You said, we did</h1>
      <p className="govuk-body-l">{c.summary}</p>
      <p className="govuk-body">
        The consultation ran from {formatUkDate(c.opensAt)} to {formatUkDate(c.closesAt)}. Results published {formatUkDate(c.publishedAt)}.
      </p>

      <h2 className="govuk-heading-m">What we did</h2>
      <p className="govuk-body app-what-we-did" id="what-we-did">
        {c.whatWeDid}
      </p>

      <ResponseTotalsTable counted={data.channels.counted} byChannel={data.channels.byChannel} />
      <RespondentsNotPopulation />

      {data.statements.length ? (
        <>
          <h2 className="govuk-heading-m">Headline figures</h2>
          <EvidenceList statements={data.statements} showSection />
        </>
      ) : null}

      <WhoRespondedSection who={data.who} compact />

      <h2 className="govuk-heading-l">What we asked and what you said</h2>
      <SuppressionNote threshold={data.threshold} />
      {/* Sections are not named regions: each table's scroll area is one, named by the same words. */}
      {data.questions.map((q) => (
        <section key={q.id} id={`q-${q.id}`} className="govuk-!-margin-bottom-8">
          <h3 className="govuk-heading-m" id={`h-${q.id}`}>
            {q.title}
          </h3>
          <QuestionResults question={q} intervals={false} />
        </section>
      ))}
      <CodedThemesSection themes={data.themes} />
    </>
  );
}
