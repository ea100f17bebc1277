import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { channelLabel } from "~/responding/channels";
import { EntryBanner, EntryQuestionPage } from "~/staff-entry/entry-pages";
import type { FieldError } from "~/responding/validation";
import { entryPageData, saveEntryPage } from "~/staff-entry/staff-entry.server";
import { requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData } from "~/auth/staff-workspace.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  return json({ ...navData(session), data: await entryPageData(params, "paper", request) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { form } = await requireStaffAction(request, "editor");
  return saveEntryPage(params, "paper", request, form);
}

export default function PaperQuestionPage() {
  const { data, ...nav } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { errors: FieldError[]; values: Record<string, string[]>; notAnswered?: string[] } | undefined;
  return (
    <EntryQuestionPage
      nav={nav}
      banner={<EntryBanner title="Entering a response">{channelLabel(data.channel, "name")} response. Type the answers exactly as given; where the form gives none, tick &ldquo;Not answered&rdquo;.</EntryBanner>}
      data={data}
      errors={actionData?.errors ?? []}
      values={actionData?.values ?? data.values}
      notAnswered={actionData?.notAnswered ?? data.notAnswered?.checked ?? []}
    />
  );
}
