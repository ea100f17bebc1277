import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageTitle } from "~/ui/page-title";
import { formatUkDate } from "~/lifecycle/lifecycle";
import { requireConsultation } from "~/responding/respond.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const c = await requireConsultation(params.slug);
  return json({ consultation: { slug: c.slug, title: c.title, closesAt: c.closesAt } });
}

export default function Confirmation() {
  const { consultation } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <PageTitle parts={["Response submitted", consultation.title]} />
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Response submitted</h1>
          <div className="govuk-panel__body">Thank you for taking part in the {consultation.title}</div>
        </div>
        <h2 className="govuk-heading-m">What happens next</h2>
        <p className="govuk-body">
          The consultation closes on {formatUkDate(consultation.closesAt)}. The Police and Crime Commissioner will read every response and
          consider them before making a decision. For the policing precept, the Police and Crime Panel reviews the Commissioner's proposal
          in late January or early February.
        </p>
        <p className="govuk-body">
          We will publish a summary of what people said, and what we did as a result, on this website. We publish totals only, never a figure
          based on fewer than 10 people.
        </p>
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
