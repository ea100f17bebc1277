import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageTitle } from "~/components/page-title";
import { QuestionResultView } from "~/components/results-tables";
import { aggregate } from "~/consultation/aggregate";
import { formatCount } from "~/consultation/statistics";
import { db } from "~/db.server";
import { readCounts, responseTotals } from "~/models/response.server";
import { requireConsultation } from "~/respond.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const c = await requireConsultation(params.slug);
  const [counts, totals] = await Promise.all([readCounts(db(), { consultationId: c.id }), responseTotals(db(), { consultationId: c.id })]);
  return json({
    consultation: { slug: c.slug, title: c.title },
    totals,
    results: aggregate(c.definition, counts),
  });
}

export default function Results() {
  const { consultation, totals, results } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle parts={["Results", consultation.title]} />
      <Link to={`/consultations/${consultation.slug}`} className="govuk-back-link">
        Back to the consultation
      </Link>
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">Results</h1>
      <p className="govuk-body" id="response-count">
        {formatCount(totals.counted)} responses counted
        {Object.keys(totals.byChannel).length
          ? ` (${Object.entries(totals.byChannel)
              .map(([channel, n]) => `${formatCount(n)} ${channel}`)
              .join(", ")})`
          : ""}
        .
      </p>
      <div className="govuk-inset-text">
        People chose to take part in this consultation, so these figures describe the people who responded, not everyone who lives in County
        Durham and Darlington.
      </div>
      {results.map((r) => (
        <section key={r.question.id} className="govuk-!-margin-bottom-8">
          {/* loader data is plain JSON; the shapes match QuestionResult */}
          <QuestionResultView result={r as never} />
        </section>
      ))}
    </>
  );
}
