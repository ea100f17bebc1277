import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { channelLabel } from "~/responding/channels";
import { EntryBanner, EntryCheckPage } from "~/staff-entry/entry-pages";
import { Csrf } from "~/ui/staff-page";
import { entryCheckData, submitPaper } from "~/staff-entry/staff-entry.server";
import { requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData } from "~/auth/staff-workspace.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  return json({ ...navData(session), data: await entryCheckData(params, "paper") });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session } = await requireStaffAction(request, "editor");
  return submitPaper(params, session);
}

export default function PaperCheck() {
  const { data, ...nav } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  return (
    <EntryCheckPage nav={nav} data={data} banner={<EntryBanner title="Entering a response">{channelLabel(data.channel, "name")} response. Check it against the original before submitting.</EntryBanner>}>
      <h2 className="govuk-heading-m">Record this response</h2>
      <p className="govuk-body">It is counted in the results as a {data.channel} response. It cannot be changed afterwards.</p>
      <Form method="post">
        <Csrf token={nav.csrf} />
        <button type="submit" className="govuk-button" data-prevent-double-click="true" disabled={navigation.state === "submitting"}>
          Submit {data.channel} response
        </button>
      </Form>
    </EntryCheckPage>
  );
}
