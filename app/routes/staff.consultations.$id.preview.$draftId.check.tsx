import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EntryBanner, EntryCheckPage } from "~/staff-entry/entry-pages";
import { entryCheckData } from "~/staff-entry/staff-entry.server";
import { requireStaff } from "~/auth/staff-auth.server";
import { navData } from "~/auth/staff-workspace.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  return json({ ...navData(session), data: await entryCheckData(params, "preview") });
}

export default function PreviewCheck() {
  const { data, ...nav } = useLoaderData<typeof loader>();
  return (
    <EntryCheckPage nav={nav} data={data} banner={<EntryBanner title="Preview">This is the working copy as residents will see it. Nothing you enter is recorded.</EntryBanner>}>
      <h2 className="govuk-heading-m">End of the preview</h2>
      <p className="govuk-body">Residents would submit their response here. A preview cannot be submitted, and nothing has been recorded.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/staff/consultations/${data.consultation.id}/preview`}>Start the preview again</Link> or{" "}
        <Link className="govuk-link" to={`/staff/consultations/${data.consultation.id}/definition`}>go back to the builder</Link>.
      </p>
    </EntryCheckPage>
  );
}
