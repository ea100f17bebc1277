import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageTitle } from "~/ui/page-title";
import { confirmationFor } from "~/responding/confirmation";
import { requireConsultation } from "~/responding/respond.server";
import { env } from "~/server/env.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const c = await requireConsultation(params.slug);
  return json({
    consultation: { title: c.title },
    confirmation: confirmationFor(c, c.definition),
    threshold: env().SUPPRESSION_THRESHOLD,
  });
}

export default function Confirmation() {
  const { consultation, confirmation: next, threshold } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <PageTitle parts={["Response submitted", consultation.title]} />
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Response submitted</h1>
          <div className="govuk-panel__body">Thank you for taking part in the {consultation.title}</div>
        </div>
        <h2 className="govuk-heading-m">What happens next</h2>
        {next.whatHappensNext.map((paragraph, i) => (
          <p key={i} className="govuk-body">
            {paragraph}
          </p>
        ))}
        {next.closing ? <p className="govuk-body">{next.closing}</p> : null}
        {next.results ? (
          <p className="govuk-body">
            The results are published.{" "}
            <Link className="govuk-link" to={next.results.href}>
              You said, we did: read what people said and what the Commissioner did
            </Link>
          </p>
        ) : (
          <p className="govuk-body">
            We will publish a summary of what people said, and what we did as a result, on this website. We publish totals only, never a figure
            based on fewer than {threshold} people.
          </p>
        )}
        <p className="govuk-body">Your response is anonymous, so we cannot find it again to change or remove it.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/consultations">
            See other consultations
          </Link>
        </p>
      </div>
    </div>
  );
}
