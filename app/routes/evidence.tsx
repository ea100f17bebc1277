import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EvidenceList } from "~/evidence/evidence-list";
import { intervalNote } from "~/evidence/evidence";
import { PageTitle } from "~/ui/page-title";
import { RespondentsNotPopulation, SuppressionNote } from "~/results/results-tables";
import { db } from "~/server/db.server";
import { listSections } from "~/models/evidence.server";
import { resultsFor } from "~/models/results.server";

/**
 * /evidence: the evidence statements of published consultations, by section of the Police and
 * Crime Plan, as a page anyone can read (the same statements, figures and disclosure control as
 * /api/evidence.json). Each gives its figure, base, indicative interval and a link to the results
 * it came from; a withheld figure says so.
 */
export async function loader() {
  const results = resultsFor(db(), "public");
  const [sections, statements] = await Promise.all([listSections(db()), results.statements()]);
  const shown = statements.map((s) => results.shown(s, `/consultations/${s.consultation.slug}/results#q-${s.question.id}`));
  return json({
    threshold: results.threshold,
    intervalNote: intervalNote(),
    sections: sections.map((s) => ({ id: s.id, name: s.name, statements: shown.filter((x) => x.section.id === s.id) })).filter((s) => s.statements.length > 0),
  });
}

export default function PublicEvidence() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle parts={["Evidence for the Police and Crime Plan"]} />
      <h1 className="govuk-heading-xl">Evidence for the Police and Crime Plan</h1>
      <p className="govuk-body-l">What residents told the Commissioner in consultations whose results are published, under the sections of the plan they inform.</p>
      <RespondentsNotPopulation />
      <SuppressionNote threshold={d.threshold} />
      <p className="govuk-body-s app-muted">{d.intervalNote}</p>
      {d.sections.length === 0 ? (
        <p className="govuk-body" id="no-evidence">
          No evidence has been published yet. <Link className="govuk-link" to="/results">See published results</Link>.
        </p>
      ) : (
        d.sections.map((s) => (
          <section key={s.id} aria-labelledby={`section-${s.id}`} className="govuk-!-margin-bottom-8">
            <h2 className="govuk-heading-l" id={`section-${s.id}`}>
              {s.name}
            </h2>
            <EvidenceList statements={s.statements} />
          </section>
        ))
      )}
      <p className="govuk-body">
        The same statements as data: <a className="govuk-link" href="/api/evidence.json">evidence in JSON</a>.
      </p>
    </>
  );
}
