import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Csrf, StaffPage } from "~/ui/staff-page";
import { startEntry } from "~/staff-entry/staff-entry.server";
import { requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData, requireStaffConsultation } from "~/auth/staff-workspace.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  const c = await requireStaffConsultation(params.id);
  return json({
    ...navData(session),
    consultation: { id: c.id, title: c.title, pages: c.draftDefinition.pages.length, minutes: c.draftDefinition.estimatedMinutes },
    expired: new URL(request.url).searchParams.has("expired"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaffAction(request, "editor");
  return startEntry(await requireStaffConsultation(params.id), "preview");
}

export default function PreviewStart() {
  const { consultation: c, expired, ...nav } = useLoaderData<typeof loader>();
  return (
    <StaffPage title={["Preview", c.title]} nav={nav} back={{ to: `/staff/consultations/${c.id}`, label: "Back to the consultation" }}>
      <span className="govuk-caption-l">{c.title}</span>
      <h1 className="govuk-heading-l">Preview</h1>
      {expired ? <p className="govuk-body">That preview has ended. Start a new one.</p> : null}
      <p className="govuk-body">
        Go through the working copy of the questions ({c.pages} {c.pages === 1 ? "page" : "pages"}, about {c.minutes} minutes) exactly as a resident will, with the
        same checks on every answer. Nothing you enter is recorded or counted, and it cannot be submitted.
      </p>
      <Form method="post">
        <Csrf token={nav.csrf} />
        <button type="submit" className="govuk-button">Start the preview</button>
      </Form>
    </StaffPage>
  );
}
