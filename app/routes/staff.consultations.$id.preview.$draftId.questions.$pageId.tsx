import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { EntryBanner, EntryQuestionPage } from "~/staff-entry/entry-pages";
import type { FieldError } from "~/responding/validation";
import { entryPageData, saveEntryPage } from "~/staff-entry/staff-entry.server";
import { requireStaff, requireStaffAction } from "~/auth/staff-auth.server";
import { navData } from "~/auth/staff-workspace.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "editor");
  return json({ ...navData(session), data: await entryPageData(params, "preview", request) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { form } = await requireStaffAction(request, "editor");
  return saveEntryPage(params, "preview", request, form);
}

export default function PreviewQuestionPage() {
  const { data, ...nav } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { errors: FieldError[]; values: Record<string, string[]> } | undefined;
  return (
    <EntryQuestionPage
      nav={nav}
      banner={<EntryBanner title="Preview">This is the working copy as residents will see it. Nothing you enter is recorded.</EntryBanner>}
      data={data}
      errors={actionData?.errors ?? []}
      values={actionData?.values ?? data.values}
    />
  );
}
