import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CheckSummary } from "~/builder/check-summary";
import { openingCheck } from "~/lifecycle/opening-check";
import { StaffPage } from "~/ui/staff-page";
import { requireStaff } from "~/auth/staff-auth.server";
import { navData, requireStaffConsultation } from "~/auth/staff-workspace.server";

/** "Check before you open": the working copy as residents will get it, with anything to look at first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  const c = await requireStaffConsultation(params.id);
  return json({
    ...navData(session),
    consultation: { id: c.id, title: c.title },
    check: openingCheck(c.draftDefinition, { title: c.title, opensAt: c.opensAt, closesAt: c.closesAt }),
  });
}

export default function CheckBeforeOpening() {
  const { consultation: c, check, ...nav } = useLoaderData<typeof loader>();
  const base = `/staff/consultations/${c.id}`;
  return (
    <StaffPage title={["Check before you open", c.title]} nav={nav} back={{ to: base, label: "Back to the consultation" }}>
      <span className="govuk-caption-l">{c.title}</span>
      <h1 className="govuk-heading-l">Check before you open</h1>
      <p className="govuk-body">What residents will be given when it opens, from the working copy in the builder.</p>
      <CheckSummary check={check} />
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={`${base}/preview`}>
            Preview it as a resident will see it
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`${base}/definition`}>
            Change the questions
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`${base}/edit`}>
            Change the title, summary or dates
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`${base}#lifecycle`}>
            Open or schedule it
          </Link>
        </li>
      </ul>
    </StaffPage>
  );
}
