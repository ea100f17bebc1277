import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageTitle } from "~/ui/page-title";
import { formatUkDate } from "~/lifecycle/lifecycle";
import { db } from "~/server/db.server";
import { listConsultations } from "~/models/consultation.server";

/** /results: every consultation whose "You said, we did" results are published, newest first. */
export async function loader() {
  const published = (await listConsultations(db()))
    .filter((c) => c.status !== "draft" && c.resultsPublishedAt)
    .sort((a, b) => (b.resultsPublishedAt ?? "").localeCompare(a.resultsPublishedAt ?? ""));
  return json({ published: published.map((c) => ({ id: c.id, slug: c.slug, title: c.title, summary: c.summary, closesAt: c.closesAt, publishedAt: c.resultsPublishedAt })) });
}

export default function PublishedResults() {
  const { published } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle parts={["You said, we did"]} />
      <h1 className="govuk-heading-xl">You said, we did</h1>
      <p className="govuk-body-l">What people told the Police and Crime Commissioner in each consultation, and what the Commissioner did about it.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/evidence">
          Evidence for the Police and Crime Plan
        </Link>{" "}
        gathers the headline figures by section of the plan.
      </p>
      {published.length === 0 ? (
        <p className="govuk-body" id="no-results">
          No results have been published yet.
        </p>
      ) : (
        <ul className="govuk-list" id="published-results">
          {published.map((c) => (
            <li key={c.id} className="govuk-!-margin-bottom-6">
              <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                <Link className="govuk-link" to={`/consultations/${c.slug}/results`}>
                  {c.title}
                </Link>
              </h2>
              <p className="govuk-body govuk-!-margin-bottom-1">{c.summary}</p>
              <p className="govuk-body-s app-muted govuk-!-margin-bottom-0">
                {c.closesAt ? `Closed on ${formatUkDate(c.closesAt)}. ` : ""}Results published on {formatUkDate(c.publishedAt)}.
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
